package io.metarl.envs.bandit.baselines;

import com.google.auto.service.AutoService;
import com.typesafe.config.Config;
import io.metarl.api.plugin.AgentProvider;
import io.metarl.api.plugin.Settings;
import java.util.function.Supplier;

/**
 * Plugin {@code thompson}: {@link ThompsonRule}, Beta prior. Keys: {@code prior-alpha}, {@code prior-beta} > 0 (default 1, 1: uniform).
 */
@AutoService(AgentProvider.class)
public final class ThompsonBaselineProvider extends BaselineProvider {
  /** The plugin name. */
  public static final String NAME = "thompson";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "bandit baseline: Thompson sampling, Beta prior";
  }

  @Override
  protected Supplier<ArmRule> rules(Config section) {
    double a = Settings.positive(section, "prior-alpha");
    double b = Settings.positive(section, "prior-beta");
    return () -> new ThompsonRule(a, b, false);
  }
}
