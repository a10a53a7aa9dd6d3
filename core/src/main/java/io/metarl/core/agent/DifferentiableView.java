package io.metarl.core.agent;

import io.metarl.api.agent.Differentiable;
import io.metarl.api.agent.RolloutBatch;
import io.metarl.api.loss.PolicyLoss;
import io.metarl.core.nn.ActorCriticLoss;
import io.metarl.core.nn.ActorCriticNetwork;
import java.util.function.Supplier;

/**
 * A learner's gradient access for research extensions ({@link Differentiable}): weighted
 * log-likelihood and value gradients and the learner's own loss gradient, at the learner's current
 * parameters, replaying recurrent memory from the rollout's starting state. Changes no parameter.
 */
final class DifferentiableView implements Differentiable {
  private final ActorCriticModel model;
  private final ParameterAccess access;
  private final RolloutPasses passes;
  private final ActorCriticObjective objective;
  private final Supplier<PolicyLoss> loss;
  private final int lanes;

  DifferentiableView(ActorCriticModel model, ParameterAccess access, RolloutPasses passes, ActorCriticObjective objective,
      Supplier<PolicyLoss> loss, int lanes) {
    this.model = model;
    this.access = access;
    this.passes = passes;
    this.objective = objective;
    this.loss = loss;
    this.lanes = lanes;
  }

  @Override
  public double[] parameters() {
    return access.current().clone();
  }

  @Override
  public double[] gradient(RolloutBatch b, double[] policyWeights, double[] valueWeights) {
    ActorCriticNetwork network = model.network();
    if (network.spec().stateDependentNoise()) {
      throw new UnsupportedOperationException("gradient queries with per-sample weights are not available with gSDE "
          + "(gsde.enabled = true): the research extensions need the plain Gaussian");
    }
    double[] local = access.current();
    int p = network.spec().policyOutputs();
    int n = b.steps * lanes;
    double[] z = passes.replayWhole(b);
    double[] dPolicy = new double[n * p];
    double[] dValue = valueWeights.clone();
    double[] grad = new double[local.length];
    if (network.spec().discrete()) {
      int[] actions = ActorCriticObjective.discreteActions(b);
      double[] prob = new double[p];
      for (int s = 0; s < n; s++) {
        int o = s * p;
        double sum = ActorCriticLoss.shiftedExp(z, o, p, prob);
        for (int j = 0; j < p; j++) {
          dPolicy[o + j] = policyWeights[s] * ((j == actions[s] ? 1 : 0) - prob[j] / sum);
        }
      }
    } else {
      double[] actions = ActorCriticObjective.continuousActions(b, p);
      int ls = network.logStdOffset();
      for (int s = 0; s < n; s++) {
        for (int j = 0; j < p; j++) {
          double var = Math.exp(2 * local[ls + j]);
          double diff = actions[s * p + j] - z[s * p + j];
          dPolicy[s * p + j] = policyWeights[s] * diff / var;
          grad[ls + j] += policyWeights[s] * (diff * diff / var - 1);
        }
      }
    }
    passes.backwardWhole(dPolicy, dValue, grad);
    return grad;
  }

  @Override
  public double[] lossGradient(RolloutBatch b) {
    return objective.compute(b, access.current(), passes, loss.get()).grad();
  }

  @Override
  public double learningRate() {
    return access.learningRate();
  }

  @Override
  public double valueCoefficient() {
    return model.settings().valueCoefficient();
  }

  @Override
  public boolean normalizesAdvantages() {
    return model.settings().normalizeAdvantages();
  }
}
