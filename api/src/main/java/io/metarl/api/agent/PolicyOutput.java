package io.metarl.api.agent;

import io.metarl.api.env.Space;

/** What a policy returns for one time step: an action and a value estimate per lane. */
public final class PolicyOutput {
  /** The chosen actions. */
  public final ActionBatch actions;
  /** The critic's estimate V(s) per lane (0 when the policy has no critic). */
  public final float[] values;

  /** Zeroed buffers for {@code lanes} lanes. */
  public PolicyOutput(Space actionSpace, int lanes) {
    this.actions = new ActionBatch(actionSpace, lanes);
    this.values = new float[lanes];
  }
}
