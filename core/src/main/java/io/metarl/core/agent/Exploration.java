package io.metarl.core.agent;

import com.typesafe.config.Config;
import io.metarl.api.plugin.InvalidSettingException;
import io.metarl.api.plugin.Settings;

/**
 * The {@code gsde} block of an actor-critic agent's section: generalized state-dependent exploration
 * for continuous actions (Raffin, Kober and Stulp 2021, "Smooth exploration for robotic reinforcement
 * learning"; Stable-Baselines3's {@code use_sde}). Instead of fresh noise at every step, each lane
 * draws a noise matrix {@code E ~ N(0, exp(theta)^2)} and acts {@code mu(s) + phi(s) E}, phi the policy
 * head's input; the policy's variance is {@code sigma_j(s)^2 = sum_i phi_i(s)^2 exp(2 theta_ij)}. Off by
 * default: the plain Gaussian with one log standard deviation per action dimension.
 *
 * @param stateDependent gSDE on
 * @param sampleFrequency draw new noise every this many steps; -1: at the start of each rollout and of
 *     each lane's trial
 */
public record Exploration(boolean stateDependent, int sampleFrequency) {

  /** The plain Gaussian. */
  public static final Exploration OFF = new Exploration(false, -1);

  /** The {@code gsde} block of {@code section}; {@link #OFF} when absent. */
  public static Exploration from(Config section) {
    if (!section.hasPath("gsde")) {
      return OFF;
    }
    Config c = section.getConfig("gsde");
    int k = c.getInt("sample-frequency");
    if (k == 0 || k < -1) {
      throw new InvalidSettingException("gsde.sample-frequency", k, "-1 (new noise each rollout) or a number of steps >= 1");
    }
    try {
      return new Exploration(c.getBoolean("enabled"), k);
    } catch (InvalidSettingException e) {
      throw new InvalidSettingException("gsde." + e.key(), e.value(), e.expected());
    }
  }
}
