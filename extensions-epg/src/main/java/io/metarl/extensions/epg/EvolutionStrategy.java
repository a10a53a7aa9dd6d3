package io.metarl.extensions.epg;

import io.metarl.core.experiment.CellExecutor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Evolution strategies with centred-rank fitness shaping, L2 decay and Adam, as in openai/EPG
 * {@code epg/evolution.py ES.train} (commit bb73d77) after Salimans et al. 2017: member {@code j} is
 * evaluated at {@code theta + sigma * s_j * eps_j}; the update ascends
 * {@code g = sum_j r_j s_j eps_j / P - l2 * theta}, where {@code r_j} is the centred rank of member
 * {@code j}'s fitness in {@code [-0.5, 0.5]} (ties share their mean rank). With antithetic sampling
 * members {@code 2k} and {@code 2k+1} share {@code eps_k} with signs {@code +1, -1} and the same task
 * seed; otherwise every member has its own.
 *
 * <p>Noise is never stored or shipped: {@code eps} is regenerated from {@link #noiseSeed} wherever
 * it is needed, so the same run seed gives the same parameters, whatever executor is used (a
 * {@link PopulationExecutor}, or any {@link CellExecutor} through {@link #step(Population, CellExecutor)}).
 */
public final class EvolutionStrategy {

  /** Fitness of one member: parameters, the epoch, the member index and the seed of its task. */
  @FunctionalInterface
  public interface Objective {
    /** The member's fitness (higher is better). */
    double fitness(double[] params, int epoch, int member, long taskSeed);
  }

  /**
   * One epoch's statistics.
   *
   * @param epoch the epoch (0-based)
   * @param fitness every member's fitness
   * @param seconds wall-clock seconds of the epoch
   */
  public record Epoch(int epoch, double[] fitness, double seconds) {
    /** Highest fitness. */
    public double best() {
      return Arrays.stream(fitness).max().orElse(Double.NaN);
    }

    /** Mean fitness. */
    public double mean() {
      return Arrays.stream(fitness).average().orElse(Double.NaN);
    }

    /** Median fitness. */
    public double median() {
      return Stats.median(fitness);
    }
  }

  private final OuterSettings settings;
  private final long seed;
  private final double[] theta;
  private final OuterAdam adam;
  private int epoch;

  /**
   * @param settings population, sigma, learning rate, L2, antithetic sampling
   * @param initial the initial parameters (copied)
   * @param seed the run's seed
   */
  public EvolutionStrategy(OuterSettings settings, double[] initial, long seed) {
    if (settings.antithetic() && settings.population() % 2 != 0) {
      throw new IllegalArgumentException("antithetic sampling needs an even population, got " + settings.population());
    }
    this.settings = settings;
    this.seed = seed;
    this.theta = initial.clone();
    this.adam = new OuterAdam(theta.length, settings.beta1());
  }

  /** The current parameters (a copy). */
  public double[] parameters() {
    return theta.clone();
  }

  /** Epochs done. */
  public int epoch() {
    return epoch;
  }

  /** The optimiser (for checkpoints). */
  OuterAdam optimiser() {
    return adam;
  }

  /** Restores parameters and epoch counter (the optimiser separately). */
  void restore(double[] params, int epochsDone) {
    System.arraycopy(params, 0, theta, 0, theta.length);
    this.epoch = epochsDone;
  }

  /** Seed of the noise of pair (or member) {@code k} at {@code epoch}. */
  public long noiseSeed(int epoch, int k) {
    return noiseSeed(seed, epoch, k);
  }

  /** Seed of the task (and the inner loop) of pair (or member) {@code k} at {@code epoch}. */
  public long taskSeed(int epoch, int k) {
    return taskSeed(seed, epoch, k);
  }

  /** A standard-normal vector regenerated from {@code seed}. */
  public static double[] noise(long seed, int dim) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] e = new double[dim];
    for (int i = 0; i < dim; i++) {
      e[i] = Stats.gaussian(rng);
    }
    return e;
  }

  /** Deterministic mixing of seeds. */
  public static long mix(long... parts) {
    long h = 0x2545F4914F6CDD1DL;
    for (long p : parts) {
      h = new SplittableRandom(h ^ (p * 0x9E3779B97F4A7C15L)).nextLong();
    }
    return h;
  }

  /**
   * Member {@code member}'s parameters at {@code epoch} around {@code base}:
   * {@code base + sigma * sign * eps}, with {@code eps} regenerated from the run seed (the same
   * arithmetic wherever a member is evaluated).
   */
  public static double[] perturbed(double[] base, long runSeed, OuterSettings settings, int epoch, int member) {
    boolean anti = settings.antithetic();
    int pair = anti ? member / 2 : member;
    double sgn = anti && member % 2 == 1 ? -1.0 : 1.0;
    double[] eps = noise(noiseSeed(runSeed, epoch, pair), base.length);
    double sigma = settings.sigma();
    double[] params = new double[base.length];
    for (int i = 0; i < params.length; i++) {
      params[i] = base[i] + sigma * sgn * eps[i];
    }
    return params;
  }

  /** Seed of the task of member {@code member} at {@code epoch} (pairs share theirs). */
  public static long memberTaskSeed(long runSeed, OuterSettings settings, int epoch, int member) {
    return taskSeed(runSeed, epoch, settings.antithetic() ? member / 2 : member);
  }

  private static long noiseSeed(long runSeed, int epoch, int k) {
    return mix(runSeed, 0x4E015EL, epoch, k);
  }

  private static long taskSeed(long runSeed, int epoch, int k) {
    return mix(runSeed, 0x7A5CL, epoch, k);
  }

  /** Evaluates one population with {@code objective} on a {@link PopulationExecutor} and applies one update. */
  public Epoch step(Objective objective, PopulationExecutor executor) {
    long start = System.nanoTime();
    final int e = epoch;
    final double[] base = theta.clone();
    double[] fitness = executor.evaluate(settings.population(),
        j -> objective.fitness(perturbed(base, seed, settings, e, j), e, j, memberTaskSeed(seed, settings, e, j)));
    return update(e, fitness, start);
  }

  /**
   * Makes the unit of work that evaluates one member ({@link Population}); the unit carries only
   * text, numbers and bytes, so that any {@link CellExecutor} (a thread pool, a cluster) may run it.
   */
  @FunctionalInterface
  public interface Population {
    /**
     * @param epoch the epoch
     * @param member the member's index
     * @param base the parameters the population is centred on (the unit encodes them)
     */
    CellExecutor.WorkUnit<Double> member(int epoch, int member, double[] base);
  }

  /**
   * Evaluates one population through {@code executor}, one unit per member, and applies one update.
   * Fitness values are gathered by member index, so the outcome does not depend on the executor or
   * the order of completion.
   *
   * @throws IllegalStateException naming the first member (by index) that failed, after all finished
   */
  public Epoch step(Population population, CellExecutor executor) {
    long start = System.nanoTime();
    final int e = epoch;
    final double[] base = theta.clone();
    int p = settings.population();
    List<CompletableFuture<Double>> futures = new ArrayList<>(p);
    for (int j = 0; j < p; j++) {
      futures.add(executor.submit(population.member(e, j, base)));
    }
    double[] fitness = new double[p];
    RuntimeException failure = null;
    for (int j = 0; j < p; j++) {
      try {
        fitness[j] = futures.get(j).get();
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while evaluating the population", ex);
      } catch (ExecutionException | CancellationException ex) {
        if (failure == null) {
          Throwable c = ex.getCause() == null ? ex : ex.getCause();
          failure = new IllegalStateException("epoch " + (e + 1) + ", population member " + j + " failed: " + c, c);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    return update(e, fitness, start);
  }

  private Epoch update(int e, double[] fitness, long start) {
    final int p = settings.population();
    for (int j = 0; j < p; j++) {
      if (Double.isNaN(fitness[j])) {
        fitness[j] = Double.NEGATIVE_INFINITY;
      }
    }
    double[] ranks = centredRanks(fitness);
    double[] g = new double[theta.length];
    int pairs = settings.antithetic() ? p / 2 : p;
    for (int k = 0; k < pairs; k++) {
      double w = settings.antithetic() ? ranks[2 * k] - ranks[2 * k + 1] : ranks[k];
      if (w == 0) {
        continue;
      }
      double[] eps = noise(noiseSeed(e, k), theta.length);
      for (int i = 0; i < g.length; i++) {
        g[i] += w * eps[i];
      }
    }
    // ascend: Adam descends on -g
    for (int i = 0; i < g.length; i++) {
      g[i] = -(g[i] / p - settings.l2() * theta[i]);
    }
    adam.step(theta, g, settings.learningRate(e));
    epoch++;
    return new Epoch(e, fitness, (System.nanoTime() - start) / 1e9);
  }

  /**
   * Centred ranks in {@code [-0.5, 0.5]}: rank / (n - 1) - 0.5, ties sharing their mean rank
   * (openai/EPG {@code relative_ranks}, with ties averaged).
   */
  public static double[] centredRanks(double[] x) {
    int n = x.length;
    double[] out = new double[n];
    if (n < 2) {
      return out;
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(x[a], x[b]));
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && Double.compare(x[order[j + 1]], x[order[i]]) == 0) {
        j++;
      }
      double r = (i + j) / 2.0;
      for (int k = i; k <= j; k++) {
        out[order[k]] = r / (n - 1) - 0.5;
      }
      i = j + 1;
    }
    return out;
  }

  /**
   * The outer loop's Adam, as openai/EPG's ES ({@code epg/utils.py}): first-moment decay {@code beta1}
   * from the settings (openai/EPG: 0, which the project's {@link io.metarl.core.nn.Optimizer}, fixed at
   * 0.9, cannot express), second-moment decay 0.999, bias-corrected step size
   * {@code lr * sqrt(1 - 0.999^t) / (1 - beta1^t)}, epsilon 1e-8 added to {@code sqrt(v)}. It descends.
   * The inner loop trains with the shared optimiser; this one moves phi only.
   */
  static final class OuterAdam {
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;
    private final double beta1;
    private final double[] m;
    private final double[] v;
    private int t;

    OuterAdam(int size, double beta1) {
      this.beta1 = beta1;
      this.m = new double[size];
      this.v = new double[size];
    }

    /** One descent step of size {@code learningRate} on {@code params} given its gradient. */
    void step(double[] params, double[] grad, double learningRate) {
      t++;
      double a = learningRate * Math.sqrt(1 - Math.pow(BETA2, t)) / (1 - Math.pow(beta1, t));
      for (int i = 0; i < grad.length; i++) {
        double g = grad[i];
        m[i] = beta1 * m[i] + (1 - beta1) * g;
        v[i] = BETA2 * v[i] + (1 - BETA2) * g * g;
        params[i] -= a * m[i] / (Math.sqrt(v[i]) + EPSILON);
      }
    }

    /** Steps taken. */
    int iterations() {
      return t;
    }

    /** First moments (live view, for checkpoints). */
    double[] firstMoments() {
      return m;
    }

    /** Second moments (live view, for checkpoints). */
    double[] secondMoments() {
      return v;
    }

    /** Restores the state saved from the moments and {@link #iterations()}. */
    void restore(double[] first, double[] second, int iterations) {
      if (first.length != m.length || second.length != v.length) {
        throw new IllegalArgumentException("Adam state of size " + first.length + " for " + m.length + " parameters");
      }
      System.arraycopy(first, 0, m, 0, m.length);
      System.arraycopy(second, 0, v, 0, v.length);
      t = iterations;
    }
  }
}
