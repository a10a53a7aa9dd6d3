package io.metarl.api.env;

import java.util.Map;

/**
 * The result of one environment step, as in Gymnasium's {@code step}.
 *
 * <p>{@code terminated} means the MDP reached a terminal state (the value of the next state is 0);
 * {@code truncated} means the episode was cut short, e.g. by a time limit (the next state's value must
 * be bootstrapped). Both may not be merged: return estimators depend on the difference.
 *
 * @param observation the next observation (owned by the caller after return)
 * @param reward the reward for the transition
 * @param terminated whether a terminal state was reached
 * @param truncated whether the episode was cut short without reaching a terminal state
 * @param info typed numeric diagnostics (never used for control flow), empty by default
 */
public record Step(
    float[] observation, double reward, boolean terminated, boolean truncated, Map<String, Double> info) {

  /** A step without diagnostics. */
  public Step(float[] observation, double reward, boolean terminated, boolean truncated) {
    this(observation, reward, terminated, truncated, Map.of());
  }

  /** True when the episode is over for either reason. */
  public boolean done() {
    return terminated || truncated;
  }
}
