package io.metarl.api.returns;

import io.metarl.api.agent.RolloutBatch;
import java.util.Map;

/**
 * Turns a rollout's rewards, value estimates and boundary flags into returns and advantages, in
 * place ({@link RolloutBatch#returns}, {@link RolloutBatch#advantages}).
 *
 * <p>Every implementation must honour the boundaries: after a <em>terminated</em> step the next value
 * is 0; after a <em>truncated</em> step it is {@link RolloutBatch#truncationValues}; after the
 * rollout's last step it is {@link RolloutBatch#lastValues}; nothing flows across a boundary.
 * Computations run in double precision.
 */
public interface ReturnEstimator {

  /** Fills {@code batch.returns} and {@code batch.advantages}. */
  void estimate(RolloutBatch batch);

  /** The discount factor gamma. */
  double gamma();

  /**
   * The estimator's tunable parameters (e.g. {@code gamma}, {@code lambda}) by name; research
   * extensions such as meta-gradients read them.
   */
  default Map<String, Double> parameters() {
    return Map.of("gamma", gamma());
  }

  /**
   * The same estimator with some parameters changed (e.g. {@code gamma}, {@code lambda}).
   *
   * @throws IllegalArgumentException naming a parameter this estimator does not have or a value out of range
   */
  default ReturnEstimator withParameters(Map<String, Double> changes) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " has no settable parameters");
  }
}
