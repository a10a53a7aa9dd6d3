/**
 * The built-in return estimators (Monte-Carlo, n-step, GAE, lambda-return), each a plugin selected by
 * {@code returns.plugin}. All honour the boundary contract of
 * {@link io.metarl.api.returns.ReturnEstimator}: no bootstrap after a terminated step, bootstrap with
 * the final observation's value after a truncated one.
 */
package io.metarl.core.returns;
