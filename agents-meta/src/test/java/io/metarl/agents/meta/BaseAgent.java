package io.metarl.agents.meta;

import io.metarl.api.agent.Agent;
import io.metarl.api.agent.Learner;
import io.metarl.api.agent.Policy;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.core.agent.ActorCriticModel;
import io.metarl.core.agent.ActorCriticSettings;
import io.metarl.core.agent.ParameterAccess;
import io.metarl.core.agent.ParameterStore;
import io.metarl.core.config.OptimizerSettings;
import io.metarl.core.nn.Activation;
import java.nio.file.Path;
import java.util.List;

/** Test fixture: a synchronous actor-critic built from core's machinery, with a memory, as RL²'s base. */
final class BaseAgent implements Agent {
  final ActorCriticModel model;

  BaseAgent(EnvironmentSpec env, int units, long seed) {
    var settings = new ActorCriticSettings(List.of(), Activation.TANH, true, units, 0.5, 0.0, false, 0.0, 1);
    this.model = new ActorCriticModel("base", env, settings, new OptimizerSettings("rmsprop", 1e-3, 0.99, 1e-5, 0), seed);
  }

  @Override
  public EnvironmentSpec spec() {
    return model.spec();
  }

  @Override
  public Learner learner(int worker, int lanes, long seed) {
    ParameterStore store = model.store();
    return model.learner(ParameterAccess.direct(store), lanes, seed);
  }

  @Override
  public Policy policy(int lanes, long seed) {
    return model.frozenPolicy(model.store().values().clone(), lanes, seed);
  }

  @Override
  public long parameterCount() {
    return model.store().size();
  }

  @Override
  public void save(Path dir) throws java.io.IOException {
    model.save(dir);
  }

  @Override
  public void load(Path dir) throws java.io.IOException {
    model.load(dir);
  }
}
