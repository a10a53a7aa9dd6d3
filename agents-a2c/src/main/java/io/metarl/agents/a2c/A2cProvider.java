package io.metarl.agents.a2c;

import com.google.auto.service.AutoService;
import com.typesafe.config.Config;
import io.metarl.api.agent.Agent;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.api.plugin.AgentProvider;
import io.metarl.api.plugin.PluginContext;
import io.metarl.core.agent.ActorCriticModel;
import io.metarl.core.agent.ActorCriticSettings;
import io.metarl.core.config.OptimizerSettings;
import io.metarl.core.nn.PolicyLosses;

/**
 * {@code agent.plugin = a2c}: synchronous advantage actor-critic ({@link A2cAgent}). All lanes of the
 * single worker are stepped together and one batched update is made per rollout. The seed paper's
 * Table 1 pairs A2C with Monte-Carlo returns and no entropy bonus; set {@code returns.plugin} to
 * choose the estimator. Defaults: this jar's {@code reference.conf} ({@code metarl.plugins.a2c}).
 */
@AutoService(AgentProvider.class)
public final class A2cProvider implements AgentProvider {
  @Override
  public String name() {
    return "a2c";
  }

  @Override
  public String description() {
    return "synchronous advantage actor-critic (batched lanes, one update per rollout)";
  }

  @Override
  public Agent create(Config section, EnvironmentSpec environment, PluginContext context) {
    return createWithMemory(section, environment, context, 0);
  }

  @Override
  public Agent createWithMemory(Config section, EnvironmentSpec environment, PluginContext context, int memoryUnits) {
    ActorCriticSettings settings = ActorCriticSettings.from(section, memoryUnits, 1);
    return new A2cAgent(new ActorCriticModel(name(), environment, settings, OptimizerSettings.fromAgentSection(section),
        context.seed(), PolicyLosses.fromAgentSection(section, environment, context)));
  }
}
