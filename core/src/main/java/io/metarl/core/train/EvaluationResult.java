package io.metarl.core.train;

import java.util.List;

/**
 * The outcome of playing held-out trials with frozen weights.
 *
 * @param trials trials played
 * @param episodesPerTrial episodes per trial
 * @param episodeReturns return of every episode, {@code [trial][episode]}
 * @param optimalTrialReturns per trial, the oracle's expected return summed over its episodes (NaN
 *     when the task does not know it)
 */
public record EvaluationResult(int trials, int episodesPerTrial, double[][] episodeReturns, double[] optimalTrialReturns) {

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
