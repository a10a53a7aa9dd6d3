package io.metarl.envs.bandit.baselines;

import com.typesafe.config.Config;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.api.plugin.AgentProvider;
import io.metarl.api.plugin.PluginContext;
import java.util.function.Supplier;

/** Shared part of the baseline agent plugins: validates the settings, then wraps a rule factory. */
public abstract class BaselineProvider implements AgentProvider {

  /**
   * The rule factory for these settings.
   *
   * @throws io.metarl.api.plugin.InvalidSettingException for a bad value
   */
  protected abstract Supplier<ArmRule> rules(Config section);

  @Override
  public BaselineAgent create(Config section, EnvironmentSpec environment, PluginContext context) {
    return new BaselineAgent(name(), environment, rules(section));
  }
}
