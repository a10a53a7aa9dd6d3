package io.metarl.core.agent;

import io.metarl.api.agent.Agent;
import io.metarl.api.agent.Learner;
import io.metarl.api.agent.Policy;
import io.metarl.api.agent.ReturnSpan;
import io.metarl.api.env.EnvironmentSpec;
import java.io.IOException;
import java.nio.file.Path;

/**
 * An {@link Agent} made of an {@link ActorCriticModel}: everything but the one decision that makes
 * an actor-critic algorithm's update scheme, {@link #access how a worker's learner reaches the
 * parameters}. Frozen policies act on a snapshot of the global parameters. The default access is
 * {@link ParameterAccess#direct}: one synchronous learner on the global parameters.
 */
public class ModelAgent implements Agent {
  /** The network, parameters, optimiser and policy-loss factory. */
  protected final ActorCriticModel model;
  private final ReturnSpan span;

  /** An agent over {@code model} whose returns stop where {@code span} says. */
  public ModelAgent(ActorCriticModel model, ReturnSpan span) {
    this.model = model;
    this.span = span;
  }

  /** An agent over {@code model} whose returns stop at episode ends. */
  public ModelAgent(ActorCriticModel model) {
    this(model, ReturnSpan.EPISODE);
  }

  /** How worker {@code worker}'s learner reaches the parameters; direct by default. */
  protected ParameterAccess access(int worker) {
    return ParameterAccess.direct(model.store());
  }

  /** The model (networks, parameters). */
  public ActorCriticModel model() {
    return model;
  }

  @Override
  public EnvironmentSpec spec() {
    return model.spec();
  }

  @Override
  public boolean recurrent() {
    return model.settings().memoryUnits() > 0;
  }

  @Override
  public ReturnSpan returnSpan() {
    return span;
  }

  @Override
  public Learner learner(int worker, int lanes, long seed) {
    return model.learner(access(worker), lanes, seed);
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
