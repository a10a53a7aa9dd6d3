package io.metarl.agents.a2c;

import io.metarl.api.agent.Agent;
import io.metarl.api.agent.Learner;
import io.metarl.api.agent.Policy;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.core.agent.ActorCriticModel;
import io.metarl.core.agent.ParameterAccess;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Synchronous advantage actor-critic: one worker steps all its lanes together and makes one batched
 * update per rollout, computing with the global parameters themselves (no copy, no lock: nothing
 * else writes them). Learners are used from one thread at a time.
 */
final class A2cAgent implements Agent {
  private final ActorCriticModel model;
  private final boolean recurrent;

  A2cAgent(ActorCriticModel model) {
    this.model = model;
    this.recurrent = model.settings().memoryUnits() > 0;
  }

  @Override
  public EnvironmentSpec spec() {
    return model.spec();
  }

  @Override
  public boolean recurrent() {
    return recurrent;
  }

  @Override
  public Learner learner(int worker, int lanes, long seed) {
    return model.learner(ParameterAccess.direct(model.store()), lanes, seed);
  }

  @Override
  public Policy policy(int lanes, long seed) {
    return model.frozenPolicy(model.store().values().clone(), lanes, seed);
  }

  @Override
  public void trainingProgress(double fraction) {
    model.store().progress(fraction);
  }

  @Override
  public long parameterCount() {
    return model.store().size();
  }

  @Override
  public void save(Path dir) throws IOException {
    model.save(dir);
  }

  @Override
  public void load(Path dir) throws IOException {
    model.load(dir);
  }

  @Override
  public void close() {
    model.close();
  }
}
