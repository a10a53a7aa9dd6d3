package io.metarl.envs.mdp.baselines;

import com.google.auto.service.AutoService;
import com.typesafe.config.Config;
import io.metarl.api.plugin.AgentProvider;
import java.util.function.Supplier;

/** Plugin {@code psrl}: posterior sampling (Osband et al. 2013), one posterior MDP per episode. Keys in {@code reference.conf}. */
@AutoService(AgentProvider.class)
public final class PsrlBaselineProvider extends MdpBaselineProvider {
  /** The plugin name. */
  public static final String NAME = "psrl";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "tabular-MDP baseline: posterior sampling (Osband et al. 2013), one posterior MDP per episode.";
  }

  @Override
  protected Supplier<MdpRule> rules(Config section) {
    Posterior prior = prior(section);
    return () -> Rules.psrl(prior, 1);
  }
}
