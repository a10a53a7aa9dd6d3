package io.metarl.agents.ppo;

import com.google.auto.service.AutoService;
import com.typesafe.config.Config;
import io.metarl.api.agent.Agent;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.api.plugin.AgentProvider;
import io.metarl.api.plugin.PluginContext;
import io.metarl.core.agent.ActorCriticModel;
import io.metarl.core.agent.ActorCriticSettings;
import io.metarl.core.config.OptimizerSettings;

/**
 * {@code agent.plugin = ppo}: proximal policy optimisation with the clipped surrogate objective
 * ({@link PpoAgent}, {@link PpoUpdate}), for discrete and continuous actions, feed-forward or, under
 * RL² ({@code agent { plugin = rl2, base = ppo }}), recurrent. Advantages come from the run's
 * {@code returns} plugin (GAE with gamma 0.99 and lambda 0.95 is PPO's usual choice). Defaults: this
 * jar's {@code reference.conf} ({@code metarl.plugins.ppo}), Stable-Baselines3's and CleanRL's.
 */
@AutoService(AgentProvider.class)
public final class PpoProvider implements AgentProvider {
  @Override
  public String name() {
    return "ppo";
  }

  @Override
  public String description() {
    return "proximal policy optimisation (clipped surrogate, minibatch epochs per rollout)";
  }

  @Override
  public Agent create(Config section, EnvironmentSpec environment, PluginContext context) {
    return createWithMemory(section, environment, context, 0);
  }

  @Override
  public Agent createWithMemory(Config section, EnvironmentSpec environment, PluginContext context, int memoryUnits) {
    ActorCriticSettings settings = ActorCriticSettings.from(section, memoryUnits, 1);
    PpoSettings ppo = PpoSettings.from(section);
    return new PpoAgent(new ActorCriticModel(name(), environment, settings, OptimizerSettings.fromAgentSection(section),
        context.seed()), ppo);
  }
}
