package io.metarl.api.train;

import java.util.Map;

/**
 * One learning update.
 *
 * @param update global update counter (1-based)
 * @param worker the worker that made it
 * @param envSteps environment steps of the whole run after the update
 * @param metrics the update's metrics (losses, entropy, gradient norm, ...)
 */
public record UpdateRecord(long update, int worker, long envSteps, Map<String, Double> metrics) {}
