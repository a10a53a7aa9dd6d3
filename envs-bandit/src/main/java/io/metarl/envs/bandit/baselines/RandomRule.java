package io.metarl.envs.bandit.baselines;

import java.util.random.RandomGenerator;

/** Uniformly random arms: the floor every baseline must beat. */
public final class RandomRule implements ArmRule {
  @Override
  public int choose(ArmStatistics stats, int lane, RandomGenerator rng) {
    return rng.nextInt(stats.arms());
  }
}
