package io.metarl.envs.mdp.baselines;

import com.google.auto.service.AutoService;
import com.typesafe.config.Config;
import io.metarl.api.plugin.AgentProvider;
import io.metarl.api.plugin.Settings;
import java.util.function.Supplier;

/** Plugin {@code beb}: Bayesian exploration bonus (Kolter and Ng 2009), beta / (1 + n(s,a)) on the posterior-mean MDP. Keys in {@code reference.conf}. */
@AutoService(AgentProvider.class)
public final class BebBaselineProvider extends MdpBaselineProvider {
  /** The plugin name. */
  public static final String NAME = "beb";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "tabular-MDP baseline: Bayesian exploration bonus (Kolter and Ng 2009), beta / (1 + n(s,a)) on the posterior-mean MDP.";
  }

  @Override
  protected Supplier<MdpRule> rules(Config section) {
    Posterior prior = prior(section);
    double beta = Settings.nonNegative(section, "beta");
    return () -> Rules.beb(prior, beta);
  }
}
