package io.metarl.core.nn;

/**
 * The actor-critic loss, averaged over the {@code n} samples of a batch:
 * {@code L = mean[-A log pi(a|s) + c_v (V(s) - R)^2 / 2 - beta H(pi(.|s))]}, with its derivatives with
 * respect to the network outputs (logits or Gaussian means, the log standard deviations, the values).
 * The advantages are constants (no gradient flows into them).
 */
public final class ActorCriticLoss {
  private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

  private ActorCriticLoss() {}

  /**
   * Writes {@code exp(z_j - max z)} for the {@code p} logits at {@code z[o..o+p)} into {@code out} and
   * returns their sum (the softmax's normaliser, shifted for stability).
   */
  public static double shiftedExp(double[] z, int o, int p, double[] out) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < p; j++) {
      max = Math.max(max, z[o + j]);
    }
    double sum = 0;
    for (int j = 0; j < p; j++) {
      out[j] = Math.exp(z[o + j] - max);
      sum += out[j];
    }
    return sum;
  }

  /**
   * The loss terms of a batch.
   *
   * @param policy the policy-gradient term
   * @param value the value term (before its coefficient)
   * @param entropy the mean entropy
   * @param total the total loss
   */
  public record Terms(double policy, double value, double entropy, double total) {}

  /**
   * Computes the loss and fills the output gradients.
   *
   * @param spec the network's shape
   * @param policyOut logits or means {@code [n][P]}
   * @param logStd log standard deviations {@code [P]} (continuous) or null
   * @param values V(s) {@code [n]}
   * @param discreteActions actions {@code [n]} (discrete) or null
   * @param continuousActions actions {@code [n][P]} as sampled, before clipping (continuous) or null
   * @param advantages advantages {@code [n]}
   * @param returns value targets {@code [n]}
   * @param valueCoefficient c_v
   * @param entropyCoefficient beta
   * @param dPolicy out: dL/d policyOut
   * @param dLogStd out: dL/d logStd (continuous) or null
   * @param dValues out: dL/dV
   */
  public static Terms compute(NetworkSpec spec, int n, double[] policyOut, double[] logStd, double[] values,
      int[] discreteActions, double[] continuousActions, double[] advantages, double[] returns,
      double valueCoefficient, double entropyCoefficient, double[] dPolicy, double[] dLogStd, double[] dValues) {
    int p = spec.policyOutputs();
    double policyLoss = 0;
    double valueLoss = 0;
    double entropy = 0;
    double inv = 1.0 / n;
    double[] prob = new double[p];
    if (dLogStd != null) {
      java.util.Arrays.fill(dLogStd, 0.0);
    }
    for (int s = 0; s < n; s++) {
      double adv = advantages[s];
      int o = s * p;
      if (spec.discrete()) {
        double sum = shiftedExp(policyOut, o, p, prob);
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < p; j++) {
          max = Math.max(max, policyOut[o + j]);
        }
        double logSum = Math.log(sum) + max;
        double h = 0;
        for (int j = 0; j < p; j++) {
          prob[j] /= sum;
          double logp = policyOut[o + j] - logSum;
          h -= prob[j] * logp;
        }
        int a = discreteActions[s];
        policyLoss -= adv * (policyOut[o + a] - logSum);
        entropy += h;
        for (int j = 0; j < p; j++) {
          double logp = policyOut[o + j] - logSum;
          double g = -adv * ((j == a ? 1 : 0) - prob[j]) + entropyCoefficient * prob[j] * (logp + h);
          dPolicy[o + j] = g * inv;
        }
      } else {
        double logPi = 0;
        double h = 0;
        for (int j = 0; j < p; j++) {
          double ls = logStd[j];
          double sigma = Math.exp(ls);
          double diff = continuousActions[o + j] - policyOut[o + j];
          double zsq = diff * diff / (sigma * sigma);
          logPi += -0.5 * zsq - ls - HALF_LOG_2PI;
          h += ls + 0.5 + HALF_LOG_2PI;
          dPolicy[o + j] = -adv * diff / (sigma * sigma) * inv;
          dLogStd[j] += (-adv * (zsq - 1) - entropyCoefficient) * inv;
        }
        policyLoss -= adv * logPi;
        entropy += h;
      }
      double verr = values[s] - returns[s];
      valueLoss += 0.5 * verr * verr;
      dValues[s] = valueCoefficient * verr * inv;
    }
    policyLoss *= inv;
    valueLoss *= inv;
    entropy *= inv;
    return new Terms(policyLoss, valueLoss, entropy, policyLoss + valueCoefficient * valueLoss - entropyCoefficient * entropy);
  }

  /**
   * The value term alone, with the arithmetic of {@link #compute}: returns {@code mean[(V - R)^2 / 2]}
   * and writes {@code dValues[s] = c_v (V_s - R_s) / n}.
   */
  public static double valueTerm(int n, double[] values, double[] returns, double valueCoefficient, double[] dValues) {
    double valueLoss = 0;
    double inv = 1.0 / n;
    for (int s = 0; s < n; s++) {
      double verr = values[s] - returns[s];
      valueLoss += 0.5 * verr * verr;
      dValues[s] = valueCoefficient * verr * inv;
    }
    return valueLoss * inv;
  }

  /**
   * The mean entropy of the policy over {@code n} samples, with the arithmetic of {@link #compute}.
   *
   * @param policyOut logits or means {@code [n][P]}
   * @param logStd log standard deviations {@code [P]} (continuous) or null
   */
  public static double entropy(NetworkSpec spec, int n, double[] policyOut, double[] logStd) {
    int p = spec.policyOutputs();
    double entropy = 0;
    double[] prob = new double[p];
    for (int s = 0; s < n; s++) {
      int o = s * p;
      double h = 0;
      if (spec.discrete()) {
        double sum = shiftedExp(policyOut, o, p, prob);
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < p; j++) {
          max = Math.max(max, policyOut[o + j]);
        }
        double logSum = Math.log(sum) + max;
        for (int j = 0; j < p; j++) {
          prob[j] /= sum;
          h -= prob[j] * (policyOut[o + j] - logSum);
        }
      } else {
        for (int j = 0; j < p; j++) {
          h += logStd[j] + 0.5 + HALF_LOG_2PI;
        }
      }
      entropy += h;
    }
    return entropy * (1.0 / n);
  }
}
