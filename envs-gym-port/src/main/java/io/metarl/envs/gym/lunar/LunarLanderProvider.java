package io.metarl.envs.gym.lunar;

import com.google.auto.service.AutoService;
import io.metarl.api.plugin.EnvironmentProvider;

/**
 * Plugin {@code lunar-lander}: Gymnasium's {@code LunarLander-v3} with Discrete(4) actions (no-op,
 * left engine, main engine, right engine), optionally with wind and per-task ranges of wind power,
 * turbulence power and gravity. Ships the {@code heuristic} controller. See
 * {@link AbstractLunarLanderProvider} for the settings.
 */
@AutoService(EnvironmentProvider.class)
public final class LunarLanderProvider extends AbstractLunarLanderProvider {
  /** The plugin's name. */
  public static final String NAME = "lunar-lander";

  /** Does nothing heavy. */
  public LunarLanderProvider() {
    super(false);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Gymnasium LunarLander-v3 (discrete engines, JBox2D), optional wind; task ranges over wind, "
        + "turbulence and gravity";
  }
}
