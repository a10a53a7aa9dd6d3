package io.metarl.api.train;

import io.metarl.api.agent.Learner;
import io.metarl.api.agent.RolloutBatch;
import io.metarl.api.returns.ReturnEstimator;

/**
 * What an {@link UpdateHook} sees just before an update: the rollout (returns and advantages already
 * filled in by the current return estimator), the learner about to learn from it, and the estimator,
 * which the hook may replace (e.g. with other gamma and lambda) for this and later updates of the worker.
 */
public interface UpdateContext {

  /** The worker making the update. */
  int worker();

  /** Environment steps of the run so far. */
  long envSteps();

  /** The rollout; its returns and advantages may be recomputed by {@link #useReturnEstimator}. */
  RolloutBatch batch();

  /** The learner; see {@link Learner#differentiable()} for gradient access. */
  Learner learner();

  /** The estimator in use for this worker. */
  ReturnEstimator returnEstimator();

  /** Uses {@code estimator} from now on for this worker and recomputes this batch's returns with it. */
  void useReturnEstimator(ReturnEstimator estimator);

  /** Adds metrics to this update's record (e.g. {@code meta/gamma}). */
  void metric(String name, double value);
}
