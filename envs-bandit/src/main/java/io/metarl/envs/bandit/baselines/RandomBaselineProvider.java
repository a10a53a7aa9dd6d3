package io.metarl.envs.bandit.baselines;

import com.google.auto.service.AutoService;
import com.typesafe.config.Config;
import io.metarl.api.plugin.AgentProvider;
import java.util.function.Supplier;

/**
 * Plugin {@code random}: uniformly random arms ({@link RandomRule}). No keys.
 */
@AutoService(AgentProvider.class)
public final class RandomBaselineProvider extends BaselineProvider {
  /** The plugin name. */
  public static final String NAME = "random";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "bandit baseline: uniformly random arms";
  }

  @Override
  protected Supplier<ArmRule> rules(Config section) {
    return RandomRule::new;
  }
}
