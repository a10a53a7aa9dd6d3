package io.metarl.core.agent;

import io.metarl.api.agent.RolloutBatch;
import io.metarl.api.loss.PolicyLoss;
import io.metarl.core.nn.ActorCriticLoss;
import io.metarl.core.nn.NetworkSpec;
import java.util.Arrays;

/**
 * The actor-critic loss of one rollout and its gradient with respect to the parameters: the
 * configured {@link PolicyLoss} (default {@code a2c-pg}: the policy gradient with an entropy bonus)
 * plus {@code c_v} times the critic's squared error, optionally on standardised advantages. Shared
 * by the actor-critic algorithms, synchronous (A2C) and asynchronous (A3C) alike: they differ in how
 * the gradient reaches the parameters, not in the loss.
 *
 * <p>Invariant: a non-finite loss or gradient is reported (naming the terms), never returned.
 */
public final class ActorCriticObjective {
  private final NetworkSpec spec;
  private final int logStdOffset;
  private final double valueCoefficient;
  private final boolean normalizeAdvantages;
  // gSDE's state-dependent scale (null for a plain Gaussian or discrete actions)
  private final GaussianScale stateDependent;

  ActorCriticObjective(NetworkSpec spec, int logStdOffset, double valueCoefficient, boolean normalizeAdvantages) {
    this(spec, logStdOffset, valueCoefficient, normalizeAdvantages, null);
  }

  ActorCriticObjective(NetworkSpec spec, int logStdOffset, double valueCoefficient, boolean normalizeAdvantages,
      GaussianScale scale) {
    this.spec = spec;
    this.logStdOffset = logStdOffset;
    this.valueCoefficient = valueCoefficient;
    this.normalizeAdvantages = normalizeAdvantages;
    this.stateDependent = scale != null && scale.stateDependent() ? scale : null;
  }

  /** The gradient of the loss, its terms and the batch the policy loss saw (it may keep state from it). */
  record Gradient(double[] grad, double policyLoss, double valueLoss, double entropy, double valueError,
      PolicyLoss.Batch batch) {}

  /** The loss of {@code b} at {@code params} and its gradient; the passes replay the rollout as needed. */
  Gradient compute(RolloutBatch b, double[] params, RolloutPasses passes, PolicyLoss loss) {
    int lanes = b.lanes;
    int n = b.steps * lanes;
    int p = spec.policyOutputs();
    passes.forwardForUpdate(b);
    double[] replayPolicy = passes.replayPolicy();
    double[] replayValue = passes.replayValue();
    double[] adv = new double[n];
    double[] ret = new double[n];
    for (int i = 0; i < n; i++) {
      adv[i] = b.advantages[i];
      ret[i] = b.returns[i];
    }
    if (normalizeAdvantages && n > 1) {
      standardise(adv);
    }
    boolean discrete = spec.discrete();
    int ls = logStdOffset;
    double[] logStd = discrete ? null : Arrays.copyOfRange(params, ls, ls + p);
    double[] sampleLogStd = null;
    if (stateDependent != null) {
      sampleLogStd = new double[n * p];
      stateDependent.logStd(params, passes.replayFeatures(), 0, n, sampleLogStd);
    }
    PolicyLoss.Batch batch = batch(b, adv, ret, params, replayPolicy, replayValue, sampleLogStd);
    double[] dOut = new double[batch.policyOutputs.length];
    double policyLoss = loss.evaluate(batch, dOut);
    double[] dPolicy;
    double[] dLogStd = null;
    if (discrete) {
      dPolicy = dOut;
    } else {
      // Box outputs: per sample p means, then p log-stds; our log-std is state-independent, so the
      // per-sample log-std gradients are summed over the batch.
      dPolicy = new double[n * p];
      dLogStd = new double[stateDependent != null ? n * p : p];
      for (int s = 0; s < n; s++) {
        System.arraycopy(dOut, s * 2 * p, dPolicy, s * p, p);
        for (int j = 0; j < p; j++) {
          if (stateDependent != null) {
            dLogStd[s * p + j] = dOut[s * 2 * p + p + j];
          } else {
            dLogStd[j] += dOut[s * 2 * p + p + j];
          }
        }
      }
    }
    double[] dValue = new double[n];
    double valueLoss = ActorCriticLoss.valueTerm(n, replayValue, ret, valueCoefficient, dValue);
    double entropy = stateDependent != null ? gaussianEntropy(n, p, sampleLogStd)
        : ActorCriticLoss.entropy(spec, n, replayPolicy, logStd);
    double[] grad = new double[params.length];
    passes.backward(b.steps, dPolicy, dValue, grad);
    if (stateDependent != null) {
      stateDependent.backward(params, passes.replayFeatures(), 0, n, dLogStd, grad);
    } else if (dLogStd != null) {
      for (int j = 0; j < p; j++) {
        grad[ls + j] += dLogStd[j];
      }
    }
    if (!Double.isFinite(policyLoss) || !Double.isFinite(valueLoss) || !Double.isFinite(entropy)) {
      throw new IllegalStateException("non-finite loss: policy term " + policyLoss + ", value term " + valueLoss
          + ", entropy " + entropy);
    }
    for (int i = 0; i < grad.length; i++) {
      if (!Double.isFinite(grad[i])) {
        throw new IllegalStateException("non-finite gradient at parameter " + i + " (policy loss " + policyLoss
            + ", value loss " + valueLoss + ", entropy " + entropy + ")");
      }
    }
    double verr = 0;
    for (int i = 0; i < n; i++) {
      verr += Math.abs(replayValue[i] - ret[i]);
    }
    return new Gradient(grad, policyLoss, valueLoss, entropy, verr / n, batch);
  }

  /**
   * Standardises advantages in place: mean 0, standard deviation 1 (plus 1e-8 against a constant
   * batch), as SB3 and CleanRL normalise them per batch or minibatch.
   */
  public static void standardise(double[] adv) {
    int n = adv.length;
    double mean = 0;
    for (double a : adv) {
      mean += a;
    }
    mean /= n;
    double var = 0;
    for (double a : adv) {
      var += (a - mean) * (a - mean);
    }
    double sd = Math.sqrt(var / n) + 1e-8;
    for (int i = 0; i < n; i++) {
      adv[i] = (adv[i] - mean) / sd;
    }
  }

  /** The mean entropy of Gaussians with the samples' log standard deviations. */
  private static double gaussianEntropy(int n, int p, double[] logStd) {
    double h = 0;
    for (int i = 0; i < n * p; i++) {
      h += logStd[i] + 0.5 + 0.5 * Math.log(2 * Math.PI);
    }
    return h / n;
  }

  /**
   * The policy loss's view of a replayed rollout (the outputs at the current parameters); the
   * samples' log standard deviations are {@code sampleLogStd} with gSDE, the learned ones otherwise.
   */
  private PolicyLoss.Batch batch(RolloutBatch b, double[] adv, double[] ret, double[] params, double[] replayPolicy,
      double[] replayValue, double[] sampleLogStd) {
    int lanes = b.lanes;
    int n = b.steps * lanes;
    int p = spec.policyOutputs();
    boolean discrete = spec.discrete();
    int obs = b.observationSize;
    float[] observations = new float[n * obs];
    boolean[] trialStart = new boolean[n];
    for (int t = 0; t < b.steps; t++) {
      System.arraycopy(b.inputs[t].observations, 0, observations, t * lanes * obs, lanes * obs);
      System.arraycopy(b.inputs[t].trialStart, 0, trialStart, t * lanes, lanes);
    }
    double[] outputs;
    float[] continuous = new float[0];
    if (discrete) {
      outputs = replayPolicy.clone();
    } else {
      int ls = logStdOffset;
      outputs = new double[n * 2 * p];
      continuous = new float[n * p];
      for (int s = 0; s < n; s++) {
        System.arraycopy(replayPolicy, s * p, outputs, s * 2 * p, p);
        if (sampleLogStd != null) {
          System.arraycopy(sampleLogStd, s * p, outputs, s * 2 * p + p, p);
        } else {
          System.arraycopy(params, ls, outputs, s * 2 * p + p, p);
        }
      }
      for (int t = 0; t < b.steps; t++) {
        System.arraycopy(b.actions[t].continuous, 0, continuous, t * lanes * p, lanes * p);
      }
    }
    return new PolicyLoss.Batch(b.steps, lanes, obs, discrete, p, observations,
        discrete ? discreteActions(b) : new int[0], continuous, b.rewards.clone(), b.terminated.clone(),
        b.truncated.clone(), trialStart, adv, ret, replayValue.clone(), outputs);
  }

  /** The batch's discrete actions, sample {@code t * lanes + lane}. */
  public static int[] discreteActions(RolloutBatch b) {
    int lanes = b.lanes;
    int[] discrete = new int[b.steps * lanes];
    for (int t = 0; t < b.steps; t++) {
      System.arraycopy(b.actions[t].discrete, 0, discrete, t * lanes, lanes);
    }
    return discrete;
  }

  /** The batch's continuous actions, {@code p} per sample. */
  public static double[] continuousActions(RolloutBatch b, int p) {
    int lanes = b.lanes;
    double[] continuous = new double[b.steps * lanes * p];
    for (int t = 0; t < b.steps; t++) {
      float[] a = b.actions[t].continuous;
      for (int i = 0; i < a.length; i++) {
        continuous[t * lanes * p + i] = a[i];
      }
    }
    return continuous;
  }
}
