package io.metarl.api.agent;

import io.metarl.api.env.Space;

/**
 * What a policy sees at one time step, for every lane. Besides the observation it carries the RL²
 * meta inputs (previous action, previous reward, previous done flag: all zero at a trial's start) and
 * the lanes whose memory must be reset before acting because a new trial (task) begins.
 * Non-recurrent policies read {@link #observations} only.
 */
public final class PolicyInput {
  /** Number of lanes. */
  public final int lanes;
  /** Flattened observation width. */
  public final int observationSize;
  /** Observations, {@code lanes * observationSize}. */
  public final float[] observations;
  /** Previous actions (zeros at a trial's start). */
  public final ActionBatch previousActions;
  /** Previous rewards (0 at a trial's start). */
  public final float[] previousRewards;
  /** Whether the previous step ended an episode (false at a trial's start). */
  public final boolean[] previousDone;
  /** Lanes that start a new trial at this step: reset their memory before acting. */
  public final boolean[] trialStart;

  /** Zeroed buffers for {@code lanes} lanes. */
  public PolicyInput(Space observationSpace, Space actionSpace, int lanes) {
    this.lanes = lanes;
    this.observationSize = observationSpace.flatSize();
    this.observations = new float[lanes * observationSize];
    this.previousActions = new ActionBatch(actionSpace, lanes);
    this.previousRewards = new float[lanes];
    this.previousDone = new boolean[lanes];
    this.trialStart = new boolean[lanes];
  }
}
