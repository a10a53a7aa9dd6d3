package io.metarl.extensions.metagradient;

import io.metarl.api.agent.Differentiable;
import io.metarl.api.agent.Learner;
import io.metarl.api.agent.Mode;
import io.metarl.api.agent.PolicyInput;
import io.metarl.api.agent.PolicyOutput;
import io.metarl.api.agent.RolloutBatch;
import io.metarl.api.agent.UpdateResult;
import io.metarl.core.nn.Activation;
import io.metarl.core.nn.ActorCriticLoss;
import io.metarl.core.nn.ActorCriticNetwork;
import io.metarl.core.nn.NetworkSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A learner built for the finite-difference check, in double precision end to end: core's
 * {@link ActorCriticNetwork} (an MLP with a softmax policy) and {@link ActorCriticLoss}, with a plain
 * gradient step {@code theta' = theta - alpha grad L}. Its returns are computed in double by the GAE
 * recursion (not the rollout's float buffers) with the gamma and lambda it is told.
 */
final class TinyLearner implements Learner, Differentiable {
  final ActorCriticNetwork network;
  double[] theta;
  final double alpha;
  final double valueCoefficient;
  final double entropyCoefficient;
  final boolean normalize;
  double gamma;
  double lambda;

  TinyLearner(int obs, int actions, double alpha, double cv, double beta, boolean normalize, long seed) {
    this.network = new ActorCriticNetwork(new NetworkSpec(obs, List.of(6), Activation.TANH, false, 0, actions, 0, 0));
    this.theta = network.initialParameters(new SplittableRandom(seed));
    this.alpha = alpha;
    this.valueCoefficient = cv;
    this.entropyCoefficient = beta;
    this.normalize = normalize;
  }

  private ActorCriticNetwork.Trace forward(RolloutBatch b, double[] params) {
    ActorCriticNetwork.Trace tr = network.newTrace(b.steps, b.lanes);
    int obs = b.observationSize;
    for (int t = 0; t < b.steps; t++) {
      for (int k = 0; k < b.lanes * obs; k++) {
        tr.input()[t * b.lanes * obs + k] = b.inputs[t].observations[k];
      }
    }
    network.forward(params, tr, new double[0], new double[0]);
    return tr;
  }

  private static int[] actions(RolloutBatch b) {
    int[] a = new int[b.steps * b.lanes];
    for (int t = 0; t < b.steps; t++) {
      System.arraycopy(b.actions[t].discrete, 0, a, t * b.lanes, b.lanes);
    }
    return a;
  }

  /** GAE advantages in double (the same quantity as the lambda-return minus V, by another recursion). */
  static double[] gae(RolloutBatch b, double gamma, double lambda) {
    double[] adv = new double[b.steps * b.lanes];
    for (int l = 0; l < b.lanes; l++) {
      double carry = 0;
      for (int t = b.steps - 1; t >= 0; t--) {
        int i = b.index(t, l);
        double next = b.terminated[i] ? 0 : b.truncated[i] ? b.truncationValues[i]
            : t == b.steps - 1 ? b.lastValues[l] : b.values[b.index(t + 1, l)];
        double delta = b.rewards[i] + gamma * next - b.values[i];
        boolean end = b.terminated[i] || b.truncated[i] || t == b.steps - 1;
        carry = delta + (end ? 0 : gamma * lambda * carry);
        adv[i] = carry;
      }
    }
    return adv;
  }

  /** The loss gradient at theta with returns of (gamma, lambda). */
  double[] lossGradient(RolloutBatch b, double gamma, double lambda) {
    int n = b.steps * b.lanes;
    double[] adv = gae(b, gamma, lambda);
    double[] ret = new double[n];
    for (int i = 0; i < n; i++) {
      ret[i] = adv[i] + b.values[i];
    }
    if (normalize) {
      adv = LambdaReturnsTest.standardise(adv);
    }
    ActorCriticNetwork.Trace tr = forward(b, theta);
    int p = network.spec().policyOutputs();
    double[] dPolicy = new double[n * p];
    double[] dValue = new double[n];
    ActorCriticLoss.compute(network.spec(), n, tr.policy, null, tr.value, actions(b), null, adv, ret,
        valueCoefficient, entropyCoefficient, dPolicy, null, dValue);
    double[] grad = new double[theta.length];
    network.backward(theta, tr, dPolicy, dValue, grad);
    return grad;
  }

  /** theta after one plain gradient step on {@code b} with returns of (gamma, lambda); theta unchanged. */
  double[] stepped(RolloutBatch b, double gamma, double lambda) {
    double[] g = lossGradient(b, gamma, lambda);
    double[] out = theta.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] -= alpha * g[i];
    }
    return out;
  }

  /** J(params) = (1/n) sum_i A_i log pi_params(a_i | s_i) with fixed advantages A. */
  double objective(RolloutBatch b, double[] params, double[] adv) {
    ActorCriticNetwork.Trace tr = forward(b, params);
    int p = network.spec().policyOutputs();
    int[] a = actions(b);
    int n = a.length;
    double j = 0;
    for (int s = 0; s < n; s++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < p; k++) {
        max = Math.max(max, tr.policy[s * p + k]);
      }
      double sum = 0;
      for (int k = 0; k < p; k++) {
        sum += Math.exp(tr.policy[s * p + k] - max);
      }
      j += adv[s] * (tr.policy[s * p + a[s]] - max - Math.log(sum));
    }
    return j / n;
  }

  @Override
  public UpdateResult learn(RolloutBatch b) {
    theta = stepped(b, gamma, lambda);
    return new UpdateResult(Map.of());
  }

  @Override
  public Optional<Differentiable> differentiable() {
    return Optional.of(this);
  }

  @Override
  public double[] parameters() {
    return theta.clone();
  }

  @Override
  public double[] gradient(RolloutBatch b, double[] policyWeights, double[] valueWeights) {
    ActorCriticNetwork.Trace tr = forward(b, theta);
    int p = network.spec().policyOutputs();
    int[] a = actions(b);
    int n = a.length;
    double[] dPolicy = new double[n * p];
    for (int s = 0; s < n; s++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < p; k++) {
        max = Math.max(max, tr.policy[s * p + k]);
      }
      double sum = 0;
      double[] e = new double[p];
      for (int k = 0; k < p; k++) {
        e[k] = Math.exp(tr.policy[s * p + k] - max);
        sum += e[k];
      }
      for (int k = 0; k < p; k++) {
        dPolicy[s * p + k] = policyWeights[s] * ((k == a[s] ? 1 : 0) - e[k] / sum);
      }
    }
    double[] grad = new double[theta.length];
    network.backward(theta, tr, dPolicy, valueWeights.clone(), grad);
    return grad;
  }

  @Override
  public double[] lossGradient(RolloutBatch b) {
    return lossGradient(b, gamma, lambda);
  }

  @Override
  public double learningRate() {
    return alpha;
  }

  @Override
  public double valueCoefficient() {
    return valueCoefficient;
  }

  @Override
  public boolean normalizesAdvantages() {
    return normalize;
  }

  @Override
  public int lanes() {
    throw new UnsupportedOperationException();
  }

  @Override
  public void act(PolicyInput input, Mode mode, PolicyOutput output) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void values(PolicyInput input, float[] out) {
    throw new UnsupportedOperationException();
  }
}
