package io.metarl.agents.meta;

import io.metarl.api.agent.PolicyInput;
import io.metarl.api.env.Box;
import io.metarl.api.env.Discrete;
import io.metarl.api.env.EnvironmentSpec;

/**
 * RL²'s meta inputs (Duan et al. 2016, section 2.2; Wang et al. 2016, figure 1): what the meta-memory
 * reads at step t is the observation s_t, the previous action a_{t-1} (one-hot for discrete actions,
 * raw for continuous ones), the previous reward r_{t-1} and the previous step's done flag, laid side
 * by side as one augmented observation for the base agent's network.
 *
 * <p>Invariant: at a trial's first step ({@link PolicyInput#trialStart}) every meta input is zero, so
 * nothing of the previous task leaks into the new trial; the trial-start flags travel with the
 * augmented input, and the base's memory is zeroed on them.
 */
final class MetaInputs {
  private final int obsSize;
  private final int actions;
  private final boolean discrete;
  private final EnvironmentSpec augmented;

  MetaInputs(EnvironmentSpec env) {
    this.obsSize = env.observationSpace().flatSize();
    this.discrete = env.actionSpace() instanceof Discrete;
    this.actions = env.actionSpace().flatSize();
    this.augmented = new EnvironmentSpec(env.id(),
        Box.of(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, obsSize + actions + 2), env.actionSpace());
  }

  /** The spaces the base agent is built for: the augmented observation, the environment's actions. */
  EnvironmentSpec augmentedSpec() {
    return augmented;
  }

  /** Writes the augmented input of every lane of {@code in} into {@code out} (with the trial-start flags). */
  void fill(PolicyInput in, PolicyInput out) {
    int width = obsSize + actions + 2;
    float[] dst = out.observations;
    for (int l = 0; l < in.lanes; l++) {
      int o = l * width;
      boolean start = in.trialStart[l];
      System.arraycopy(in.observations, l * obsSize, dst, o, obsSize);
      int a = o + obsSize;
      if (discrete) {
        for (int i = 0; i < actions; i++) {
          dst[a + i] = 0f;
        }
        if (!start) {
          dst[a + in.previousActions.discrete[l]] = 1f;
        }
      } else {
        for (int i = 0; i < actions; i++) {
          dst[a + i] = start ? 0f : in.previousActions.continuous[l * actions + i];
        }
      }
      dst[a + actions] = start ? 0f : in.previousRewards[l];
      dst[a + actions + 1] = !start && in.previousDone[l] ? 1f : 0f;
    }
    System.arraycopy(in.trialStart, 0, out.trialStart, 0, in.lanes);
  }
}
