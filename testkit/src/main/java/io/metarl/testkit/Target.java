package io.metarl.testkit;

import io.metarl.api.env.Box;
import io.metarl.api.env.Environment;
import io.metarl.api.env.Space;
import io.metarl.api.env.Step;
import io.metarl.api.task.Task;
import io.metarl.api.task.TaskDistribution;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A continuous-control test task: each step shows a target {@code x} drawn uniformly from
 * {@code [-1, 1]} and pays {@code -(a - x)^2} for the action {@code a} in {@code [-2, 2]}; episodes of
 * {@code length} steps (truncated). The optimal policy's mean action is the observation itself, so a
 * Gaussian policy that has learned it scores close to 0 greedily, a random one about -1.7 per step.
 */
public record Target(int length) implements Task {

  /** The single task. */
  public static TaskDistribution of(int length) {
    return TaskDistribution.fixed(new Target(length));
  }

  @Override
  public Environment newEnvironment() {
    return new Environment() {
      private SplittableRandom rng = new SplittableRandom(0);
      private float x;
      private int t;

      @Override
      public Space observationSpace() {
        return Box.of(-1, 1, 1);
      }

      @Override
      public Space actionSpace() {
        return Box.of(-2, 2, 1);
      }

      @Override
      public float[] reset(long seed) {
        rng = new SplittableRandom(seed);
        t = 0;
        x = (float) rng.nextDouble(-1, 1);
        return new float[] {x};
      }

      @Override
      public Step step(float[] action) {
        double d = action[0] - x;
        t++;
        x = (float) rng.nextDouble(-1, 1);
        return new Step(new float[] {x}, -d * d, false, t >= length);
      }
    };
  }

  @Override
  public Map<String, Object> parameters() {
    return Map.of("length", length);
  }
}
