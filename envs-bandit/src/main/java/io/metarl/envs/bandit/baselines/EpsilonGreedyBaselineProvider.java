package io.metarl.envs.bandit.baselines;

import com.google.auto.service.AutoService;
import com.typesafe.config.Config;
import io.metarl.api.plugin.AgentProvider;
import io.metarl.api.plugin.Settings;
import java.util.function.Supplier;

/**
 * Plugin {@code epsilon-greedy}: {@link EpsilonGreedyRule}. Keys: {@code epsilon} in [0, 1] (default 0.1), {@code variant} of the greedy part (as for {@code greedy}, default posterior-mean).
 */
@AutoService(AgentProvider.class)
public final class EpsilonGreedyBaselineProvider extends BaselineProvider {
  /** The plugin name. */
  public static final String NAME = "epsilon-greedy";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "bandit baseline: random arm with probability epsilon, else greedy";
  }

  @Override
  protected Supplier<ArmRule> rules(Config section) {
    double eps = Settings.doubleIn(section, "epsilon", 0, 1);
    GreedyRule.Variant v = GreedyRule.Variant.of(Settings.oneOf(section, "variant", "posterior-mean", "empirical"));
    return () -> new EpsilonGreedyRule(eps, v);
  }
}
