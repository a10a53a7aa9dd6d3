package io.metarl.core.config;

import com.typesafe.config.Config;
import io.metarl.api.plugin.Settings;

/**
 * The {@code optimizer} block of an agent's section (e.g. {@code metarl.agent.optimizer}): each agent
 * plugin ships its defaults in its own {@code reference.conf}.
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

  /**
   * The {@code optimizer} block of an agent's section; a bad value is reported keyed
   * {@code optimizer.<key>} (relative to the agent's section).
   */
  public static OptimizerSettings fromAgentSection(Config agentSection) {
    try {
      return from(agentSection.getConfig("optimizer"));
    } catch (io.metarl.api.plugin.InvalidSettingException e) {
      throw new io.metarl.api.plugin.InvalidSettingException("optimizer." + e.key(), e.value(), e.expected());
    }
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
