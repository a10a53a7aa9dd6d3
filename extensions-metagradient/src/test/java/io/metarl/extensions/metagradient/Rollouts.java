package io.metarl.extensions.metagradient;

import io.metarl.api.agent.RolloutBatch;
import io.metarl.api.env.Box;
import io.metarl.api.env.Discrete;
import java.util.SplittableRandom;

/** Random rollouts with terminations and truncations, for tests. */
final class Rollouts {
  private Rollouts() {}

  static RolloutBatch random(int steps, int lanes, int obs, int actions, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    RolloutBatch b = new RolloutBatch(Box.of(-1f, 1f, obs), new Discrete(actions), steps, lanes);
    for (int t = 0; t < steps; t++) {
      for (int l = 0; l < lanes; l++) {
        int i = b.index(t, l);
        b.rewards[i] = (float) (rng.nextDouble() * 2 - 0.5);
        b.values[i] = (float) (rng.nextDouble() * 3 - 1);
        double u = rng.nextDouble();
        b.terminated[i] = u < 0.12;
        b.truncated[i] = u >= 0.12 && u < 0.2;
        b.truncationValues[i] = b.truncated[i] ? (float) (rng.nextDouble() * 3 - 1) : 0f;
        b.actions[t].discrete[l] = rng.nextInt(actions);
        for (int k = 0; k < obs; k++) {
          b.inputs[t].observations[l * obs + k] = (float) (rng.nextDouble() * 2 - 1);
        }
      }
    }
    for (int l = 0; l < lanes; l++) {
      b.lastValues[l] = (float) (rng.nextDouble() * 3 - 1);
    }
    return b;
  }
}
