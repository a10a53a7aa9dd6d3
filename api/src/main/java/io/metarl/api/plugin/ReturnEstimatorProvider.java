package io.metarl.api.plugin;

import com.typesafe.config.Config;
import io.metarl.api.returns.ReturnEstimator;

/** Provides return estimators, selected by {@code returns.plugin = <name>}. */
public interface ReturnEstimatorProvider extends Plugin {

  /**
   * Builds the estimator.
   *
   * @param section the run's {@code returns} block (minus {@code plugin}) over this plugin's defaults
   * @throws InvalidSettingException for a bad value
   */
  ReturnEstimator create(Config section, PluginContext context);
}
