package io.metarl.agents.a3c;

import com.google.auto.service.AutoService;
import com.typesafe.config.Config;
import io.metarl.api.agent.Agent;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.api.plugin.AgentProvider;
import io.metarl.api.plugin.PluginContext;
import io.metarl.api.plugin.Settings;
import io.metarl.core.agent.ActorCriticModel;
import io.metarl.core.agent.ActorCriticSettings;
import io.metarl.core.config.OptimizerSettings;
import io.metarl.core.nn.PolicyLosses;

/**
 * {@code agent.plugin = a3c}: asynchronous advantage actor-critic ({@link A3cAgent}). {@code workers}
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
    return createWithMemory(section, environment, context, 0);
  }

  @Override
  public Agent createWithMemory(Config section, EnvironmentSpec environment, PluginContext context, int memoryUnits) {
    int workers = Settings.intAtLeast(section, "workers", 1);
    boolean async = section.getBoolean("async");
    int threads = async ? workers : 1;
    ActorCriticSettings settings = ActorCriticSettings.from(section, memoryUnits, threads);
    return new A3cAgent(new ActorCriticModel(name(), environment, settings, OptimizerSettings.fromAgentSection(section),
        context.seed(), PolicyLosses.fromAgentSection(section, environment, context)), threads);
  }
}
