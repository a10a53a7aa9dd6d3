package io.metarl.envs.bandit.baselines;

import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Greedy: pull the arm with the best estimated mean, ties broken at random. Two estimates
 * ({@link Variant}): the empirical mean after pulling every arm once ({@code empirical}), or the
 * Beta(1,1) posterior mean {@code (s + 1) / (n + 2)} from the start ({@code posterior-mean}; an untried
 * arm counts as 1/2, so an arm is kept while it pays and left after its first failure if an untried arm
 * remains).
 */
public final class GreedyRule implements ArmRule {

  /** How the mean of an arm is estimated. */
  public enum Variant {
    /** Pull each arm once (random order), then the best empirical mean {@code s / n}. */
    EMPIRICAL,
    /** The Beta(1,1) posterior mean {@code (s + 1) / (n + 2)}, no forced pulls. */
    POSTERIOR_MEAN;

    /** The configuration word, e.g. {@code posterior-mean}. */
    public String word() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The variant of a configuration word. */
    public static Variant of(String word) {
      return valueOf(word.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
  }

  private final Variant variant;
  private double[] score = new double[0];

  /** A greedy rule with the given estimate. */
  public GreedyRule(Variant variant) {
    this.variant = variant;
  }

  @Override
  public int choose(ArmStatistics stats, int lane, RandomGenerator rng) {
    int k = stats.arms();
    if (variant == Variant.EMPIRICAL) {
      int unpulled = ArmRule.randomUnpulled(stats, lane, rng);
      if (unpulled >= 0) {
        return unpulled;
      }
    }
    if (score.length < k) {
      score = new double[k];
    }
    for (int a = 0; a < k; a++) {
      int n = stats.pulls(lane, a);
      double s = stats.rewardSum(lane, a);
      score[a] = variant == Variant.EMPIRICAL ? s / n : (s + 1) / (n + 2);
    }
    return ArmRule.argmax(score, k, rng);
  }
}
