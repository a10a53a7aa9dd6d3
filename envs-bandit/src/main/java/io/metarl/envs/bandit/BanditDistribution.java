package io.metarl.envs.bandit;

import io.metarl.api.env.Box;
import io.metarl.api.env.Discrete;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.api.task.TaskDistribution;
import java.util.random.RandomGenerator;

/**
 * A distribution of {@link BanditTask}s with a known number of arms and horizon; its
 * {@link #spec()} is computed without sampling.
 */
public interface BanditDistribution extends TaskDistribution {

  @Override
  BanditTask sample(RandomGenerator rng);

  /** Arms of every task. */
  int arms();

  /** Pulls per episode of every task. */
  int horizon();

  @Override
  default EnvironmentSpec spec() {
    return new EnvironmentSpec("BernoulliBandit-" + arms(), Box.of(0f, 1f, 1), new Discrete(arms()));
  }

  /**
   * The same distribution whose tasks observe the elapsed fraction of the episode
   * ({@link BanditTask#withObservedTime()}); the observation space is unchanged ({@code Box([0], [1])}).
   */
  default BanditDistribution observingTime() {
    BanditDistribution base = this;
    return new BanditDistribution() {
      @Override
      public BanditTask sample(RandomGenerator rng) {
        return base.sample(rng).withObservedTime();
      }

      @Override
      public int arms() {
        return base.arms();
      }

      @Override
      public int horizon() {
        return base.horizon();
      }

      @Override
      public boolean singleInstance() {
        return base.singleInstance();
      }

      @Override
      public String toString() {
        return base + ", observing time";
      }
    };
  }

  /**
   * The distribution of one task (TaskDistribution.fixed semantics: every sample is {@code task},
   * {@link #singleInstance()} is true).
   */
  static BanditDistribution fixed(BanditTask task) {
    return new BanditDistribution() {
      @Override
      public BanditTask sample(RandomGenerator rng) {
        return task;
      }

      @Override
      public int arms() {
        return task.arms();
      }

      @Override
      public int horizon() {
        return task.horizon();
      }

      @Override
      public boolean singleInstance() {
        return true;
      }

      @Override
      public String toString() {
        return "fixed " + task;
      }
    };
  }
}
