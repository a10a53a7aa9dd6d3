package io.metarl.envs.bandit;

import com.google.auto.service.AutoService;
import com.typesafe.config.Config;
import io.metarl.api.plugin.EnvironmentProvider;
import io.metarl.api.plugin.PluginContext;
import io.metarl.api.plugin.Settings;

/**
 * Plugin {@code bandit-independent}: {@link IndependentBandits}, {@code p_i ~ U[0,1]} i.i.d. Keys:
 * {@code arms} (integer >= 2, default 10), {@code horizon} (pulls per episode, integer >= 1, default
 * 100).
 */
@AutoService(EnvironmentProvider.class)
public final class IndependentBanditProvider implements EnvironmentProvider {
  /** The plugin name. */
  public static final String NAME = "bandit-independent";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Bernoulli bandits with independent arms p_i ~ U[0,1] (RL² section 5.1)";
  }

  @Override
  public BanditDistribution create(Config section, PluginContext context) {
    int arms = Settings.intAtLeast(section, "arms", 2);
    int horizon = Settings.intAtLeast(section, "horizon", 1);
    BanditDistribution tasks = new IndependentBandits(arms, horizon);
    return section.getBoolean("observe-time") ? tasks.observingTime() : tasks;
  }
}
