package io.metarl.envs.mdp.baselines;

import com.google.auto.service.AutoService;
import com.typesafe.config.Config;
import io.metarl.api.plugin.AgentProvider;
import io.metarl.api.plugin.Settings;
import java.util.function.Supplier;

/** Plugin {@code opsrl}: optimistic PSRL, the element-wise max of the Q-values of several posterior draws per episode. Keys in {@code reference.conf}. */
@AutoService(AgentProvider.class)
public final class OpsrlBaselineProvider extends MdpBaselineProvider {
  /** The plugin name. */
  public static final String NAME = "opsrl";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "tabular-MDP baseline: optimistic PSRL, the element-wise max of the Q-values of several posterior draws per episode.";
  }

  @Override
  protected Supplier<MdpRule> rules(Config section) {
    Posterior prior = prior(section);
    int samples = Settings.intAtLeast(section, "samples", 1);
    return () -> Rules.psrl(prior, samples);
  }
}
