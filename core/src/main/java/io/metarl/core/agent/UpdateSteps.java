package io.metarl.core.agent;

import io.metarl.api.agent.RolloutBatch;
import io.metarl.api.loss.PolicyLoss;
import io.metarl.core.nn.NetworkSpec;

/**
 * What a {@link PolicyUpdate} may do with its learner's network and parameters: the forward pass over
 * the whole rollout at the current parameters (reused from acting where it can be), forward and
 * backward passes over minibatches of it ({@link MinibatchPasses}: whole lanes for a recurrent
 * network, samples otherwise), and optimiser steps through the learner's {@link ParameterAccess}.
 *
 * <p>Continuous actions: the policy outputs of a pass are the Gaussian means, and each sample's log
 * standard deviations come with them ({@link Outputs#logStd}: the same learned values for every sample,
 * or with gSDE a function of the sample's features); the update hands their gradient, per sample, to
 * {@link #gradient}, which carries it into the parameters ({@link GaussianScale}).
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
  private final GaussianScale scale;

  UpdateSteps(ActorCriticModel model, ParameterAccess access, RolloutPasses passes, MinibatchPasses minibatches,
      ActorCriticObjective objective, PolicyLoss loss) {
    this.model = model;
    this.access = access;
    this.passes = passes;
    this.minibatches = minibatches;
    this.objective = objective;
    this.loss = loss;
    this.scale = model.network().spec().discrete() ? null : new GaussianScale(model.network());
  }

  /**
   * Outputs of a forward pass: policy outputs {@code [n][p]}, values {@code [n]}, log standard
   * deviations {@code [n][p]} (continuous actions; null for discrete ones), and for a minibatch the
   * rollout sample of each.
   */
  public record Outputs(double[] policy, double[] value, double[] logStd, int[] rolloutIndex) {}

  /** The network's shape. */
  public NetworkSpec spec() {
    return model.network().spec();
  }

  /** The agent's settings. */
  public ActorCriticSettings settings() {
    return model.settings();
  }

  /**
   * The forward pass over the whole rollout (sample {@code t * lanes + lane}) at the current
   * parameters, from the memory state the rollout began with. The arrays are the passes' own: copy
   * what must outlive the next pass.
   */
  public Outputs rollout(RolloutBatch b) {
    passes.forwardForUpdate(b);
    int n = b.steps * b.lanes;
    return new Outputs(passes.replayPolicy(), passes.replayValue(), logStd(passes.replayFeatures(), n), null);
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
    return new Outputs(minibatches.policy, minibatches.value, logStd(minibatches.policyFeatures, minibatches.value.length),
        minibatches.rolloutIndex);
  }

  /**
   * The loss gradient of the last {@link #minibatch} pass from its derivatives with respect to the
   * outputs: {@code dPolicy}, {@code dLogStd} (null for discrete actions) and {@code dValue}, per sample.
   *
   * @throws IllegalStateException when an element is not finite
   */
  public double[] gradient(double[] dPolicy, double[] dLogStd, double[] dValue) {
    double[] params = access.current();
    double[] grad = new double[params.length];
    minibatches.backward(params, dPolicy, dValue, grad);
    if (dLogStd != null) {
      scale.backward(params, minibatches.policyFeatures, 0, minibatches.value.length, dLogStd, grad);
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

  private double[] logStd(double[] features, int n) {
    if (scale == null) {
      return null;
    }
    double[] out = new double[n * spec().policyOutputs()];
    scale.logStd(access.current(), features, 0, n, out);
    return out;
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
