package io.metarl.envs.bandit.baselines;

import java.util.random.RandomGenerator;

/**
 * The decision rule of a classical bandit baseline: picks the next arm of one lane from that lane's
 * statistics. A rule instance belongs to one {@link BaselinePolicy} (one thread) and may keep scratch
 * state; it must draw randomness only from the given generator.
 */
@FunctionalInterface
public interface ArmRule {

  /** The arm to pull next in {@code lane}. */
  int choose(ArmStatistics stats, int lane, RandomGenerator rng);

  /**
   * The arm with the largest {@code score(arm)}, ties broken uniformly at random (reservoir sampling:
   * one {@code nextInt} per tie).
   */
  static int argmax(double[] score, int arms, RandomGenerator rng) {
    int choice = 0;
    double best = score[0];
    int ties = 1;
    for (int a = 1; a < arms; a++) {
      double v = score[a];
      if (v > best) {
        best = v;
        choice = a;
        ties = 1;
      } else if (v == best) {
        ties++;
        if (rng.nextInt(ties) == 0) {
          choice = a;
        }
      }
    }
    return choice;
  }

  /** A uniformly random arm among those never pulled in {@code lane}'s trial, or -1 if there is none. */
  static int randomUnpulled(ArmStatistics stats, int lane, RandomGenerator rng) {
    int choice = -1;
    int seen = 0;
    for (int a = 0; a < stats.arms(); a++) {
      if (stats.pulls(lane, a) == 0) {
        seen++;
        if (rng.nextInt(seen) == 0) {
          choice = a;
        }
      }
    }
    return choice;
  }
}
