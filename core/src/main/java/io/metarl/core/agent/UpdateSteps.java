package io.metarl.core.agent;

import io.metarl.api.agent.RolloutBatch;
import io.metarl.api.loss.PolicyLoss;
import io.metarl.core.nn.NetworkSpec;
import java.util.Arrays;

/**
 * What a {@link PolicyUpdate} may do with its learner's network and parameters: the forward pass over
 * the whole rollout at the current parameters (reused from acting where it can be), forward and
 * backward passes over minibatches of it ({@link MinibatchPasses}: whole lanes for a recurrent
 * network, samples otherwise), and optimiser steps through the learner's {@link ParameterAccess}.
 *
 * <p>Continuous actions: the policy outputs of a pass are the Gaussian means; the log standard
 * deviations are parameters of their own ({@link #logStd()}), whose gradient the update hands to
 * {@link #gradient} separately.
 *
 * <p>Invariant: a non-finite gradient is reported, never stepped along.
 */
public final class UpdateSteps {
  private final ActorCriticModel model;
  private final ParameterAccess access;
  private final RolloutPasses passes;
  private final MinibatchPasses minibatches;
  private final ActorCriticObjective objective;
  private final PolicyLoss loss;

  UpdateSteps(ActorCriticModel model, ParameterAccess access, RolloutPasses passes, MinibatchPasses minibatches,
      ActorCriticObjective objective, PolicyLoss loss) {
    this.model = model;
    this.access = access;
    this.passes = passes;
    this.minibatches = minibatches;
    this.objective = objective;
    this.loss = loss;
  }

  /** Outputs of a forward pass: policy outputs {@code [n][p]}, values {@code [n]}, and for a minibatch the rollout sample of each. */
  public record Outputs(double[] policy, double[] value, int[] rolloutIndex) {}

  /** The network's shape. */
  public NetworkSpec spec() {
    return model.network().spec();
  }

  /** The agent's settings. */
  public ActorCriticSettings settings() {
    return model.settings();
  }

  /** The current log standard deviations (a copy; continuous actions), or null for discrete ones. */
  public double[] logStd() {
    int ls = model.network().logStdOffset();
    return ls < 0 ? null : Arrays.copyOfRange(access.current(), ls, ls + spec().policyOutputs());
  }

  /**
   * The forward pass over the whole rollout (sample {@code t * lanes + lane}) at the current
   * parameters, from the memory state the rollout began with. The arrays are the passes' own: copy
   * what must outlive the next pass.
   */
  public Outputs rollout(RolloutBatch b) {
    passes.forwardForUpdate(b);
    return new Outputs(passes.replayPolicy(), passes.replayValue(), null);
  }

  /** How many minibatch units {@code b} has: its lanes with a recurrent network, its samples otherwise. */
  public int units(RolloutBatch b) {
    return minibatches.unitCount(b);
  }

  /** Whether minibatch units are whole lanes' sequences (a recurrent network). */
  public boolean sequences() {
    return minibatches.sequences();
  }

  /** The forward pass over units {@code chosen} of {@code b} at the current parameters (sample {@code t * m + k}). */
  public Outputs minibatch(RolloutBatch b, int[] chosen) {
    minibatches.forward(b, chosen, access.current());
    return new Outputs(minibatches.policy, minibatches.value, minibatches.rolloutIndex);
  }

  /**
   * The loss gradient of the last {@link #minibatch} pass from its derivatives with respect to the
   * outputs: {@code dPolicy} per sample, {@code dLogStd} summed over the samples (null for discrete
   * actions), {@code dValue} per sample.
   *
   * @throws IllegalStateException when an element is not finite
   */
  public double[] gradient(double[] dPolicy, double[] dLogStd, double[] dValue) {
    double[] params = access.current();
    double[] grad = new double[params.length];
    minibatches.backward(params, dPolicy, dValue, grad);
    int ls = model.network().logStdOffset();
    if (dLogStd != null) {
      for (int j = 0; j < dLogStd.length; j++) {
        grad[ls + j] += dLogStd[j];
      }
    }
    for (int i = 0; i < grad.length; i++) {
      if (!Double.isFinite(grad[i])) {
        throw new IllegalStateException("non-finite gradient at parameter " + i);
      }
    }
    return grad;
  }

  /** One optimiser step along {@code grad}; returns its global norm before clipping. */
  public double step(double[] grad) {
    return access.apply(grad);
  }

  /** The optimiser's learning rate now. */
  public double learningRate() {
    return access.learningRate();
  }

  double[] parameters() {
    return access.current();
  }

  RolloutPasses passes() {
    return passes;
  }

  ActorCriticObjective objective() {
    return objective;
  }

  PolicyLoss loss() {
    return loss;
  }
}
