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
import java.util.Optional;

/**
 * One worker's actor-critic learner over a batch of lanes, or (not learning) a frozen inference
 * policy: acts by sampling from the policy head, keeps each lane's recurrent state, and turns each
 * rollout into parameter updates by its {@link PolicyUpdate} (one gradient step for A2C and A3C,
 * clipped minibatch epochs for PPO), applied through its {@link ParameterAccess} (which is where A2C
 * and A3C differ). With {@code normalize.rewards} it scales the rollout's rewards before the returns
 * are estimated; with {@code normalize.observations} the model's statistics take in each rollout after
 * its update. Its state for exact resume: the sampler's generator, the recurrent state, the policy
 * loss's state, the update's state and the reward scaler's.
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
  private final PolicyUpdate update;
  private final UpdateSteps steps;
  private final RewardScaler rewardScaler;

  ActorCriticLearner(ActorCriticModel model, ParameterAccess access, Features features, int lanes, long seed,
      PolicyUpdate update) {
    this.model = model;
    this.access = access;
    this.lanes = lanes;
    this.learning = update != null;
    this.update = update;
    var network = model.network();
    this.sampler = new ActionSampler(network.spec().policyOutputs(), network.spec().discrete(), network.logStdOffset(), seed);
    this.loss = learning ? model.newPolicyLoss() : null;
    if (loss != null) {
      loss.reset(seed);
    }
    this.memory = new RecurrentState(lanes, network.units());
    int shards = learning ? Math.min(model.settings().learnerThreads(), lanes) : 1;
    ShardRunner runner = shards > 1 ? model.newRunner(shards) : null;
    this.passes = new RolloutPasses(network, features, access::current, memory, lanes, learning, shards, runner);
    GaussianScale scale = network.spec().discrete() ? null : new GaussianScale(network);
    if (scale != null && scale.stateDependent()) {
      sampler.stateDependent(scale, model.settings().exploration().sampleFrequency(), lanes);
    }
    this.objective = new ActorCriticObjective(network.spec(), network.logStdOffset(), model.settings().valueCoefficient(),
        model.settings().normalizeAdvantages(), scale);
    this.differentiableView = new DifferentiableView(model, access, passes, objective, () -> loss, lanes);
    int minibatchShards = learning ? model.settings().learnerThreads() : 1;
    // the minibatch passes' threads: the acting passes' where they have as many, else made on first use (PPO only)
    java.util.function.Supplier<ShardRunner> minibatchRunner = minibatchShards == shards ? () -> runner
        : () -> model.newRunner(minibatchShards);
    this.steps = learning ? new UpdateSteps(model, access,
        passes, new MinibatchPasses(network, features, memory, minibatchShards, minibatchRunner), objective, loss) : null;
    this.rewardScaler = learning && model.settings().normalization().rewards()
        ? new RewardScaler(lanes, model.settings().normalization()) : null;
  }

  @Override
  public int lanes() {
    return lanes;
  }

  @Override
  public void act(PolicyInput in, Mode mode, PolicyOutput out) {
    passes.act(in);
    sampler.choose(passes.actPolicyOut, passes.actValueOut, passes.actFirst, access.current(), mode, out,
        passes.actFeaturesOut, in.trialStart);
  }

  @Override
  public void values(PolicyInput in, float[] out) {
    passes.values(in, out);
  }

  @Override
  public void beforeReturns(RolloutBatch b) {
    if (rewardScaler != null) {
      rewardScaler.scale(b);
    }
  }

  @Override
  public UpdateResult learn(RolloutBatch b) {
    if (!learning) {
      throw new UnsupportedOperationException("a frozen inference policy does not learn");
    }
    UpdateResult result = update.update(b, steps);
    model.observe(b);
    sampler.newRollout();
    memory.markRolloutStart();
    passes.updated();
    return result;
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
    if (update != null) {
      update.writeState(out);
    }
    if (rewardScaler != null) {
      rewardScaler.write(out);
    }
    sampler.writeNoise(out);
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
    if (update != null) {
      update.readState(in);
    }
    if (rewardScaler != null) {
      rewardScaler.read(in);
    }
    sampler.readNoise(in);
    access.refresh();
  }

  /** A copy of the parameters this learner computes with. */
  double[] currentParameters() {
    return access.current().clone();
  }
}
