package io.metarl.envs.gym.lunar;

import com.google.auto.service.AutoService;
import io.metarl.api.plugin.EnvironmentProvider;

/**
 * Plugin {@code lunar-lander-continuous}: Gymnasium's {@code LunarLander-v3} with
 * {@code continuous=True}: Box(2) actions in [-1, 1] (main throttle, lateral throttle), optionally
 * with wind and per-task ranges of wind power, turbulence power and gravity. Ships the
 * {@code heuristic} controller. See {@link AbstractLunarLanderProvider} for the settings.
 */
@AutoService(EnvironmentProvider.class)
public final class LunarLanderContinuousProvider extends AbstractLunarLanderProvider {
  /** The plugin's name. */
  public static final String NAME = "lunar-lander-continuous";

  /** Does nothing heavy. */
  public LunarLanderContinuousProvider() {
    super(true);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Gymnasium LunarLanderContinuous-v3 (throttled engines, JBox2D), optional wind; task ranges "
        + "over wind, turbulence and gravity";
  }
}
