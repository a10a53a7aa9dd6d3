package io.metarl.core.train;

import java.util.List;
import java.util.Map;

/**
 * The outcome of playing held-out trials with frozen weights.
 *
 * @param trials trials played
 * @param episodesPerTrial episodes per trial
 * @param episodeReturns return of every episode, {@code [trial][episode]}
 * @param optimalTrialReturns per trial, the oracle's expected return summed over its episodes (NaN
 *     when the task does not know it)
 * @param episodeLengths steps of every episode, {@code [trial][episode]} (null when not recorded)
 * @param episodeSuccess per episode, 1 or 0 from the environment's {@code is_success} or
 *     {@code success} info flag at the episode's last step, NaN when the environment sets neither (null
 *     when not recorded)
 * @param episodeInfo per-episode info of the environment ({@link io.metarl.api.env.EpisodeInfo}: the
 *     {@code episode.*} keys at each episode's last step, named without the prefix), each
 *     {@code [trial][episode]} with NaN where an episode lacked the key; empty when the environment
 *     reports none, never null
 */
public record EvaluationResult(int trials, int episodesPerTrial, double[][] episodeReturns, double[] optimalTrialReturns,
    int[][] episodeLengths, double[][] episodeSuccess, Map<String, double[][]> episodeInfo) {

  /** Copies the info map (keeping its order); null becomes empty. */
  public EvaluationResult {
    episodeInfo = episodeInfo == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(episodeInfo));
  }

  /** A result without per-episode info. */
  public EvaluationResult(int trials, int episodesPerTrial, double[][] episodeReturns, double[] optimalTrialReturns,
      int[][] episodeLengths, double[][] episodeSuccess) {
    this(trials, episodesPerTrial, episodeReturns, optimalTrialReturns, episodeLengths, episodeSuccess, Map.of());
  }

  /** A result without lengths or success flags. */
  public EvaluationResult(int trials, int episodesPerTrial, double[][] episodeReturns, double[] optimalTrialReturns) {
    this(trials, episodesPerTrial, episodeReturns, optimalTrialReturns, null, null);
  }

  /** The values of per-episode info {@code name} over the episodes that reported it, trial by trial. */
  public double[] episodeInfo(String name) {
    double[][] table = episodeInfo.get(name);
    if (table == null) {
      return new double[0];
    }
    return java.util.Arrays.stream(table).flatMapToDouble(java.util.Arrays::stream).filter(v -> !Double.isNaN(v)).toArray();
  }

  /** Population standard deviation of the episode returns (numpy's {@code np.std}, as SB3's {@code evaluate_policy}). */
  public double std() {
    return std(flat());
  }

  /** Smallest episode return. */
  public double minReturn() {
    return java.util.Arrays.stream(flat()).min().orElse(Double.NaN);
  }

  /** Largest episode return. */
  public double maxReturn() {
    return java.util.Arrays.stream(flat()).max().orElse(Double.NaN);
  }

  /** Every episode's return, trial by trial. */
  public double[] returns() {
    return flat();
  }

  /** Every episode's length in steps, trial by trial (empty when not recorded). */
  public double[] lengths() {
    if (episodeLengths == null) {
      return new double[0];
    }
    return java.util.Arrays.stream(episodeLengths).flatMapToInt(java.util.Arrays::stream).asDoubleStream().toArray();
  }

  /** Mean episode length in steps, NaN when not recorded. */
  public double meanLength() {
    return Stats.mean(lengths());
  }

  /** Population standard deviation of the episode lengths, NaN when not recorded. */
  public double lengthStd() {
    return std(lengths());
  }

  /**
   * The share of episodes whose environment flagged success ({@code is_success} or {@code success} in
   * the last step's info), NaN when the environment flags none of them: no success rate is invented.
   */
  public double successRate() {
    if (episodeSuccess == null) {
      return Double.NaN;
    }
    double[] flags = java.util.Arrays.stream(episodeSuccess).flatMapToDouble(java.util.Arrays::stream)
        .filter(f -> !Double.isNaN(f)).toArray();
    return flags.length < episodes() ? Double.NaN : Stats.mean(flags);
  }

  /** The share of episodes whose return reached {@code threshold} (a solved threshold given by the user). */
  public double successRate(double threshold) {
    double[] all = flat();
    return all.length == 0 ? Double.NaN : (double) java.util.Arrays.stream(all).filter(r -> r >= threshold).count() / all.length;
  }

  private static double std(double[] x) {
    if (x.length == 0) {
      return Double.NaN;
    }
    double m = Stats.mean(x);
    double ss = 0;
    for (double v : x) {
      ss += (v - m) * (v - m);
    }
    return Math.sqrt(ss / x.length);
  }

  /** Mean regret per trial (oracle's expected return minus the agent's), NaN when unknown. */
  public double meanRegret() {
    double[] regret = new double[trials];
    for (int t = 0; t < trials; t++) {
      double total = 0;
      for (double r : episodeReturns[t]) {
        total += r;
      }
      regret[t] = optimalTrialReturns[t] - total;
    }
    return Stats.mean(regret);
  }

  /** Standard error of the mean total reward per trial. */
  public double trialStderr() {
    double[] totals = new double[trials];
    for (int t = 0; t < trials; t++) {
      for (double r : episodeReturns[t]) {
        totals[t] += r;
      }
    }
    return Stats.stderr(totals);
  }

  /** Number of episodes. */
  public int episodes() {
    return trials * episodesPerTrial;
  }

  /** Mean episode return over all episodes. */
  public double meanReturn() {
    return Stats.mean(flat());
  }

  /** Standard error of {@link #meanReturn()}. */
  public double stderr() {
    return Stats.stderr(flat());
  }

  /** Mean total reward of a trial (sum over its episodes). */
  public double meanTrialReturn() {
    double[] totals = new double[trials];
    for (int t = 0; t < trials; t++) {
      for (double r : episodeReturns[t]) {
        totals[t] += r;
      }
    }
    return Stats.mean(totals);
  }

  /** The adaptation curve: the mean return of the k-th episode of a trial, for each k. */
  public List<Double> meanByEpisodeIndex() {
    Double[] out = new Double[episodesPerTrial];
    for (int k = 0; k < episodesPerTrial; k++) {
      double s = 0;
      for (int t = 0; t < trials; t++) {
        s += episodeReturns[t][k];
      }
      out[k] = s / trials;
    }
    return List.of(out);
  }

  private double[] flat() {
    double[] all = new double[episodes()];
    int i = 0;
    for (double[] row : episodeReturns) {
      for (double r : row) {
        all[i++] = r;
      }
    }
    return all;
  }
}
