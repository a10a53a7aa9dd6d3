/** Return estimators: Monte-Carlo, n-step, GAE(gamma, lambda), lambda-return; chosen by config. */
package io.metarl.api.returns;
