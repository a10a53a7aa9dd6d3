package io.metarl.testkit;

import io.metarl.api.env.Box;
import io.metarl.api.env.Discrete;
import io.metarl.api.env.Environment;
import io.metarl.api.env.Space;
import io.metarl.api.env.Step;
import io.metarl.api.task.Task;
import io.metarl.api.task.TaskDistribution;
import java.util.Map;

/**
 * A test task: two arms, one pays 1 and the other 0, episodes of {@code length} pulls (truncated).
 * Which arm pays is the task; a non-meta agent can learn a fixed arm, a meta agent must find it.
 */
public record TwoArms(int goodArm, int length) implements Task {

  /** The fixed instance whose arm {@code goodArm} pays. */
  public static TaskDistribution fixed(int goodArm, int length) {
    return TaskDistribution.fixed(new TwoArms(goodArm, length));
  }

  /** The paying arm drawn per task. */
  public static TaskDistribution random(int length) {
    return rng -> new TwoArms(rng.nextInt(2), length);
  }

  @Override
  public Environment newEnvironment() {
    return new Environment() {
      private int t;

      @Override
      public Space observationSpace() {
        return Box.of(0, 1, 1);
      }

      @Override
      public Space actionSpace() {
        return new Discrete(2);
      }

      @Override
      public float[] reset(long seed) {
        t = 0;
        return new float[] {1f};
      }

      @Override
      public Step step(int action) {
        t++;
        return new Step(new float[] {1f}, action == goodArm ? 1.0 : 0.0, false, t >= length);
      }
    };
  }

  @Override
  public Map<String, Object> parameters() {
    return Map.of("good_arm", goodArm);
  }
}
