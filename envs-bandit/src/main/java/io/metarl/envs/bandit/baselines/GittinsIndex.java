package io.metarl.envs.bandit.baselines;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finite-horizon Gittins indices of a Bernoulli arm with a Beta prior, computed lazily and cached.
 *
 * <p><b>Definition (calibration).</b> An arm in posterior state {@code Beta(a, b)}, {@code a = alpha +
 * s}, {@code b = beta + f}, with {@code m} pulls left in the trial, is compared with a known arm paying
 * {@code lambda} per pull. In the one-armed problem the player either pulls the unknown arm (expected
 * reward {@code mu = a / (a + b)}, then state {@code Beta(a+1, b)} or {@code Beta(a, b+1)} with
 * {@code m - 1} left) or retires to the known arm for all remaining pulls (retiring is final: the known
 * arm teaches nothing). Writing {@code W_m(a, b; lambda)} for the value of the best policy minus the
 * value of retiring now,
 *
 * <pre>
 *   W_0 = 0,
 *   W_m(a, b) = max(0, mu - lambda + gamma * (mu W_{m-1}(a+1, b) + (1 - mu) W_{m-1}(a, b+1))).
 * </pre>
 *
 * The index {@code G(s, f, m)} is the smallest {@code lambda} with {@code W_m(a, b; lambda) = 0}: the
 * known rate at which one is indifferent between exploring the arm and retiring. It is at least the
 * posterior mean (equal when {@code m = 1}), grows with {@code m}, and with {@code gamma < 1} and a long
 * horizon it tends to the classical discounted Gittins index (Gittins' table, gamma = 0.9, Beta(1,1):
 * 0.7029). With {@code gamma = 1} it is the finite-horizon Gittins index of Kaufmann (2018), "On Bayesian
 * index policies for sequential resource allocation", which the policy uses with {@code m} = the
 * pulls left in the trial, including the current one.
 *
 * <p><b>Computation.</b> For one {@code (s, f, m)} the function {@code lambda -> W_m} is convex,
 * piecewise linear and decreasing until it reaches 0, so Newton's method started at the posterior mean
 * (where {@code W >= 0}) climbs monotonically to the root and stops exactly after a few steps (typically
 * 2-5), the slope coming from the same backward induction ({@code dW/dlambda} = minus the expected
 * discounted number of pulls before retiring). One backward induction visits the triangle of
 * posterior states reachable in {@code m} pulls, {@code m(m+1)/2} states, minus the pruned region of
 * states with few successes where retiring is known to be optimal ({@code W} is nondecreasing in the
 * successes). Cost per index: O(m^2) per Newton step; memory: O(horizon) scratch plus a cache of the
 * indices asked for (an open-addressing table, 16 bytes per slot, at most half full). Measured: the
 * n = 500 cells of the RL² table (k = 5, 10, 50; 1000 tasks each) ask for 883k distinct indices, 4.5M
 * backward inductions, about 95 s on one core and 32 MiB of cache; an n = 100 cell 35k-56k indices in
 * about a second. {@link GittinsRule} computes only the indices that can change its choice. Tables are shared per (horizon,
 * discount, prior) through {@link #of}; {@link #index} is synchronized, so a table may be used from
 * several threads.
 */
public final class GittinsIndex {
  private static final ConcurrentHashMap<String, GittinsIndex> TABLES = new ConcurrentHashMap<>();
  /** The largest horizon accepted: beyond it one index costs too much (O(m^2) per Newton step). */
  public static final int MAX_HORIZON = 100_000;
  /** Newton stops when a step moves lambda by less than this (the index is then exact to ~1e-12). */
  static final double TOLERANCE = 1e-10;

  private final int horizon;
  private final double discount;
  private final double alpha;
  private final double beta;
  private final double[] w;
  private final double[] dw;
  private long[] keys = new long[1 << 12];
  private double[] values = new double[1 << 12];
  private int size;
  private long computed;
  private long newtonSteps;

  /**
   * A fresh table (prefer {@link #of}, which shares tables).
   *
   * @param horizon the largest number of remaining pulls asked for, in 1..{@link #MAX_HORIZON}
   * @param discount gamma in (0, 1]
   * @param alpha prior successes, {@code > 0}
   * @param beta prior failures, {@code > 0}
   */
  public GittinsIndex(int horizon, double discount, double alpha, double beta) {
    if (horizon < 1 || horizon > MAX_HORIZON) {
      throw new IllegalArgumentException("horizon must be in 1.." + MAX_HORIZON + ", got " + horizon);
    }
    if (!(discount > 0 && discount <= 1)) {
      throw new IllegalArgumentException("discount must be in (0, 1], got " + discount);
    }
    if (!(alpha > 0) || !(beta > 0) || Double.isInfinite(alpha) || Double.isInfinite(beta)) {
      throw new IllegalArgumentException("prior must have alpha, beta > 0, got " + alpha + ", " + beta);
    }
    this.horizon = horizon;
    this.discount = discount;
    this.alpha = alpha;
    this.beta = beta;
    this.w = new double[horizon + 2];
    this.dw = new double[horizon + 2];
    Arrays.fill(keys, -1L);
  }

  /** The shared table for these parameters, created on first use (creation itself is cheap). */
  public static GittinsIndex of(int horizon, double discount, double alpha, double beta) {
    String key = horizon + "/" + discount + "/" + alpha + "/" + beta;
    return TABLES.computeIfAbsent(key, k -> new GittinsIndex(horizon, discount, alpha, beta));
  }

  /** The largest remaining horizon this table answers. */
  public int horizon() {
    return horizon;
  }

  /** The discount gamma. */
  public double discount() {
    return discount;
  }

  /** Number of indices computed so far (cache misses). */
  public synchronized long computed() {
    return computed;
  }

  /** Newton steps (backward inductions) run so far. */
  public synchronized long newtonSteps() {
    return newtonSteps;
  }

  /**
   * The index of an arm with {@code successes} and {@code failures} observed and {@code remaining}
   * pulls left (including the one being decided).
   *
   * @throws IllegalArgumentException for negative counts or {@code remaining} outside 1..horizon
   */
  public synchronized double index(int successes, int failures, int remaining) {
    if (successes < 0 || failures < 0 || successes >= (1 << 21) || failures >= (1 << 21)) {
      throw new IllegalArgumentException("counts must be in 0..2^21, got " + successes + ", " + failures);
    }
    if (remaining < 1 || remaining > horizon) {
      throw new IllegalArgumentException("remaining must be in 1.." + horizon + ", got " + remaining);
    }
    long key = ((long) successes << 42) | ((long) failures << 21) | remaining;
    int mask = keys.length - 1;
    int slot = mix(key) & mask;
    while (keys[slot] != -1L) {
      if (keys[slot] == key) {
        return values[slot];
      }
      slot = (slot + 1) & mask;
    }
    double start = remaining > 1 ? lookup(((long) successes << 42) | ((long) failures << 21) | (remaining - 1)) : -1;
    double g = compute(alpha + successes, beta + failures, remaining, start);
    keys[slot] = key;
    values[slot] = g;
    computed++;
    if (++size * 2 > keys.length) {
      grow();
    }
    return g;
  }

  /** The cached value of {@code key}, or -1. */
  private double lookup(long key) {
    int mask = keys.length - 1;
    int slot = mix(key) & mask;
    while (keys[slot] != -1L) {
      if (keys[slot] == key) {
        return values[slot];
      }
      slot = (slot + 1) & mask;
    }
    return -1;
  }

  private static int mix(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 29));
  }

  private void grow() {
    long[] oldKeys = keys;
    double[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new double[oldKeys.length * 2];
    Arrays.fill(keys, -1L);
    int mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != -1L) {
        int slot = mix(oldKeys[i]) & mask;
        while (keys[slot] != -1L) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = oldKeys[i];
        values[slot] = oldValues[i];
      }
    }
  }

  /**
   * Newton's method on lambda from the posterior mean, or from {@code start} when it is larger (the
   * index with one pull fewer left, a lower bound of the root).
   */
  private double compute(double a, double b, int m, double start) {
    double lambda = Math.max(a / (a + b), start);
    for (int iter = 0; iter < 200; iter++) {
      newtonSteps++;
      double value = induction(a, b, m, lambda);
      if (value <= 1e-14) {
        return lambda;
      }
      double slope = dw[0];
      double next = lambda - value / slope;
      if (!(next > lambda + TOLERANCE)) {
        return Math.min(1.0, Math.max(lambda, next));
      }
      lambda = Math.min(1.0, next);
    }
    return lambda;
  }

  /**
   * Backward induction of {@code W_m(a, b; lambda)} over the posterior states reachable in {@code m}
   * pulls; leaves {@code W} and its slope at the root in {@code w[0]}, {@code dw[0]}. Level {@code d}
   * holds the states after {@code d} pulls, {@code i} of them successes, with {@code m - d} pulls left.
   */
  private double induction(double a, double b, int m, double lambda) {
    double gamma = discount;
    Arrays.fill(w, 0, m + 2, 0.0);
    Arrays.fill(dw, 0, m + 2, 0.0);
    int lo = m + 1; // first positive entry of the level below (none at level m)
    for (int d = m - 1; d >= 0; d--) {
      double n = a + b + d;
      double inv = 1.0 / n;
      // first i with mean (a + i) / n > lambda: below it and below lo - 1 everything is 0
      double firstAbove = Math.floor(lambda * n - a) + 1;
      int start = (int) Math.max(0, Math.min(lo - 1, Math.min(firstAbove, d + 1)));
      int newLo = d + 1;
      for (int i = start; i <= d; i++) {
        double mu = (a + i) * inv;
        double cont = mu - lambda + gamma * (mu * w[i + 1] + (1 - mu) * w[i]);
        if (cont > 0) {
          if (newLo > i) {
            newLo = i;
          }
          dw[i] = -1 + gamma * (mu * dw[i + 1] + (1 - mu) * dw[i]);
          w[i] = cont;
        } else {
          w[i] = 0;
          dw[i] = 0;
        }
      }
      w[d + 1] = 0;
      dw[d + 1] = 0;
      lo = newLo;
    }
    return w[0];
  }
}
