package io.metarl.api.agent;

/**
 * A policy that also learns. A learner belongs to one worker thread; with several workers (A3C) each
 * has its own learner, which applies its gradients to parameters shared by the agent.
 */
public interface Learner extends Policy {

  /**
   * One update from a rollout whose returns and advantages were filled in by the run's
   * {@link io.metarl.api.returns.ReturnEstimator}. A recurrent learner replays the rollout from the
   * memory state it had when the rollout began.
   */
  UpdateResult learn(RolloutBatch batch);

  /**
   * Called by the training loop once a rollout is collected, before the return estimator fills in
   * its returns and advantages: a learner may rescale the rollout's rewards here, in place (reward
   * scaling). The episode returns a run reports are not affected. By default nothing changes.
   */
  default void beforeReturns(RolloutBatch batch) {}

  /** Gradient access for research extensions, when the learner offers it. */
  default java.util.Optional<Differentiable> differentiable() {
    return java.util.Optional.empty();
  }
}
