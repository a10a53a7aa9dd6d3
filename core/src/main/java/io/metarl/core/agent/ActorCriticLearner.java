package io.metarl.core.agent;

import io.metarl.api.agent.Differentiable;
import io.metarl.api.agent.Learner;
import io.metarl.api.agent.MetaMemory;
import io.metarl.api.agent.Mode;
import io.metarl.api.agent.PolicyInput;
import io.metarl.api.agent.PolicyOutput;
import io.metarl.api.agent.Resumable;
import io.metarl.api.agent.RolloutBatch;
import io.metarl.api.agent.UpdateResult;
import io.metarl.api.loss.PolicyLoss;
import io.metarl.core.rollout.Rng;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One worker's actor-critic learner over a batch of lanes, or (not learning) a frozen inference
 * policy: acts by sampling from the policy head, keeps each lane's recurrent state, and makes one
 * update per rollout along the {@link ActorCriticObjective}'s gradient, applied through its
 * {@link ParameterAccess} (which is where A2C and A3C differ). Its state for exact resume: the
 * sampler's generator, the recurrent state and the policy loss's state.
 */
public final class ActorCriticLearner implements Learner, Resumable {
  private final ActorCriticModel model;
  private final ParameterAccess access;
  private final int lanes;
  private final boolean learning;
  private final RecurrentState memory;
  private final RolloutPasses passes;
  private final ActionSampler sampler;
  private final ActorCriticObjective objective;
  private final PolicyLoss loss;
  private final Differentiable differentiableView;

  ActorCriticLearner(ActorCriticModel model, ParameterAccess access, int lanes, long seed, boolean learning) {
    this.model = model;
    this.access = access;
    this.lanes = lanes;
    this.learning = learning;
    var network = model.network();
    this.sampler = new ActionSampler(network.spec().policyOutputs(), network.spec().discrete(), network.logStdOffset(), seed);
    this.loss = learning ? model.newPolicyLoss() : null;
    if (loss != null) {
      loss.reset(seed);
    }
    this.memory = new RecurrentState(lanes, network.units());
    int shards = learning ? Math.min(model.settings().learnerThreads(), lanes) : 1;
    this.passes = new RolloutPasses(network, model.features(), access::current, memory, lanes, learning, shards,
        shards > 1 ? model.newRunner(shards) : null);
    this.objective = new ActorCriticObjective(network.spec(), network.logStdOffset(), model.settings().valueCoefficient(),
        model.settings().normalizeAdvantages());
    this.differentiableView = new DifferentiableView(model, access, passes, objective, () -> loss, lanes);
  }

  @Override
  public int lanes() {
    return lanes;
  }

  @Override
  public void act(PolicyInput in, Mode mode, PolicyOutput out) {
    passes.act(in);
    sampler.choose(passes.actPolicyOut, passes.actValueOut, passes.actFirst, access.current(), mode, out);
  }

  @Override
  public void values(PolicyInput in, float[] out) {
    passes.values(in, out);
  }

  @Override
  public UpdateResult learn(RolloutBatch b) {
    if (!learning) {
      throw new UnsupportedOperationException("a frozen inference policy does not learn");
    }
    ActorCriticObjective.Gradient g = objective.compute(b, access.current(), passes, loss);
    double norm = access.apply(g.grad());
    loss.advance(g.batch());
    memory.markRolloutStart();
    passes.updated();
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("loss", g.policyLoss() + model.settings().valueCoefficient() * g.valueLoss());
    m.put("loss_policy", g.policyLoss());
    m.put("loss_value", g.valueLoss());
    m.put("entropy", g.entropy());
    m.put("value_error", g.valueError());
    m.put("grad_norm", norm);
    m.put("learning_rate", access.learningRate());
    return new UpdateResult(m);
  }

  @Override
  public Optional<Differentiable> differentiable() {
    return learning ? Optional.of(differentiableView) : Optional.empty();
  }

  @Override
  public Optional<MetaMemory> memory() {
    return memory.units > 0 ? Optional.of(memory) : Optional.empty();
  }

  @Override
  public void writeState(DataOutputStream out) throws IOException {
    out.writeLong(sampler.rng.state());
    memory.write(out);
    byte[] lossState = loss == null ? new byte[0] : loss.state();
    out.writeInt(lossState.length);
    out.write(lossState);
  }

  @Override
  public void readState(DataInputStream in) throws IOException {
    sampler.rng = Rng.restore(in.readLong());
    passes.invalidate();
    memory.read(in);
    // The policy loss's state; absent from checkpoints written before policy losses were plugins.
    byte[] lossState = new byte[0];
    if (in.available() > 0) {
      int len = in.readInt();
      if (len < 0 || len > in.available()) {
        throw new IOException("saved policy-loss state claims " + len + " bytes, " + in.available() + " remain");
      }
      lossState = in.readNBytes(len);
    }
    if (loss != null) {
      try {
        loss.restore(lossState);
      } catch (IllegalArgumentException e) {
        throw new IOException("cannot restore the policy loss's state: " + e.getMessage(), e);
      }
    }
    access.refresh();
  }

  /** A copy of the parameters this learner computes with. */
  double[] currentParameters() {
    return access.current().clone();
  }
}
