package io.metarl.envs.mdp.baselines;

import com.google.auto.service.AutoService;
import com.typesafe.config.Config;
import io.metarl.api.plugin.AgentProvider;
import java.util.function.Supplier;

/** Plugin {@code mdp-random}: uniformly random actions. Keys in {@code reference.conf}. */
@AutoService(AgentProvider.class)
public final class MdpRandomBaselineProvider extends MdpBaselineProvider {
  /** The plugin name. */
  public static final String NAME = "mdp-random";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "tabular-MDP baseline: uniformly random actions.";
  }

  @Override
  protected Supplier<MdpRule> rules(Config section) {
    return Rules::random;
  }
}
