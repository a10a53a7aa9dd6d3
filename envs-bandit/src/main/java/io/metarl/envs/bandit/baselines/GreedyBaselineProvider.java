package io.metarl.envs.bandit.baselines;

import com.google.auto.service.AutoService;
import com.typesafe.config.Config;
import io.metarl.api.plugin.AgentProvider;
import io.metarl.api.plugin.Settings;
import java.util.function.Supplier;

/**
 * Plugin {@code greedy}: {@link GreedyRule}. Key: {@code variant} = {@code posterior-mean} (default; Beta(1,1) posterior mean, no forced pulls) or {@code empirical} (each arm once, then the best empirical mean).
 */
@AutoService(AgentProvider.class)
public final class GreedyBaselineProvider extends BaselineProvider {
  /** The plugin name. */
  public static final String NAME = "greedy";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "bandit baseline: greedy on the estimated means";
  }

  @Override
  protected Supplier<ArmRule> rules(Config section) {
    GreedyRule.Variant v = GreedyRule.Variant.of(Settings.oneOf(section, "variant", "posterior-mean", "empirical"));
    return () -> new GreedyRule(v);
  }
}
