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
 * @param schedule constant, or linear: the learning rate falls linearly over the training budget
 * @param finalLearningRateFactor with a linear schedule, the learning rate at the end of the budget as a
 *     fraction of {@code learningRate}
 */
public record OptimizerSettings(String type, double learningRate, double rmsDecay, double epsilon, double maxGradNorm,
    String schedule, double finalLearningRateFactor) {

  /** A constant learning rate. */
  public OptimizerSettings(String type, double learningRate, double rmsDecay, double epsilon, double maxGradNorm) {
    this(type, learningRate, rmsDecay, epsilon, maxGradNorm, "constant", 1.0);
  }

  /** The learning rate after {@code fraction} of the training budget. */
  public double learningRateAt(double fraction) {
    if (!schedule.equals("linear")) {
      return learningRate;
    }
    double f = Math.max(0, Math.min(1, fraction));
    return learningRate * (1 - f * (1 - finalLearningRateFactor));
  }

  /** Reads and range-checks the block. */
  public static OptimizerSettings from(Config c) {
    return new OptimizerSettings(
        Settings.oneOf(c, "type", "rmsprop", "adam", "sgd"),
        Settings.positive(c, "learning-rate"),
        Settings.doubleIn(c, "rms-decay", 0.0, 0.999999),
        Settings.positive(c, "epsilon"),
        Settings.nonNegative(c, "max-grad-norm"),
        Settings.oneOf(c, "learning-rate-schedule", "constant", "linear"),
        Settings.doubleIn(c, "final-learning-rate-factor", 0.0, 1.0));
  }
}
