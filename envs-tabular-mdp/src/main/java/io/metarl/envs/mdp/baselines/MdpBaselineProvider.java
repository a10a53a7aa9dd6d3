package io.metarl.envs.mdp.baselines;

import com.typesafe.config.Config;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.api.plugin.AgentProvider;
import io.metarl.api.plugin.InvalidSettingException;
import io.metarl.api.plugin.PluginContext;
import io.metarl.api.plugin.Settings;
import io.metarl.envs.mdp.TabularMdpProvider;
import java.util.function.Supplier;

/**
 * Shared part of the tabular-MDP baseline plugins. Every one has {@code episode-length}: the episode
 * length its planner assumes; 0 (the default) follows the task: the run's
 * {@code environment.episode-length}, else the {@code tabular-mdp} default (10).
 */
public abstract class MdpBaselineProvider implements AgentProvider {

  /** The rule factory for these settings. */
  protected abstract Supplier<MdpRule> rules(Config section);

  @Override
  public MdpBaselineAgent create(Config section, EnvironmentSpec environment, PluginContext context) {
    return new MdpBaselineAgent(name(), environment, horizon(section, context), rules(section));
  }

  /** The planning horizon for these settings and run. */
  public static int horizon(Config section, PluginContext context) {
    int h = section.hasPath("episode-length") ? Settings.intAtLeast(section, "episode-length", 0) : 0;
    if (h > 0) {
      return h;
    }
    if (context != null && context.runConfig() != null) {
      Config run = context.runConfig();
      if (run.hasPath("environment.episode-length")) {
        return run.getInt("environment.episode-length");
      }
      String p = "plugins." + TabularMdpProvider.NAME + ".episode-length";
      if (run.hasPath(p)) {
        return run.getInt(p);
      }
    }
    return 10;
  }

  /** The prior keys {@code prior-mean}, {@code prior-precision}, {@code prior-dirichlet}. */
  static Posterior prior(Config section) {
    double mu0 = section.getDouble("prior-mean");
    double tau0 = Settings.positive(section, "prior-precision");
    double alpha0 = Settings.positive(section, "prior-dirichlet");
    if (!Double.isFinite(mu0)) {
      throw new InvalidSettingException("prior-mean", mu0, "a finite number");
    }
    return new Posterior(mu0, tau0, alpha0);
  }
}
