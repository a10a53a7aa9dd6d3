package io.metarl.envs.mdp.baselines;

import com.google.auto.service.AutoService;
import com.typesafe.config.Config;
import io.metarl.api.plugin.AgentProvider;
import io.metarl.api.plugin.Settings;
import java.util.function.Supplier;

/** Plugin {@code ucrl2}: UCRL2 (Jaksch et al. 2010), extended value iteration on confidence sets, re-planned each episode. Keys in {@code reference.conf}. */
@AutoService(AgentProvider.class)
public final class Ucrl2BaselineProvider extends MdpBaselineProvider {
  /** The plugin name. */
  public static final String NAME = "ucrl2";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "tabular-MDP baseline: UCRL2 (Jaksch et al. 2010), extended value iteration on confidence sets, re-planned each episode.";
  }

  @Override
  protected Supplier<MdpRule> rules(Config section) {
    double scaling = Settings.nonNegative(section, "scaling");
    double delta = Settings.doubleIn(section, "delta", 0, 1);
    return () -> Rules.ucrl2(scaling, delta);
  }
}
