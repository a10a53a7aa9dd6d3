package io.metarl.agents.a3c;

import io.metarl.api.env.Discrete;
import io.metarl.api.env.Environment;
import io.metarl.api.env.Space;
import io.metarl.api.env.Step;
import io.metarl.api.task.Task;
import io.metarl.api.task.TaskDistribution;

/** Test fixture: two arms, one of which pays 1 per pull, for episodes of {@code length} pulls. */
record Arms(int good, int length) implements Task {
  static TaskDistribution fixed(int good, int length) {
    return TaskDistribution.fixed(new Arms(good, length));
  }

  @Override
  public Environment newEnvironment() {
    return new Environment() {
      private int t;

      @Override
      public String id() {
        return "arms";
      }

      @Override
      public Space observationSpace() {
        return new Discrete(1);
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
        return new Step(new float[] {1f}, action == good ? 1f : 0f, false, t >= length);
      }
    };
  }
}
