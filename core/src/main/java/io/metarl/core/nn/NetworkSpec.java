package io.metarl.core.nn;

import java.util.List;

/**
 * The shape of an actor-critic network: an MLP torso (shared by the policy and value heads, or one per
 * head), an optional LSTM meta-memory after the torso, a policy head (logits for discrete actions,
 * Gaussian means plus a learned state-independent log standard deviation for continuous ones) and a
 * value head.
 *
 * @param inputSize width of the network input (observation plus any meta inputs)
 * @param hidden sizes of the torso's hidden layers (may be empty)
 * @param activation the torso's activation
 * @param sharedTorso one torso for both heads (required with an LSTM), or one each
 * @param lstmUnits units of the LSTM meta-memory, 0 for none
 * @param discreteActions number of discrete actions, or 0 for continuous actions
 * @param continuousActions width of a continuous action, or 0 for discrete actions
 * @param initialLogStd initial log standard deviation of continuous actions
 * @param stateDependentNoise generalized state-dependent exploration (gSDE, Raffin et al. 2021): the
 *     log standard deviations are a {@code features x actions} matrix applied to the policy head's input
 *     instead of one value per action dimension (continuous actions only)
 */
public record NetworkSpec(
    int inputSize, List<Integer> hidden, Activation activation, boolean sharedTorso, int lstmUnits,
    int discreteActions, int continuousActions, double initialLogStd, boolean stateDependentNoise) {

  /** A shape with one state-independent log standard deviation per action dimension. */
  public NetworkSpec(int inputSize, List<Integer> hidden, Activation activation, boolean sharedTorso, int lstmUnits,
      int discreteActions, int continuousActions, double initialLogStd) {
    this(inputSize, hidden, activation, sharedTorso, lstmUnits, discreteActions, continuousActions, initialLogStd, false);
  }

  /** Validates the shape. */
  public NetworkSpec {
    hidden = List.copyOf(hidden);
    if (inputSize < 1) {
      throw new IllegalArgumentException("network input size must be >= 1, got " + inputSize);
    }
    if ((discreteActions > 0) == (continuousActions > 0)) {
      throw new IllegalArgumentException("exactly one of discreteActions and continuousActions must be > 0");
    }
    if (stateDependentNoise && continuousActions == 0) {
      throw new IllegalArgumentException("state-dependent exploration needs continuous actions");
    }
    if (lstmUnits > 0 && !sharedTorso) {
      throw new IllegalArgumentException("an LSTM meta-memory needs a shared torso");
    }
  }

  /** True for a discrete action space. */
  public boolean discrete() {
    return discreteActions > 0;
  }

  /** Width of the policy head's output (logits or means). */
  public int policyOutputs() {
    return discrete() ? discreteActions : continuousActions;
  }
}
