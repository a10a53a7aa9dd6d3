package io.metarl.core.agent;

import io.metarl.api.agent.Agent;
import io.metarl.api.agent.Learner;
import io.metarl.api.agent.Policy;
import io.metarl.api.agent.ReturnSpan;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.api.loss.PolicyLoss;
import io.metarl.core.config.OptimizerSettings;
import io.metarl.core.nn.ActorCriticNetwork;
import io.metarl.core.nn.PolicyGradientLoss;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The smallest agent built from core's shared actor-critic machinery, for core's own tests (and, through
 * core's test jar, other modules' tests): one synchronous learner computing with the global
 * parameters, an optional memory, returns per episode unless told otherwise.
 */
public final class TestAgent implements Agent {
  private final ActorCriticModel model;
  private final ReturnSpan span;

  public TestAgent(String name, EnvironmentSpec env, ActorCriticSettings settings, OptimizerSettings optimizer, long seed) {
    this(name, env, settings, optimizer, seed, () -> new PolicyGradientLoss(settings.entropyCoefficient()));
  }

  public TestAgent(String name, EnvironmentSpec env, ActorCriticSettings settings, OptimizerSettings optimizer, long seed,
      Supplier<PolicyLoss> loss) {
    this(new ActorCriticModel(name, env, settings, optimizer, seed, loss), ReturnSpan.EPISODE);
  }

  public TestAgent(ActorCriticModel model, ReturnSpan span) {
    this.model = model;
    this.span = span;
  }

  /** The network. */
  public ActorCriticNetwork network() {
    return model.network();
  }

  /** A copy of the global parameters. */
  public double[] parameters() {
    return model.store().values().clone();
  }

  @Override
  public EnvironmentSpec spec() {
    return model.spec();
  }

  @Override
  public ReturnSpan returnSpan() {
    return span;
  }

  @Override
  public boolean recurrent() {
    return model.settings().memoryUnits() > 0;
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
