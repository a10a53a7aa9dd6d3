package io.metarl.envs.bandit.baselines;

import java.util.random.RandomGenerator;

/**
 * Epsilon-greedy: with probability {@code epsilon} a uniformly random arm, otherwise the
 * {@link GreedyRule} of the given variant. One {@code nextDouble()} per decision.
 */
public final class EpsilonGreedyRule implements ArmRule {
  private final double epsilon;
  private final GreedyRule greedy;

  /**
   * @param epsilon exploration probability in [0, 1]
   * @param variant how the greedy part estimates the means
   */
  public EpsilonGreedyRule(double epsilon, GreedyRule.Variant variant) {
    if (!(epsilon >= 0 && epsilon <= 1)) {
      throw new IllegalArgumentException("epsilon must be in [0, 1], got " + epsilon);
    }
    this.epsilon = epsilon;
    this.greedy = new GreedyRule(variant);
  }

  @Override
  public int choose(ArmStatistics stats, int lane, RandomGenerator rng) {
    if (rng.nextDouble() < epsilon) {
      return rng.nextInt(stats.arms());
    }
    return greedy.choose(stats, lane, rng);
  }
}
