package io.metarl.agents.a3c;

import com.google.auto.service.AutoService;
import com.typesafe.config.Config;
import io.metarl.api.agent.Agent;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.api.plugin.AgentProvider;
import io.metarl.api.plugin.PluginContext;
import io.metarl.api.plugin.Settings;
import io.metarl.core.config.OptimizerSettings;
import io.metarl.core.nn.ActorCriticAgent;
import io.metarl.core.nn.ActorCriticSettings;
import io.metarl.core.nn.PolicyLosses;

/**
 * {@code agent.plugin = a3c}: asynchronous advantage actor-critic (Mnih et al. 2016). {@code workers}
 * threads each step their own lanes with a local copy of the network, compute gradients on their own
 * rollouts, apply them to the shared global parameters and re-sync, without waiting for each other.
 * {@code async = false} reproduces the seed's synchronous variant: a single worker making one batched
 * update per rollout (A2C's loop with A3C's defaults). The seed pairs A3C with GAE and an
 * entropy bonus. Runs with several workers are not bit-reproducible (thread interleaving).
 */
@AutoService(AgentProvider.class)
public final class A3cProvider implements AgentProvider {
  @Override
  public String name() {
    return "a3c";
  }

  @Override
  public String description() {
    return "asynchronous actor-critic: worker threads, local copies, shared global parameters";
  }

  @Override
  public Agent create(Config section, EnvironmentSpec environment, PluginContext context) {
    int workers = Settings.intAtLeast(section, "workers", 1);
    boolean async = section.getBoolean("async");
    ActorCriticSettings settings = ActorCriticSettings.from(section, 0, async ? workers : 1);
    OptimizerSettings optimizer = OptimizerSettings.from(context.runConfig().getConfig("optimizer"));
    return new ActorCriticAgent(name(), environment, settings, optimizer, context.seed(),
        PolicyLosses.fromAgentSection(section, environment, context));
  }
}
