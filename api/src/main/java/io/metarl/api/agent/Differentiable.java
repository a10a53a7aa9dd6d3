package io.metarl.api.agent;

/**
 * Gradient access to a learner's policy and critic, for research extensions that differentiate
 * through the update (meta-gradients) or replace the loss. All vectors are over the learner's flat
 * parameter vector theta, in double precision.
 */
public interface Differentiable {

  /** A copy of the current parameters theta. */
  double[] parameters();

  /**
   * {@code sum_i policyWeights[i] * grad_theta log pi(a_i | s_i) + valueWeights[i] * grad_theta V(s_i)}
   * over the samples {@code i = t * lanes + lane} of {@code batch}, at the current parameters, replaying
   * recurrent memory from the state the rollout began with. Changes no state.
   */
  double[] gradient(RolloutBatch batch, double[] policyWeights, double[] valueWeights);

  /**
   * The gradient of the learner's own loss on {@code batch} (using its returns and advantages), at the
   * current parameters, without applying it. Changes no state.
   */
  double[] lossGradient(RolloutBatch batch);

  /** The optimiser's learning rate. */
  double learningRate();

  /** The weight c_v of the value loss in the learner's own loss (what {@link #lossGradient} uses). */
  double valueCoefficient();

  /** Whether the learner's own loss standardises advantages per update (population standard deviation). */
  boolean normalizesAdvantages();
}
