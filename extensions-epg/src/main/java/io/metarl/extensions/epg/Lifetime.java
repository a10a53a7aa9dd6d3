package io.metarl.extensions.epg;

import io.metarl.api.env.Box;
import io.metarl.api.env.Discrete;
import io.metarl.api.env.Environment;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.api.env.Step;
import io.metarl.api.task.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * EPG's inner loop: a fresh policy lives {@code lifetime} steps on one task and is updated every M steps
 * by Adam on the gradient of {@code (1 - a) L_phi + a L_ref}, then plays {@code eval-episodes} episodes;
 * their mean return is the fitness. Behaviour of openai/EPG {@code epg/rollout.py run_batch_rl} and
 * {@code epg/agents.py GenericAgent.update} (commit bb73d77), ported, not copied:
 * <ul>
 *   <li>a buffer of the last N steps (zero-padded at the front until full) feeds the loss network;
 *       observations are normalised with running statistics updated at each update, rewards and done
 *       flags are raw;
 *   <li>each update permutes the last M steps, splits them into M / minibatch batches and, per batch,
 *       recomputes the policy outputs of the whole buffer, evaluates L_phi and back-propagates into the
 *       policy and the memory;
 *   <li>the memory is {@code tanh(mu)} with {@code mu} initialised from phi and trained by the inner loop.
 * </ul>
 * The reference loss L_ref is the A2C policy gradient {@code -mean(A log pi(a|s)) - beta H} with GAE
 * advantages (normalised per update; returns stop at every episode end, truncation included, because
 * bootstrapping truncated episodes from an extrapolating value network made it diverge on point-goal)
 * from a separate 64-64 value network fitted by squared error;
 * openai/EPG bootstraps with PPO instead, we use the A2C loss so that the test compares against the
 * project's own A2C. Everything is seeded from {@code seed}; the same inputs give the same result.
 */
public final class Lifetime {

  /**
   * What a lifetime produced.
   *
   * @param fitness mean return of the final policy over the evaluation episodes
   * @param evalReturns those returns
   * @param curve (training step at episode end, episode return) for every training episode
   * @param trainSteps environment steps of training
   * @param trainSeconds wall-clock seconds of training (acting and updates)
   * @param updateSeconds of which updates
   */
  public record Result(double fitness, double[] evalReturns, List<double[]> curve, long trainSteps,
      double trainSeconds, double updateSeconds) {

    /** Mean return of the training episodes (the area under the return-per-episode curve, per episode). */
    public double auc() {
      if (curve.isEmpty()) {
        return Double.NaN;
      }
      double s = 0;
      for (double[] p : curve) {
        s += p[1];
      }
      return s / curve.size();
    }

    /** Training environment steps per second. */
    public double stepsPerSecond() {
      return trainSteps / Math.max(trainSeconds, 1e-9);
    }
  }

  private final InnerSettings settings;
  private final LossNetworkSpec lossSpec;
  private final Policy policy;
  private final boolean discrete;
  private final int obsSize;
  private final int actionSize;
  private final float[] low;
  private final float[] high;

  /**
   * @param settings the inner loop's settings
   * @param env the spaces of the tasks
   * @param lossSpec the loss network's shape (its buffer size is used even for the reference loss)
   */
  public Lifetime(InnerSettings settings, EnvironmentSpec env, LossNetworkSpec lossSpec) {
    this.settings = settings;
    this.lossSpec = lossSpec;
    if (!(env.observationSpace() instanceof Box)) {
      throw new IllegalArgumentException("EPG needs a Box observation space, got " + env.observationSpace());
    }
    this.obsSize = env.observationSpace().flatSize();
    this.discrete = env.actionSpace() instanceof Discrete;
    this.actionSize = env.actionSpace().flatSize();
    if (discrete) {
      low = high = null;
    } else {
      Box b = (Box) env.actionSpace();
      low = b.low();
      high = b.high();
    }
    this.policy = new Policy(obsSize, actionSize, discrete, settings.hidden(), low, high);
    if (lossSpec.features() != featureSize(env) || lossSpec.policyOutputs() != policy.outputSize()) {
      throw new IllegalArgumentException("loss network expects " + lossSpec.features() + " features and "
          + lossSpec.policyOutputs() + " policy outputs; the environment gives " + featureSize(env) + " and "
          + policy.outputSize());
    }
  }

  /** F for an environment: observation + action (one-hot or continuous) + reward + done. */
  public static int featureSize(EnvironmentSpec env) {
    return env.observationSpace().flatSize() + env.actionSpace().flatSize() + 2;
  }

  /** P for an environment: action probabilities, or mean and log-std. */
  public static int policyOutputSize(EnvironmentSpec env) {
    return env.actionSpace() instanceof Discrete ? env.actionSpace().flatSize() : 2 * env.actionSpace().flatSize();
  }

  /** The policy architecture. */
  public Policy policy() {
    return policy;
  }

  /**
   * Runs one lifetime.
   *
   * @param phi loss parameters (may be null when {@code refWeight == 1})
   * @param refWeight a in {@code (1 - a) L_phi + a L_ref}
   * @param task the task
   * @param seed seeds the policy's initialisation, the action sampling and the episode resets
   */
  public Result run(double[] phi, double refWeight, Task task, long seed) {
    if (phi == null && refWeight < 1) {
      throw new IllegalArgumentException("an evolved loss is needed when the reference weight is below 1");
    }
    long start = System.nanoTime();
    SplittableRandom rng = new SplittableRandom(seed);
    SplittableRandom init = rng.split();
    SplittableRandom acting = rng.split();
    SplittableRandom resets = rng.split();
    SplittableRandom batches = rng.split();
    State st = new State(phi, refWeight, init);
    List<double[]> curve = new ArrayList<>();
    double updateNanos = 0;
    try (Environment e = task.newEnvironment()) {
      float[] obs = e.reset(resets.nextLong());
      Policy.Pass one = policy.newPass(1);
      double[] action = new double[actionSize];
      double epReturn = 0;
      int epLength = 0;
      for (int step = 0; step < settings.lifetime(); step++) {
        st.norm.normalise(obs, one.input(), 0);
        policy.forward(st.theta, one);
        int a = policy.sample(one, 0, acting, action);
        Step r = act(e, a, action);
        epReturn += r.reward();
        epLength++;
        boolean truncated = r.truncated() || settings.maxEpisodeSteps() > 0 && epLength >= settings.maxEpisodeSteps();
        boolean done = r.terminated() || truncated;
        st.push(obs, action, a, r.reward(), r.terminated(), done, r.observation());
        if (done) {
          curve.add(new double[] {step + 1, epReturn});
          epReturn = 0;
          epLength = 0;
          obs = e.reset(resets.nextLong());
        } else {
          obs = r.observation();
        }
        if ((step + 1) % settings.updateEvery() == 0) {
          long u = System.nanoTime();
          st.update(batches);
          updateNanos += System.nanoTime() - u;
        }
      }
      double trainSeconds = (System.nanoTime() - start) / 1e9;
      double[] evals = new double[settings.evalEpisodes()];
      for (int k = 0; k < evals.length; k++) {
        obs = e.reset(resets.nextLong());
        int len = 0;
        while (true) {
          st.norm.normalise(obs, one.input(), 0);
          policy.forward(st.theta, one);
          int a = policy.sample(one, 0, acting, action);
          Step r = act(e, a, action);
          evals[k] += r.reward();
          len++;
          if (r.done() || settings.maxEpisodeSteps() > 0 && len >= settings.maxEpisodeSteps() || len >= 1_000_000) {
            break;
          }
          obs = r.observation();
        }
      }
      double fit = Arrays.stream(evals).average().orElse(Double.NaN);
      return new Result(fit, evals, curve, settings.lifetime(), trainSeconds, updateNanos / 1e9);
    }
  }

  private Step act(Environment e, int a, double[] action) {
    if (discrete) {
      return e.step(a);
    }
    float[] f = new float[actionSize];
    for (int i = 0; i < actionSize; i++) {
      double v = action[i];
      if (!Double.isFinite(v)) {
        v = 0;
      }
      f[i] = (float) Math.max(low[i], Math.min(high[i], v));
    }
    return e.step(f);
  }

  /** The per-lifetime state: policy, memory, optimisers, buffer. */
  private final class State {
    final double[] phi;
    final double refWeight;
    final double[] theta;
    final double[] mu;
    final double[] mem;
    final Adam piAdam;
    final Adam memAdam;
    final Mlp valueNet;
    final double[] valueParams;
    final Adam valueAdam;
    final LossNetwork lossNet;
    final Normalizer norm = new Normalizer(obsSize);
    final int n = lossSpec.buffer();
    final float[][] obs = new float[n][];
    final float[][] next = new float[n][];
    final double[][] act = new double[n][];
    final int[] actIndex = new int[n];
    final double[] reward = new double[n];
    final boolean[] terminated = new boolean[n];
    final boolean[] done = new boolean[n];
    int nextSlot;
    int filled;
    int sinceUpdate;

    State(double[] phi, double refWeight, SplittableRandom init) {
      this.phi = phi;
      this.refWeight = refWeight;
      this.theta = policy.initialParameters(init);
      this.piAdam = new Adam(theta.length, settings.learningRate());
      int m = lossSpec.memory();
      this.mu = new double[m];
      this.mem = new double[m];
      if (phi != null) {
        System.arraycopy(phi, lossSpec.memoryOffset(), mu, 0, m);
      }
      for (int j = 0; j < m; j++) {
        mem[j] = Math.tanh(mu[j]);
      }
      this.memAdam = new Adam(m, settings.learningRate());
      this.lossNet = refWeight < 1 ? new LossNetwork(lossSpec) : null;
      if (refWeight > 0) {
        int[] sizes = new int[settings.hidden().length + 2];
        sizes[0] = obsSize;
        System.arraycopy(settings.hidden(), 0, sizes, 1, settings.hidden().length);
        sizes[sizes.length - 1] = 1;
        valueNet = new Mlp(sizes);
        valueParams = new double[valueNet.parameterCount()];
        valueNet.initialise(valueParams, 0, init, 1.0);
        valueAdam = new Adam(valueParams.length, settings.learningRate());
      } else {
        valueNet = null;
        valueParams = null;
        valueAdam = null;
      }
    }

    void push(float[] o, double[] a, int ai, double r, boolean term, boolean d, float[] nxt) {
      int i = nextSlot;
      obs[i] = o;
      next[i] = nxt;
      act[i] = a.clone();
      actIndex[i] = ai;
      reward[i] = r;
      terminated[i] = term;
      done[i] = d;
      nextSlot = (nextSlot + 1) % n;
      filled = Math.min(filled + 1, n);
      sinceUpdate++;
    }

    /** Slot of the k-th oldest entry. */
    int slot(int k) {
      return Math.floorMod(nextSlot - filled + k, n);
    }

    void update(SplittableRandom rng) {
      int fresh = Math.min(sinceUpdate, filled);
      for (int k = filled - fresh; k < filled; k++) {
        norm.update(obs[slot(k)]);
      }
      sinceUpdate = 0;
      int f = lossSpec.features();
      int pad = n - filled;
      double[] feats = new double[n * f];
      double[] obsRows = new double[n * obsSize];
      for (int r = pad; r < n; r++) {
        int sl = slot(r - pad);
        norm.normalise(obs[sl], obsRows, r * obsSize);
        System.arraycopy(obsRows, r * obsSize, feats, r * f, obsSize);
        System.arraycopy(act[sl], 0, feats, r * f + obsSize, actionSize);
        feats[r * f + obsSize + actionSize] = reward[sl];
        feats[r * f + obsSize + actionSize + 1] = done[sl] ? 1 : 0;
      }
      int recent = Math.min(settings.updateEvery(), filled);
      int first = n - recent;
      double[] adv = null;
      double[] target = null;
      if (refWeight > 0) {
        adv = new double[n];
        target = new double[n];
        advantages(first, obsRows, adv, target);
      }
      int pw = policy.outputSize();
      int batchesPerEpoch = Math.max(1, recent / settings.minibatch());
      int[] rows = new int[recent];
      for (int e = 0; e < settings.epochsPerUpdate(); e++) {
        for (int i = 0; i < recent; i++) {
          rows[i] = first + i;
        }
        for (int i = recent - 1; i > 0; i--) {
          int j = rng.nextInt(i + 1);
          int t = rows[i];
          rows[i] = rows[j];
          rows[j] = t;
        }
        for (int b = 0; b < batchesPerEpoch; b++) {
          int lo = (int) ((long) b * recent / batchesPerEpoch);
          int hi = (int) ((long) (b + 1) * recent / batchesPerEpoch);
          int[] batch = Arrays.copyOfRange(rows, lo, hi);
          boolean full = lossNet != null;
          Policy.Pass pass = policy.newPass(full ? n : batch.length);
          if (full) {
            System.arraycopy(obsRows, 0, pass.input(), 0, obsRows.length);
          } else {
            for (int i = 0; i < batch.length; i++) {
              System.arraycopy(obsRows, batch[i] * obsSize, pass.input(), i * obsSize, obsSize);
            }
          }
          policy.forward(theta, pass);
          double[] dOut = new double[pass.rows() * pw];
          double[] dMem = new double[mu.length];
          if (full) {
            lossNet.evaluate(phi, feats, pass.out, mem, batch, 1 - refWeight, dOut, dMem);
          }
          if (refWeight > 0) {
            for (int i = 0; i < batch.length; i++) {
              int pr = full ? batch[i] : i;
              referenceGradient(pass.out, pr, batch[i], adv[batch[i]], refWeight / batch.length, dOut);
            }
            fitValue(obsRows, batch, target);
          }
          double[] grad = new double[theta.length];
          policy.backward(theta, pass, dOut, grad);
          double[] gMu = new double[mu.length];
          for (int j = 0; j < mu.length; j++) {
            gMu[j] = dMem[j] * (1 - mem[j] * mem[j]);
          }
          if (!clip(grad, gMu)) {
            continue;
          }
          piAdam.step(theta, grad);
          if (lossNet != null && mu.length > 0) {
            memAdam.step(mu, gMu);
            for (int j = 0; j < mu.length; j++) {
              mem[j] = Math.tanh(mu[j]);
            }
          }
        }
      }
    }

    /** Clips the joint gradient norm; false (skip the update) when it is not finite. */
    boolean clip(double[] g, double[] g2) {
      double s = 0;
      for (double v : g) {
        s += v * v;
      }
      for (double v : g2) {
        s += v * v;
      }
      if (!Double.isFinite(s)) {
        return false;
      }
      double norm = Math.sqrt(s);
      double max = settings.maxGradNorm();
      if (max > 0 && norm > max) {
        double k = max / norm;
        for (int i = 0; i < g.length; i++) {
          g[i] *= k;
        }
        for (int i = 0; i < g2.length; i++) {
          g2[i] *= k;
        }
      }
      return true;
    }

    /** GAE advantages (normalised) and value targets of buffer rows {@code first .. n-1}. */
    void advantages(int first, double[] obsRows, double[] adv, double[] target) {
      int count = n - first;
      Mlp.Trace cur = valueNet.newTrace(count);
      Mlp.Trace nxt = valueNet.newTrace(count);
      System.arraycopy(obsRows, first * obsSize, cur.input(), 0, count * obsSize);
      int pad = n - filled;
      for (int r = first; r < n; r++) {
        norm.normalise(next[slot(r - pad)], nxt.input(), (r - first) * obsSize);
      }
      valueNet.forward(valueParams, 0, cur);
      valueNet.forward(valueParams, 0, nxt);
      double gae = 0;
      double g = settings.gamma();
      for (int r = n - 1; r >= first; r--) {
        int sl = slot(r - pad);
        double v = cur.output()[r - first];
        double nv = done[sl] ? 0 : nxt.output()[r - first];
        double delta = reward[sl] + g * nv - v;
        gae = delta + (done[sl] ? 0 : g * settings.lambda() * gae);
        adv[r] = gae;
        target[r] = gae + v;
      }
      double mean = 0;
      for (int r = first; r < n; r++) {
        mean += adv[r];
      }
      mean /= count;
      double var = 0;
      for (int r = first; r < n; r++) {
        var += (adv[r] - mean) * (adv[r] - mean);
      }
      double sd = Math.sqrt(var / count);
      for (int r = first; r < n; r++) {
        adv[r] = count > 1 ? (adv[r] - mean) / (sd + 1e-8) : adv[r];
      }
    }

    /** Adds {@code w * d/dOut [-A log pi(a|s) - beta H]} for one row. */
    void referenceGradient(double[] out, int pr, int row, double a, double w, double[] dOut) {
      int pw = policy.outputSize();
      int sl = slot(row - (n - filled));
      double beta = settings.entropy();
      if (discrete) {
        for (int k = 0; k < actionSize; k++) {
          double p = Math.max(out[pr * pw + k], 1e-12);
          double d = beta * (Math.log(p) + 1);
          if (k == actIndex[sl]) {
            d -= a / p;
          }
          dOut[pr * pw + k] += w * d;
        }
      } else {
        for (int k = 0; k < actionSize; k++) {
          double meanK = out[pr * pw + k];
          double logStd = out[pr * pw + actionSize + k];
          double sd = Math.exp(logStd);
          double z = (act[sl][k] - meanK) / sd;
          dOut[pr * pw + k] += w * (-a * z / sd);
          dOut[pr * pw + actionSize + k] += w * (-a * (z * z - 1) - beta);
        }
      }
    }

    void fitValue(double[] obsRows, int[] batch, double[] target) {
      Mlp.Trace tr = valueNet.newTrace(batch.length);
      for (int i = 0; i < batch.length; i++) {
        System.arraycopy(obsRows, batch[i] * obsSize, tr.input(), i * obsSize, obsSize);
      }
      valueNet.forward(valueParams, 0, tr);
      double[] d = new double[batch.length];
      for (int i = 0; i < batch.length; i++) {
        d[i] = (tr.output()[i] - target[batch[i]]) / batch.length;
      }
      double[] g = new double[valueParams.length];
      valueNet.backward(valueParams, 0, tr, d, g, 0);
      valueAdam.step(valueParams, g);
    }
  }
}
