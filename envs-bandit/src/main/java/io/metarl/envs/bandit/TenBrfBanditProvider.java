package io.metarl.envs.bandit;

import com.google.auto.service.AutoService;
import com.typesafe.config.Config;
import io.metarl.api.plugin.EnvironmentProvider;
import io.metarl.api.plugin.PluginContext;
import io.metarl.api.plugin.Settings;
import java.util.SplittableRandom;

/**
 * Plugin {@code bandit-10brf}: the seed project's "10Brf", ten arms with random but fixed
 * probabilities, as a <em>fixed instance</em>: one vector {@code p_i ~ U[0,1]} is drawn once from
 * {@code new SplittableRandom(instance-seed)} (independently of the run's seed, so every run and every
 * training seed sees the same bandit) and every sample returns that task
 * ({@link BanditDistribution#singleInstance()} is true). Keys: {@code horizon} (integer >= 1, default
 * 100), {@code instance-seed} (any integer, default 1).
 */
@AutoService(EnvironmentProvider.class)
public final class TenBrfBanditProvider implements EnvironmentProvider {
  /** The plugin name. */
  public static final String NAME = "bandit-10brf";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "one fixed 10-armed Bernoulli bandit, p_i ~ U[0,1] drawn once from instance-seed";
  }

  @Override
  public BanditDistribution create(Config section, PluginContext context) {
    int horizon = Settings.intAtLeast(section, "horizon", 1);
    long instanceSeed = BanditSettings.anyLong(section, "instance-seed");
    BanditDistribution tasks = instance(instanceSeed, horizon);
    return section.getBoolean("observe-time") ? tasks.observingTime() : tasks;
  }

  /** The fixed distribution of the 10-armed instance drawn from {@code instanceSeed}. */
  public static BanditDistribution instance(long instanceSeed, int horizon) {
    BanditTask task = new IndependentBandits(10, horizon).sample(new SplittableRandom(instanceSeed));
    return BanditDistribution.fixed(task);
  }
}
