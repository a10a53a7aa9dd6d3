package io.metarl.envs.gym.lunar;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.metarl.api.env.Controller;
import io.metarl.api.plugin.EnvironmentProvider;
import io.metarl.api.plugin.InvalidSettingException;
import io.metarl.api.plugin.PluginContext;
import io.metarl.api.plugin.Settings;
import io.metarl.api.task.TaskDistribution;
import java.util.List;
import java.util.Map;
import java.util.function.DoublePredicate;
import java.util.function.Supplier;

/**
 * What the two LunarLander plugins share: reading and validating their section (keys
 * {@code enable-wind}, {@code wind-power}, {@code turbulence-power}, {@code gravity},
 * {@code wind-power-range}, {@code turbulence-power-range}, {@code gravity-range}; defaults in
 * {@code lunar-lander.conf}) and the {@code heuristic} controller.
 *
 * <p>A range is {@code []} (the parameter is fixed at its scalar value) or {@code [lo, hi]} with
 * {@code lo <= hi} inside the parameter's valid interval (wind power [0, 20], turbulence power [0, 2],
 * gravity (-12, 0), as Gymnasium's {@code LunarLander-v3} asserts or recommends); the parameter is then
 * drawn uniformly per task. Wind and turbulence ranges require {@code enable-wind = true}.
 */
public abstract class AbstractLunarLanderProvider implements EnvironmentProvider {
  private final boolean continuous;

  /** @param continuous whether this plugin makes the continuous-action variant */
  protected AbstractLunarLanderProvider(boolean continuous) {
    this.continuous = continuous;
  }

  @Override
  public TaskDistribution create(Config section, PluginContext context) {
    return distribution(section, continuous);
  }

  @Override
  public Map<String, Supplier<Controller>> controllers() {
    return Map.of(LunarLanderHeuristic.NAME, LunarLanderHeuristic::new);
  }

  /**
   * Builds the distribution described by a plugin section.
   *
   * @throws InvalidSettingException naming the first bad key
   */
  static LunarLanderTaskDistribution distribution(Config c, boolean continuous) {
    boolean enableWind;
    try {
      enableWind = c.getBoolean("enable-wind");
    } catch (ConfigException.WrongType e) {
      throw new InvalidSettingException("enable-wind", c.getValue("enable-wind").render(), "true or false");
    }
    double windPower = Settings.doubleIn(c, "wind-power", 0.0, LunarLanderConfig.MAX_WIND_POWER);
    double turbulencePower =
        Settings.doubleIn(c, "turbulence-power", 0.0, LunarLanderConfig.MAX_TURBULENCE_POWER);
    double gravity = gravity(c);

    LunarLanderTaskDistribution.Range windRange =
        range(c, "wind-power-range", LunarLanderConfig::validWindPower, "[0, 20]");
    LunarLanderTaskDistribution.Range turbulenceRange =
        range(c, "turbulence-power-range", LunarLanderConfig::validTurbulencePower, "[0, 2]");
    LunarLanderTaskDistribution.Range gravityRange =
        range(c, "gravity-range", LunarLanderConfig::validGravity, "(-12, 0)");
    if (!enableWind) {
      if (windRange != null) {
        throw new InvalidSettingException("wind-power-range", render(c, "wind-power-range"),
            "[] while enable-wind = false (set enable-wind = true to vary the wind)");
      }
      if (turbulenceRange != null) {
        throw new InvalidSettingException("turbulence-power-range", render(c, "turbulence-power-range"),
            "[] while enable-wind = false (set enable-wind = true to vary the turbulence)");
      }
    }
    LunarLanderConfig base = new LunarLanderConfig(continuous, gravity, enableWind, windPower, turbulencePower);
    return new LunarLanderTaskDistribution(base, windRange, turbulenceRange, gravityRange);
  }

  private static double gravity(Config c) {
    double g;
    try {
      g = c.getDouble("gravity");
    } catch (ConfigException.WrongType e) {
      throw new InvalidSettingException("gravity", render(c, "gravity"), "a number in (-12, 0)");
    }
    if (!LunarLanderConfig.validGravity(g)) {
      throw new InvalidSettingException("gravity", g, "a number in (-12, 0)");
    }
    return g;
  }

  private static LunarLanderTaskDistribution.Range range(
      Config c, String key, DoublePredicate valid, String interval) {
    String expected = "[] or [lo, hi] with lo <= hi, both in " + interval;
    List<Double> values;
    try {
      values = c.getDoubleList(key);
    } catch (ConfigException.WrongType e) {
      throw new InvalidSettingException(key, render(c, key), expected);
    }
    if (values.isEmpty()) {
      return null;
    }
    if (values.size() != 2) {
      throw new InvalidSettingException(key, render(c, key), expected);
    }
    double lo = values.get(0);
    double hi = values.get(1);
    if (!(lo <= hi) || !valid.test(lo) || !valid.test(hi)) {
      throw new InvalidSettingException(key, render(c, key), expected);
    }
    return new LunarLanderTaskDistribution.Range(lo, hi);
  }

  private static String render(Config c, String key) {
    return c.getValue(key).render();
  }
}
