package io.metarl.envs.bandit.baselines;

import java.util.random.RandomGenerator;

/**
 * UCB1 (Auer, Cesa-Bianchi and Fischer 2002): pull every arm once (in random order), then the arm
 * maximising {@code mean_i + c * sqrt(ln t / n_i)}, {@code t} the pulls so far in the trial, ties at
 * random. {@code c = sqrt(2)} is the textbook constant; on {@code p_i ~ U[0,1]} bandits a tuned
 * {@code c} around 0.3 does much better at short horizons (DESIGN.md section 7).
 */
public final class Ucb1Rule implements ArmRule {
  private final double c;
  private double[] score = new double[0];

  /** @param c exploration constant, {@code >= 0} */
  public Ucb1Rule(double c) {
    if (!(c >= 0) || Double.isInfinite(c)) {
      throw new IllegalArgumentException("c must be a finite number >= 0, got " + c);
    }
    this.c = c;
  }

  @Override
  public int choose(ArmStatistics stats, int lane, RandomGenerator rng) {
    int unpulled = ArmRule.randomUnpulled(stats, lane, rng);
    if (unpulled >= 0) {
      return unpulled;
    }
    int k = stats.arms();
    if (score.length < k) {
      score = new double[k];
    }
    double logT = Math.log(stats.trialPulls(lane));
    for (int a = 0; a < k; a++) {
      int n = stats.pulls(lane, a);
      score[a] = stats.rewardSum(lane, a) / n + c * Math.sqrt(logT / n);
    }
    return ArmRule.argmax(score, k, rng);
  }
}
