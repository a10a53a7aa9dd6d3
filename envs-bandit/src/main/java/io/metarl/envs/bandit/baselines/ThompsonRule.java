package io.metarl.envs.bandit.baselines;

import java.util.random.RandomGenerator;

/**
 * Thompson sampling with a Beta prior (Thompson 1933; Chapelle and Li 2011): draw
 * {@code theta_i ~ Beta(alpha + s_i, beta + f_i)} for every arm and pull the largest. The optimistic
 * variant (Chapelle and Li's "optimistic Thompson sampling") uses {@code max(theta_i, posterior mean
 * of arm i)} instead, so a draw never scores an arm below its mean. {@code s_i} is the reward sum of
 * arm i and {@code f_i = n_i - s_i}.
 */
public final class ThompsonRule implements ArmRule {
  private final double alpha;
  private final double beta;
  private final boolean optimistic;
  private double[] score = new double[0];

  /**
   * @param alpha prior successes, {@code > 0}
   * @param beta prior failures, {@code > 0}
   * @param optimistic whether to take {@code max(sample, mean)}
   */
  public ThompsonRule(double alpha, double beta, boolean optimistic) {
    if (!(alpha > 0) || !(beta > 0)) {
      throw new IllegalArgumentException("Beta prior needs alpha, beta > 0, got " + alpha + ", " + beta);
    }
    this.alpha = alpha;
    this.beta = beta;
    this.optimistic = optimistic;
  }

  @Override
  public int choose(ArmStatistics stats, int lane, RandomGenerator rng) {
    int k = stats.arms();
    if (score.length < k) {
      score = new double[k];
    }
    for (int arm = 0; arm < k; arm++) {
      double s = stats.rewardSum(lane, arm);
      double a = alpha + s;
      double b = beta + stats.pulls(lane, arm) - s;
      double theta = BetaSampler.beta(a, b, rng);
      score[arm] = optimistic ? Math.max(theta, a / (a + b)) : theta;
    }
    return ArmRule.argmax(score, k, rng);
  }
}
