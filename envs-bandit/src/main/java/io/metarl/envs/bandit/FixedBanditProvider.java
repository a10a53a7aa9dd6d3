package io.metarl.envs.bandit;

import com.google.auto.service.AutoService;
import com.typesafe.config.Config;
import io.metarl.api.plugin.EnvironmentProvider;
import io.metarl.api.plugin.PluginContext;
import io.metarl.api.plugin.Settings;

/**
 * Plugin {@code bandit-fixed}: one given bandit, a fixed instance (every sample is the same task).
 * Keys: {@code probabilities} (a list of at least two numbers in [0, 1], default [0.2, 0.8]),
 * {@code horizon} (integer >= 1, default 100).
 */
@AutoService(EnvironmentProvider.class)
public final class FixedBanditProvider implements EnvironmentProvider {
  /** The plugin name. */
  public static final String NAME = "bandit-fixed";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "one given Bernoulli bandit: probabilities = [p_1, ..., p_k]";
  }

  @Override
  public BanditDistribution create(Config section, PluginContext context) {
    double[] p = BanditSettings.probabilities(section, "probabilities", 2);
    int horizon = Settings.intAtLeast(section, "horizon", 1);
    BanditDistribution tasks = BanditDistribution.fixed(new BanditTask(p, horizon));
    return section.getBoolean("observe-time") ? tasks.observingTime() : tasks;
  }
}
