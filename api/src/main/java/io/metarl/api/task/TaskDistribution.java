package io.metarl.api.task;

import io.metarl.api.env.Environment;
import io.metarl.api.env.EnvironmentSpec;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A distribution of tasks. Sampling draws only from the given random source, so a seeded source
 * gives a reproducible sequence of tasks. A "fixed instance" is a distribution of one task.
 */
@FunctionalInterface
public interface TaskDistribution {

  /** Draws a task using only {@code rng}. */
  Task sample(RandomGenerator rng);

  /**
   * The spaces shared by every task. The default samples one task with a fixed seed and asks its
   * environment; override when that is expensive.
   */
  default EnvironmentSpec spec() {
    try (Environment env = sample(new SplittableRandom(0)).newEnvironment()) {
      return EnvironmentSpec.of(env);
    }
  }

  /** True when every sample is the same task. */
  default boolean singleInstance() {
    return false;
  }

  /** A distribution that always returns {@code task}. */
  static TaskDistribution fixed(Task task) {
    return new TaskDistribution() {
      @Override
      public Task sample(RandomGenerator rng) {
        return task;
      }

      @Override
      public boolean singleInstance() {
        return true;
      }
    };
  }
}
