package io.metarl.core.agent;

import com.typesafe.config.Config;
import io.metarl.api.plugin.InvalidSettingException;
import io.metarl.api.plugin.Settings;

/**
 * The {@code normalize} block of an actor-critic agent's section: running observation normalisation
 * ({@link ObservationStatistics}) and reward scaling ({@link RewardScaler}), as Stable-Baselines3's
 * {@code VecNormalize} and CleanRL's continuous PPO do ("37 implementation details of PPO", details
 * 5.4-5.7). Both are off unless asked for, which leaves an agent exactly as it was without them.
 *
 * @param observations standardise each network input by its running mean and variance
 * @param rewards divide rewards by the running standard deviation of a discounted return
 * @param gamma the discount of that return (SB3 and CleanRL: the agent's gamma, 0.99)
 * @param clip normalised observations and scaled rewards are clipped to {@code +-clip} (SB3: 10)
 * @param epsilon added to the variances before the square root (1e-8)
 */
public record Normalization(boolean observations, boolean rewards, double gamma, double clip, double epsilon) {

  /** Neither observations nor rewards are touched. */
  public static final Normalization OFF = new Normalization(false, false, 0.99, 10.0, 1e-8);

  /** Whether anything is normalised. */
  public boolean any() {
    return observations || rewards;
  }

  /** The {@code normalize} block of {@code section}; {@link #OFF} when the section has none. */
  public static Normalization from(Config section) {
    if (!section.hasPath("normalize")) {
      return OFF;
    }
    Config c = section.getConfig("normalize");
    try {
      return new Normalization(c.getBoolean("observations"), c.getBoolean("rewards"),
          Settings.doubleIn(c, "gamma", 0.0, 1.0), Settings.positive(c, "clip"), Settings.positive(c, "epsilon"));
    } catch (InvalidSettingException e) {
      throw new InvalidSettingException("normalize." + e.key(), e.value(), e.expected());
    }
  }
}
