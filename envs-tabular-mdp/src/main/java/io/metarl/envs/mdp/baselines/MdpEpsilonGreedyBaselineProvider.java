package io.metarl.envs.mdp.baselines;

import com.google.auto.service.AutoService;
import com.typesafe.config.Config;
import io.metarl.api.plugin.AgentProvider;
import io.metarl.api.plugin.Settings;
import java.util.function.Supplier;

/** Plugin {@code mdp-epsilon-greedy}: greedy against the posterior-mean MDP, a random action with probability epsilon. Keys in {@code reference.conf}. */
@AutoService(AgentProvider.class)
public final class MdpEpsilonGreedyBaselineProvider extends MdpBaselineProvider {
  /** The plugin name. */
  public static final String NAME = "mdp-epsilon-greedy";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "tabular-MDP baseline: greedy against the posterior-mean MDP, a random action with probability epsilon.";
  }

  @Override
  protected Supplier<MdpRule> rules(Config section) {
    Posterior prior = prior(section);
    double epsilon = Settings.doubleIn(section, "epsilon", 0, 1);
    return () -> Rules.epsilonGreedy(prior, epsilon);
  }
}
