package io.metarl.envs.mdp;

import com.google.auto.service.AutoService;
import com.typesafe.config.Config;
import io.metarl.api.plugin.EnvironmentProvider;
import io.metarl.api.plugin.PluginContext;
import io.metarl.api.plugin.Settings;

/**
 * Plugin {@code tabular-mdp}: {@link RandomMdps}. Keys: {@code states} (default 10), {@code actions}
 * (5), {@code episode-length} (10), {@code reward-mean} (1.0), {@code reward-std} (1.0).
 */
@AutoService(EnvironmentProvider.class)
public final class TabularMdpProvider implements EnvironmentProvider {
  /** The plugin name. */
  public static final String NAME = "tabular-mdp";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "random tabular MDPs: R ~ N(1,1), P ~ flat Dirichlet, start state 0 (RL² section 3.2)";
  }

  @Override
  public RandomMdps create(Config section, PluginContext context) {
    int states = Settings.intAtLeast(section, "states", 1);
    int actions = Settings.intAtLeast(section, "actions", 1);
    int length = Settings.intAtLeast(section, "episode-length", 1);
    double mean = section.getDouble("reward-mean");
    double std = Settings.nonNegative(section, "reward-std");
    return new RandomMdps(states, actions, length, mean, std);
  }
}
