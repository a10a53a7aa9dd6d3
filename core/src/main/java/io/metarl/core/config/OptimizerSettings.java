package io.metarl.core.config;

import com.typesafe.config.Config;
import io.metarl.api.plugin.Settings;

/**
 * The {@code metarl.optimizer} block of the actor-critic agents.
 *
 * @param type rmsprop, adam or sgd
 * @param learningRate step size, &gt; 0
 * @param rmsDecay RMSProp decay in [0, 1)
 * @param epsilon numerical epsilon &gt; 0
 * @param maxGradNorm global gradient-norm clip, 0 disables it
 */
public record OptimizerSettings(String type, double learningRate, double rmsDecay, double epsilon, double maxGradNorm) {

  /** Reads and range-checks the block. */
  public static OptimizerSettings from(Config c) {
    return new OptimizerSettings(
        Settings.oneOf(c, "type", "rmsprop", "adam", "sgd"),
        Settings.positive(c, "learning-rate"),
        Settings.doubleIn(c, "rms-decay", 0.0, 0.999999),
        Settings.positive(c, "epsilon"),
        Settings.nonNegative(c, "max-grad-norm"));
  }
}
