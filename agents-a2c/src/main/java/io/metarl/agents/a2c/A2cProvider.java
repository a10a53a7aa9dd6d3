package io.metarl.agents.a2c;

import com.google.auto.service.AutoService;
import com.typesafe.config.Config;
import io.metarl.api.agent.Agent;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.api.plugin.AgentProvider;
import io.metarl.api.plugin.PluginContext;
import io.metarl.core.config.OptimizerSettings;
import io.metarl.core.nn.ActorCriticAgent;
import io.metarl.core.nn.ActorCriticSettings;
import io.metarl.core.nn.PolicyLosses;

/**
 * {@code agent.plugin = a2c}: synchronous advantage actor-critic. All lanes of the single worker are
 * stepped together and one batched update is made per rollout. The seed paper's Table 1 pairs A2C
 * with Monte-Carlo returns and no entropy bonus; set {@code returns.plugin} to choose the estimator.
 * Defaults: this jar's {@code reference.conf} ({@code metarl.plugins.a2c}).
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
    ActorCriticSettings settings = ActorCriticSettings.from(section, 0, 1);
    OptimizerSettings optimizer = OptimizerSettings.from(context.runConfig().getConfig("optimizer"));
    return new ActorCriticAgent(name(), environment, settings, optimizer, context.seed(),
        PolicyLosses.fromAgentSection(section, environment, context));
  }
}
