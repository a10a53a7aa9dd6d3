package io.metarl.agents.meta;

import io.metarl.api.agent.Agent;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.core.agent.ActorCriticModel;
import io.metarl.core.agent.ActorCriticSettings;
import io.metarl.core.agent.ModelAgent;
import io.metarl.core.config.OptimizerSettings;
import io.metarl.core.nn.Activation;
import java.util.List;

/** Test fixture: a synchronous actor-critic from core's machinery, with a memory, as RL²'s base. */
final class BaseAgent {
  private BaseAgent() {}

  static Agent of(EnvironmentSpec env, int units, long seed) {
    var settings = new ActorCriticSettings(List.of(), Activation.TANH, true, units, 0.5, 0.0, false, 0.0, 1);
    return new ModelAgent(new ActorCriticModel("base", env, settings,
        new OptimizerSettings("rmsprop", 1e-3, 0.99, 1e-5, 0), seed));
  }
}
