package io.metarl.api.loss;

/**
 * The policy term of an actor-critic agent's loss, as a plugin. The agent keeps its critic (the value
 * loss {@code c_v (V(s) - R)^2 / 2} is always the agent's); everything else its policy is trained on
 * comes from here: the agent back-propagates {@code dLoss/dPolicyOutputs} through its network.
 *
 * <h2>Policy outputs and their gradients</h2>
 * Per sample {@code i} the agent hands {@link Batch#outputSize} values:
 * <ul>
 *   <li>{@link io.metarl.api.env.Discrete Discrete(k)} actions: the k <b>logits</b> {@code z}, with
 *       {@code pi(a|s) = softmax(z)_a}. They are unnormalised (defined up to an additive constant per
 *       sample): a loss should depend on them only through {@code softmax(z)} or {@code log softmax(z)}.
 *       The gradient is {@code dLoss/dz}. A loss written on probabilities {@code p} gets them from
 *       {@link Batch#probabilities()} and maps its {@code dLoss/dp} with {@link #probabilityToLogitGradient}.
 *   <li>{@link io.metarl.api.env.Box Box(d)} actions: the d means, then the d log standard deviations of
 *       the diagonal Gaussian {@code pi(.|s)} (as sampled: before clipping to the box). The gradient has
 *       the same layout. An agent whose log-std does not depend on the state (ours) sums the per-sample
 *       log-std gradients over the batch.
 * </ul>
 *
 * <h2>Lifetime and state</h2>
 * An instance belongs to one learner (one thread) for the learner's whole life: a training run, or one
 * A3C worker's share of it. The agent calls {@link #reset(long)} once before the first update; then, per
 * update, {@link #evaluate} (possibly more than once, e.g. by a meta-gradient extension asking for the
 * gradient without applying it) and, after the gradient of the last call was applied, {@link #advance}
 * once with the same batch. {@code evaluate} must not change the state; {@code advance} is where a
 * stateful loss (EPG keeps the last N steps and a learned memory) moves on. Task and trial changes are
 * data ({@link Batch#trialStart}, {@link Batch#terminated}, {@link Batch#truncated}), not resets.
 * {@link #state()} and {@link #restore(byte[])} carry the state through a run's checkpoints so that a
 * resumed run continues exactly.
 */
public interface PolicyLoss {

  /**
   * The loss of one update and its gradient.
   *
   * @param batch the update's data; read-only
   * @param gradient out: {@code dLoss/dPolicyOutputs}, length {@code batch.policyOutputs.length}, same
   *     layout; the agent passes zeros and the loss overwrites or adds
   * @return the loss (a scalar; the agent logs it as {@code loss_policy})
   */
  double evaluate(Batch batch, double[] gradient);

  /**
   * Called once per update after the agent applied the gradient of the last {@link #evaluate} on
   * {@code batch}: a stateful loss appends the batch to its history, trains its own parameters, etc.
   * Stateless losses do nothing (the default).
   */
  default void advance(Batch batch) {}

  /**
   * A new lifetime begins: forget every past batch. Called by the agent once before the learner's
   * first update.
   *
   * @param seed seeds any randomness the loss has
   */
  default void reset(long seed) {}

  /** The state {@link #advance} built up, for a checkpoint; empty for a stateless loss. */
  default byte[] state() {
    return new byte[0];
  }

  /**
   * Restores {@link #state()}.
   *
   * @throws IllegalArgumentException when the bytes do not fit this loss
   */
  default void restore(byte[] state) {
    if (state.length != 0) {
      throw new IllegalArgumentException("this policy loss is stateless but a saved state of " + state.length
          + " bytes was given");
    }
  }

  /**
   * Maps {@code dLoss/dp} of the probabilities {@code p = softmax(z)} of {@code rows} samples of
   * {@code k} actions to {@code dLoss/dz}: {@code dz_j = p_j (dp_j - sum_m p_m dp_m)}.
   *
   * @param probabilities {@code rows x k}
   * @param dProbabilities {@code rows x k}
   * @param dLogits out, {@code rows x k} (overwritten)
   */
  static void probabilityToLogitGradient(double[] probabilities, double[] dProbabilities, int k, double[] dLogits) {
    int rows = probabilities.length / k;
    for (int r = 0; r < rows; r++) {
      int o = r * k;
      double dot = 0;
      for (int j = 0; j < k; j++) {
        dot += probabilities[o + j] * dProbabilities[o + j];
      }
      for (int j = 0; j < k; j++) {
        dLogits[o + j] = probabilities[o + j] * (dProbabilities[o + j] - dot);
      }
    }
  }

  /**
   * One update's data, time-major over {@code steps x lanes}: sample {@code i = t * lanes + lane}
   * (times the width for vectors), as in {@link io.metarl.api.agent.RolloutBatch}. The arrays are the
   * agent's; a loss must not modify or keep them (copy what it needs in {@link #advance}).
   */
  final class Batch {
    /** Time steps. */
    public final int steps;
    /** Lanes (parallel environments). */
    public final int lanes;
    /** Observation width. */
    public final int observationSize;
    /** True for a Discrete action space. */
    public final boolean discrete;
    /** Number of actions (Discrete) or action dimension (Box). */
    public final int actionSize;
    /** Policy outputs per sample: {@code actionSize} logits, or {@code 2 * actionSize} (means, log-stds). */
    public final int outputSize;
    /** Observations s_t as the environment gave them (not normalised), {@code n x observationSize}. */
    public final float[] observations;
    /** Discrete actions a_t, {@code n} (empty for Box). */
    public final int[] discreteActions;
    /** Continuous actions a_t as sampled (before clipping), {@code n x actionSize} (empty for Discrete). */
    public final float[] continuousActions;
    /** Rewards r_t. */
    public final float[] rewards;
    /** Step t reached a terminal state (for a recurrent RL² agent: the trial's end). */
    public final boolean[] terminated;
    /** Step t was cut short (bootstrapped by the estimator). */
    public final boolean[] truncated;
    /** A new trial (task) began at step t in that lane. */
    public final boolean[] trialStart;
    /**
     * Advantages from the run's return estimator, as the agent uses them (standardised over the batch
     * when the agent's {@code normalize-advantages} is on). Constants: no gradient flows into them.
     */
    public final double[] advantages;
    /** Returns (the critic's targets) from the run's return estimator. */
    public final double[] returns;
    /** The critic's V(s_t) at the current parameters. */
    public final double[] values;
    /** The policy outputs at the current parameters, {@code n x outputSize} (see {@link PolicyLoss}). */
    public final double[] policyOutputs;

    /**
     * Wraps the arrays (not copied) after checking their lengths.
     *
     * @throws IllegalArgumentException naming the array whose length is wrong
     */
    public Batch(int steps, int lanes, int observationSize, boolean discrete, int actionSize, float[] observations,
        int[] discreteActions, float[] continuousActions, float[] rewards, boolean[] terminated, boolean[] truncated,
        boolean[] trialStart, double[] advantages, double[] returns, double[] values, double[] policyOutputs) {
      if (steps < 1 || lanes < 1 || observationSize < 0 || actionSize < 1) {
        throw new IllegalArgumentException("a batch needs steps, lanes and actions >= 1, got " + steps + " x " + lanes
            + " with " + actionSize + " actions");
      }
      int n = steps * lanes;
      this.steps = steps;
      this.lanes = lanes;
      this.observationSize = observationSize;
      this.discrete = discrete;
      this.actionSize = actionSize;
      this.outputSize = discrete ? actionSize : 2 * actionSize;
      this.observations = check("observations", observations, observations.length, n * observationSize);
      this.discreteActions = check("discreteActions", discreteActions, discreteActions.length, discrete ? n : 0);
      this.continuousActions = check("continuousActions", continuousActions, continuousActions.length,
          discrete ? 0 : n * actionSize);
      this.rewards = check("rewards", rewards, rewards.length, n);
      this.terminated = check("terminated", terminated, terminated.length, n);
      this.truncated = check("truncated", truncated, truncated.length, n);
      this.trialStart = check("trialStart", trialStart, trialStart.length, n);
      this.advantages = check("advantages", advantages, advantages.length, n);
      this.returns = check("returns", returns, returns.length, n);
      this.values = check("values", values, values.length, n);
      this.policyOutputs = check("policyOutputs", policyOutputs, policyOutputs.length, n * outputSize);
    }

    private static <T> T check(String name, T array, int length, int expected) {
      if (length != expected) {
        throw new IllegalArgumentException(name + " has " + length + " values, expected " + expected);
      }
      return array;
    }

    /** The number of samples, {@code steps * lanes}. */
    public int size() {
      return steps * lanes;
    }

    /** Index of step {@code t}, lane {@code lane}. */
    public int index(int t, int lane) {
      return t * lanes + lane;
    }

    /**
     * For Discrete actions: {@code softmax} of each sample's logits, {@code n x actionSize} (a new array,
     * computed with the maximum logit subtracted for stability).
     *
     * @throws IllegalStateException for a Box action space
     */
    public double[] probabilities() {
      if (!discrete) {
        throw new IllegalStateException("probabilities exist for Discrete actions only; Box policies output means and log-stds");
      }
      double[] p = new double[policyOutputs.length];
      int k = actionSize;
      for (int o = 0; o < p.length; o += k) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
          max = Math.max(max, policyOutputs[o + j]);
        }
        double sum = 0;
        for (int j = 0; j < k; j++) {
          p[o + j] = Math.exp(policyOutputs[o + j] - max);
          sum += p[o + j];
        }
        for (int j = 0; j < k; j++) {
          p[o + j] /= sum;
        }
      }
      return p;
    }
  }
}
