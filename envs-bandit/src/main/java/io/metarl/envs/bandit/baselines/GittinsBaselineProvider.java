package io.metarl.envs.bandit.baselines;

import com.google.auto.service.AutoService;
import com.typesafe.config.Config;
import io.metarl.api.plugin.AgentProvider;
import io.metarl.api.plugin.Settings;
import java.util.function.Supplier;

/**
 * Plugin {@code gittins}: finite-horizon Gittins indices ({@link GittinsRule}, {@link GittinsIndex}). Keys: {@code horizon} = pulls per trial assumed (integer in 1..100000, default 100; set it to the bandit's horizon), {@code discount} in (0, 1] (default 1.0: undiscounted finite horizon), {@code prior-alpha}, {@code prior-beta} > 0 (default 1, 1). The index table is computed lazily and shared per (horizon, discount, prior).
 */
@AutoService(AgentProvider.class)
public final class GittinsBaselineProvider extends BaselineProvider {
  /** The plugin name. */
  public static final String NAME = "gittins";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "bandit baseline: finite-horizon Gittins index";
  }

  @Override
  protected Supplier<ArmRule> rules(Config section) {
    int horizon = Settings.intAtLeast(section, "horizon", 1);
    if (horizon > GittinsIndex.MAX_HORIZON) {
      throw new io.metarl.api.plugin.InvalidSettingException("horizon", horizon, "an integer in 1.." + GittinsIndex.MAX_HORIZON);
    }
    double discount = Settings.doubleIn(section, "discount", 0, 1);
    if (discount == 0) {
      throw new io.metarl.api.plugin.InvalidSettingException("discount", discount, "a number in (0, 1]");
    }
    double a = Settings.positive(section, "prior-alpha");
    double b = Settings.positive(section, "prior-beta");
    return () -> new GittinsRule(GittinsIndex.of(horizon, discount, a, b));
  }
}
