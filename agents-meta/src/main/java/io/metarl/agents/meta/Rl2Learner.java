package io.metarl.agents.meta;

import io.metarl.api.agent.Differentiable;
import io.metarl.api.agent.Learner;
import io.metarl.api.agent.Resumable;
import io.metarl.api.agent.RolloutBatch;
import io.metarl.api.agent.UpdateResult;
import io.metarl.api.env.EnvironmentSpec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Optional;

/**
 * A base learner seen through the {@link MetaInputs}: every input it acts on, and every rollout it
 * learns from or differentiates, is the augmented one (observation, previous action, reward, done).
 * The rollout's rewards, flags, values, returns and advantages are the caller's, copied unchanged.
 */
final class Rl2Learner extends MetaPolicy implements Learner, Resumable {
  private final Learner base;
  private RolloutBatch augmented;

  Rl2Learner(Learner base, MetaInputs inputs, EnvironmentSpec env) {
    super(base, inputs, env);
    this.base = base;
  }

  @Override
  public UpdateResult learn(RolloutBatch batch) {
    return base.learn(augment(batch));
  }

  @Override
  public void beforeReturns(RolloutBatch batch) {
    base.beforeReturns(batch);
  }

  @Override
  public Optional<Differentiable> differentiable() {
    return base.differentiable().map(Augmented::new);
  }

  @Override
  public void writeState(DataOutputStream out) throws IOException {
    resumable().writeState(out);
  }

  @Override
  public void readState(DataInputStream in) throws IOException {
    resumable().readState(in);
  }

  private Resumable resumable() throws IOException {
    if (base instanceof Resumable r) {
      return r;
    }
    throw new IOException("the base agent's learner cannot save or restore its state");
  }

  /** {@code batch} with augmented inputs, in a buffer reused from rollout to rollout. */
  private RolloutBatch augment(RolloutBatch b) {
    if (augmented == null || augmented.steps != b.steps || augmented.lanes != b.lanes) {
      augmented = new RolloutBatch(inputs.augmentedSpec().observationSpace(), env.actionSpace(), b.steps, b.lanes);
    }
    RolloutBatch a = augmented;
    for (int t = 0; t < b.steps; t++) {
      inputs.fill(b.inputs[t], a.inputs[t]);
      System.arraycopy(b.actions[t].discrete, 0, a.actions[t].discrete, 0, b.actions[t].discrete.length);
      System.arraycopy(b.actions[t].continuous, 0, a.actions[t].continuous, 0, b.actions[t].continuous.length);
    }
    System.arraycopy(b.rewards, 0, a.rewards, 0, b.rewards.length);
    System.arraycopy(b.terminated, 0, a.terminated, 0, b.terminated.length);
    System.arraycopy(b.truncated, 0, a.truncated, 0, b.truncated.length);
    System.arraycopy(b.values, 0, a.values, 0, b.values.length);
    System.arraycopy(b.truncationValues, 0, a.truncationValues, 0, b.truncationValues.length);
    System.arraycopy(b.lastValues, 0, a.lastValues, 0, b.lastValues.length);
    System.arraycopy(b.returns, 0, a.returns, 0, b.returns.length);
    System.arraycopy(b.advantages, 0, a.advantages, 0, b.advantages.length);
    return a;
  }

  /** The base's gradient access, fed augmented rollouts. */
  private final class Augmented implements Differentiable {
    private final Differentiable d;

    Augmented(Differentiable d) {
      this.d = d;
    }

    @Override
    public double[] parameters() {
      return d.parameters();
    }

    @Override
    public double[] gradient(RolloutBatch batch, double[] policyWeights, double[] valueWeights) {
      return d.gradient(augment(batch), policyWeights, valueWeights);
    }

    @Override
    public double[] lossGradient(RolloutBatch batch) {
      return d.lossGradient(augment(batch));
    }

    @Override
    public double learningRate() {
      return d.learningRate();
    }

    @Override
    public double valueCoefficient() {
      return d.valueCoefficient();
    }

    @Override
    public boolean normalizesAdvantages() {
      return d.normalizesAdvantages();
    }
  }
}
