package io.metarl.agents.meta;

import io.metarl.api.agent.Agent;
import io.metarl.api.agent.Learner;
import io.metarl.api.agent.Policy;
import io.metarl.api.agent.ReturnSpan;
import io.metarl.api.env.EnvironmentSpec;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The RL² meta-agent: a base agent (any agent plugin with a recurrent policy, built through the api)
 * whose memory reads the {@link MetaInputs} and whose returns span the whole trial. The trial
 * semantics: the memory of a lane is zeroed only when a new trial (task) begins and carried across
 * the trial's episodes; the return runs over the whole trial ({@link ReturnSpan#TRIAL}), so the
 * agent is rewarded for exploring in early episodes and exploiting in later ones; the update's
 * back-propagation through time starts from the memory state its rollout began with and never
 * crosses a trial boundary (the base resets on the trial-start flags). At inference the weights are
 * frozen: adaptation to a new task happens in the activations only.
 */
final class Rl2Agent implements Agent {
  private final Agent base;
  private final EnvironmentSpec env;
  private final MetaInputs inputs;

  Rl2Agent(Agent base, EnvironmentSpec env, MetaInputs inputs) {
    this.base = base;
    this.env = env;
    this.inputs = inputs;
  }

  @Override
  public EnvironmentSpec spec() {
    return env;
  }

  @Override
  public int workers() {
    return base.workers();
  }

  @Override
  public boolean recurrent() {
    return true;
  }

  @Override
  public ReturnSpan returnSpan() {
    return ReturnSpan.TRIAL;
  }

  @Override
  public Learner learner(int worker, int lanes, long seed) {
    return new Rl2Learner(base.learner(worker, lanes, seed), inputs, env);
  }

  @Override
  public Policy policy(int lanes, long seed) {
    return new MetaPolicy(base.policy(lanes, seed), inputs, env);
  }

  @Override
  public void trainingProgress(double fraction) {
    base.trainingProgress(fraction);
  }

  @Override
  public long parameterCount() {
    return base.parameterCount();
  }

  @Override
  public void save(Path dir) throws IOException {
    base.save(dir);
  }

  @Override
  public void load(Path dir) throws IOException {
    base.load(dir);
  }

  @Override
  public void close() {
    base.close();
  }
}
