package io.metarl.api.agent;

import java.util.Map;

/**
 * The outcome of one learning update: named scalar metrics such as {@code loss/policy},
 * {@code loss/value}, {@code entropy}, {@code grad-norm}.
 *
 * @param metrics metric name to value, in a stable order
 */
public record UpdateResult(Map<String, Double> metrics) {

  /** Copies the metrics. */
  public UpdateResult {
    metrics = Map.copyOf(metrics);
  }
}
