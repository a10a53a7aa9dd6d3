package io.metarl.extensions.metagradient;

import io.metarl.api.agent.Learner;
import io.metarl.api.agent.RolloutBatch;
import io.metarl.api.returns.ReturnEstimator;
import io.metarl.api.train.UpdateContext;
import java.util.LinkedHashMap;
import java.util.Map;

/** An {@link UpdateContext} as the trainer gives it, for driving the hook by hand. */
final class TestContext implements UpdateContext {
  RolloutBatch batch;
  final Learner learner;
  ReturnEstimator estimator;
  final Map<String, Double> metrics = new LinkedHashMap<>();

  TestContext(RolloutBatch batch, Learner learner, ReturnEstimator estimator) {
    this.batch = batch;
    this.learner = learner;
    this.estimator = estimator;
    estimator.estimate(batch);
  }

  /** The next rollout: estimated with the estimator in use, metrics cleared. */
  void next(RolloutBatch b) {
    this.batch = b;
    estimator.estimate(b);
    metrics.clear();
  }

  @Override
  public int worker() {
    return 0;
  }

  @Override
  public long envSteps() {
    return 0;
  }

  @Override
  public RolloutBatch batch() {
    return batch;
  }

  @Override
  public Learner learner() {
    return learner;
  }

  @Override
  public ReturnEstimator returnEstimator() {
    return estimator;
  }

  @Override
  public void useReturnEstimator(ReturnEstimator e) {
    this.estimator = e;
    e.estimate(batch);
  }

  @Override
  public void metric(String name, double value) {
    metrics.put(name, value);
  }
}
