package io.metarl.envs.bandit.baselines;

import com.google.auto.service.AutoService;
import com.typesafe.config.Config;
import io.metarl.api.plugin.AgentProvider;
import io.metarl.api.plugin.Settings;
import java.util.function.Supplier;

/**
 * Plugin {@code ucb1}: {@link Ucb1Rule}. Key: {@code c} >= 0, the exploration constant (default sqrt(2) = 1.4142135623730951, textbook UCB1; {@code c = 0.3} is the tuned variant that nears the RL² paper's UCB1 column at n = 100).
 */
@AutoService(AgentProvider.class)
public final class Ucb1BaselineProvider extends BaselineProvider {
  /** The plugin name. */
  public static final String NAME = "ucb1";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "bandit baseline: UCB1, mean + c sqrt(ln t / n_i)";
  }

  @Override
  protected Supplier<ArmRule> rules(Config section) {
    double c = Settings.nonNegative(section, "c");
    return () -> new Ucb1Rule(c);
  }
}
