package io.metarl.core.nn;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.api.loss.PolicyLoss;
import io.metarl.api.plugin.InvalidSettingException;
import io.metarl.api.plugin.PluginContext;
import io.metarl.api.plugin.PolicyLossProvider;
import java.util.function.Supplier;

/** Builds the policy loss an actor-critic agent's section names in {@code policy-loss { plugin = ... }}. */
public final class PolicyLosses {
  /** The key of the policy-loss block inside an agent's section. */
  public static final String KEY = "policy-loss";
  /** The default policy loss. */
  public static final String DEFAULT = "a2c-pg";

  private PolicyLosses() {}

  /**
   * The factory of the policy loss chosen in {@code agentSection.policy-loss}: one loss is created
   * right away (so that a bad setting, a missing file or a loss for other spaces fails before training)
   * and one per learner afterwards.
   *
   * @param agentSection the agent's effective section (over its plugin defaults)
   * @throws InvalidSettingException keyed {@code policy-loss.<key>} (relative to the agent's section)
   */
  public static Supplier<PolicyLoss> fromAgentSection(Config agentSection, EnvironmentSpec env, PluginContext ctx) {
    Config block;
    try {
      block = agentSection.hasPath(KEY) ? agentSection.getConfig(KEY) : ConfigFactory.empty();
    } catch (ConfigException.WrongType e) {
      throw new InvalidSettingException(KEY, agentSection.getValue(KEY).render(), "a block { plugin = <name>, ... }");
    }
    String name = block.hasPath("plugin") ? block.getString("plugin") : DEFAULT;
    PolicyLossProvider provider;
    try {
      provider = ctx.provider(PolicyLossProvider.class, name);
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(KEY + ".plugin", name, "an installed policy-loss plugin (" + e.getMessage() + ")");
    }
    Config section = ctx.pluginSection(name, block).withFallback(agentSection.withoutPath(KEY));
    Supplier<PolicyLoss> factory = () -> {
      try {
        return provider.create(section, env, ctx);
      } catch (InvalidSettingException e) {
        throw new InvalidSettingException(KEY + "." + e.key(), e.value(), e.expected());
      }
    };
    factory.get();
    return factory;
  }
}
