package io.metarl.api.agent;

import io.metarl.api.env.Space;

/**
 * A rollout of {@code steps} time steps over {@code lanes} lanes, time-major: the entry of step
 * {@code t} and lane {@code l} is at {@code t * lanes + l} (times the width for vectors).
 *
 * <p>Step {@code t} holds the policy input (observation s_t and the RL² meta inputs) in
 * {@link #inputs}{@code [t]}, the action a_t, the reward
 * r_t, and the flags of the transition. {@link #terminated} and {@link #truncated} are the
 * <em>return boundaries</em>: for a non-recurrent agent they are the episode's; for a recurrent (RL²)
 * agent the trial's. A truncated step is bootstrapped with {@link #truncationValues}; the step after
 * the rollout with {@link #lastValues}. The buffers are reused from rollout to rollout.
 */
public final class RolloutBatch {
  /** Time steps. */
  public final int steps;
  /** Lanes. */
  public final int lanes;
  /** Observation width. */
  public final int observationSize;
  /** Actions a_t. */
  public final ActionBatch[] actions;
  /** Rewards r_t. */
  public final float[] rewards;
  /** Whether step t reached a terminal state (no bootstrap). */
  public final boolean[] terminated;
  /** Whether step t was cut short (bootstrap with {@link #truncationValues}). */
  public final boolean[] truncated;
  /** V(s_t) as estimated while acting. */
  public final float[] values;
  /** V(s_{t+1}) of the final observation, where {@link #truncated} is set. */
  public final float[] truncationValues;
  /** V(s_T) of the observation after the last step, per lane. */
  public final float[] lastValues;
  /** What the policy saw at each step: observation s_t and the RL² meta inputs. */
  public final PolicyInput[] inputs;
  /** Returns, filled in by the return estimator. */
  public final float[] returns;
  /** Advantages, filled in by the return estimator. */
  public final float[] advantages;

  /** Buffers for a rollout of {@code steps x lanes}. */
  public RolloutBatch(Space observationSpace, Space actionSpace, int steps, int lanes) {
    if (steps < 1 || lanes < 1) {
      throw new IllegalArgumentException("rollout needs steps >= 1 and lanes >= 1, got " + steps + " x " + lanes);
    }
    this.steps = steps;
    this.lanes = lanes;
    this.observationSize = observationSpace.flatSize();
    int n = steps * lanes;
    this.actions = new ActionBatch[steps];
    this.inputs = new PolicyInput[steps];
    for (int t = 0; t < steps; t++) {
      actions[t] = new ActionBatch(actionSpace, lanes);
      inputs[t] = new PolicyInput(observationSpace, actionSpace, lanes);
    }
    this.rewards = new float[n];
    this.terminated = new boolean[n];
    this.truncated = new boolean[n];
    this.values = new float[n];
    this.truncationValues = new float[n];
    this.lastValues = new float[lanes];
    this.returns = new float[n];
    this.advantages = new float[n];
  }

  /** Index of step {@code t}, lane {@code lane}. */
  public int index(int t, int lane) {
    return t * lanes + lane;
  }

  /** True when step {@code i} ends an episode (terminated or truncated): no return flows across it. */
  public boolean boundary(int i) {
    return terminated[i] || truncated[i];
  }

  /**
   * V(s_{t+1}) as seen from step {@code t} under the boundary contract of
   * {@link io.metarl.api.returns.ReturnEstimator}: 0 after termination, the final observation's value
   * after truncation, the next step's value inside the rollout, {@link #lastValues} after the last step.
   */
  public double nextValue(int t, int lane) {
    int i = index(t, lane);
    if (terminated[i]) {
      return 0.0;
    }
    if (truncated[i]) {
      return truncationValues[i];
    }
    return t == steps - 1 ? lastValues[lane] : values[index(t + 1, lane)];
  }
}
