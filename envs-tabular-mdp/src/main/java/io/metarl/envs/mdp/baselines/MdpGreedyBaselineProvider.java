package io.metarl.envs.mdp.baselines;

import com.google.auto.service.AutoService;
import com.typesafe.config.Config;
import io.metarl.api.plugin.AgentProvider;
import java.util.function.Supplier;

/** Plugin {@code mdp-greedy}: optimal against the posterior-mean MDP, re-planned each episode. Keys in {@code reference.conf}. */
@AutoService(AgentProvider.class)
public final class MdpGreedyBaselineProvider extends MdpBaselineProvider {
  /** The plugin name. */
  public static final String NAME = "mdp-greedy";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "tabular-MDP baseline: optimal against the posterior-mean MDP, re-planned each episode.";
  }

  @Override
  protected Supplier<MdpRule> rules(Config section) {
    Posterior prior = prior(section);
    return () -> Rules.epsilonGreedy(prior, 0.0);
  }
}
