package io.metarl.core.nn;

import io.metarl.api.agent.PolicyInput;
import io.metarl.api.env.Discrete;
import io.metarl.api.env.EnvironmentSpec;

/**
 * Builds the network input from a {@link PolicyInput}: the observation, and for RL² the meta inputs
 * (one-hot previous action for discrete actions or the raw previous action, the previous reward, the
 * previous done flag; all zero at a trial's start, as the rollout guarantees).
 */
final class Features {
  private final int obsSize;
  private final boolean meta;
  private final int actions;
  private final boolean discrete;

  Features(EnvironmentSpec env, boolean meta) {
    this.obsSize = env.observationSpace().flatSize();
    this.meta = meta;
    this.discrete = env.actionSpace() instanceof Discrete;
    this.actions = env.actionSpace().flatSize();
  }

  int size() {
    return obsSize + (meta ? actions + 2 : 0);
  }

  /** Writes the features of every lane of {@code in} into {@code dst} from sample {@code firstSample}. */
  void fill(PolicyInput in, double[] dst, int firstSample) {
    fill(in, 0, in.lanes, dst, firstSample);
  }

  /** Writes the features of lanes {@code from..to-1} of {@code in} into {@code dst} from sample {@code firstSample}. */
  void fill(PolicyInput in, int from, int to, double[] dst, int firstSample) {
    int width = size();
    for (int l = from; l < to; l++) {
      int o = (firstSample + l - from) * width;
      for (int i = 0; i < obsSize; i++) {
        dst[o + i] = in.observations[l * obsSize + i];
      }
      if (!meta) {
        continue;
      }
      int a = o + obsSize;
      if (discrete) {
        for (int i = 0; i < actions; i++) {
          dst[a + i] = 0;
        }
        if (!in.trialStart[l]) {
          dst[a + in.previousActions.discrete[l]] = 1;
        }
      } else {
        for (int i = 0; i < actions; i++) {
          dst[a + i] = in.trialStart[l] ? 0 : in.previousActions.continuous[l * actions + i];
        }
      }
      dst[a + actions] = in.trialStart[l] ? 0 : in.previousRewards[l];
      dst[a + actions + 1] = !in.trialStart[l] && in.previousDone[l] ? 1 : 0;
    }
  }
}
