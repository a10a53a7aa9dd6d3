package io.metarl.agents.ppo;

import io.metarl.core.nn.ActorCriticLoss;

/**
 * PPO's loss on one minibatch and its derivatives with respect to the network outputs (Schulman et
 * al. 2017, eq. 7 and 9; the terms as Stable-Baselines3's {@code PPO.train} and CleanRL's
 * {@code ppo.py} compute them), averaged over the minibatch's {@code n} samples:
 * <pre>
 *   L = -mean[min(r A, clip(r, 1 - eps, 1 + eps) A)] + c_v L_V - beta mean[H(pi(.|s))]
 *   r = exp(log pi(a|s) - log pi_old(a|s))
 *   L_V = mean[(V - R)^2] / 2, or with value clipping mean[max((V - R)^2, (V_old + clip(V - V_old, +-eps_v) - R)^2)] / 2
 * </pre>
 * The advantages A, returns R, old log-probabilities and old values are constants. The clipped
 * term's gradient is zero where the clip binds ({@code A > 0, r > 1 + eps} or {@code A < 0,
 * r < 1 - eps}), {@code -A r} with respect to log pi elsewhere.
 *
 * <p>Policies: a softmax over logits (discrete), or a Gaussian with the given means and each sample's
 * log standard deviations (continuous; the same for every sample, or state-dependent with gSDE).
 */
final class ClippedSurrogate {
  private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

  private ClippedSurrogate() {}

  /**
   * The loss terms of a minibatch and diagnostics.
   *
   * @param policy the clipped surrogate term
   * @param value L_V (before its coefficient)
   * @param entropy the mean entropy
   * @param approxKl the approximate KL divergence {@code mean[(r - 1) - log r]} (Schulman's k3 estimator, as CleanRL)
   * @param clipFraction the fraction of samples with {@code |r - 1| > eps}
   */
  record Terms(double policy, double value, double entropy, double approxKl, double clipFraction) {}

  /**
   * The log-probability of the sampled action of each sample under the outputs {@code out}.
   *
   * @param out logits or means, {@code p} per sample
   * @param logStd log standard deviations, {@code p} per sample (continuous) or null
   * @param discreteActions actions (discrete) or null
   * @param continuousActions actions as sampled, {@code p} per sample (continuous) or null
   */
  static double logProb(int s, int p, double[] out, double[] logStd, int[] discreteActions, double[] continuousActions) {
    int o = s * p;
    if (logStd == null) {
      return out[o + discreteActions[s]] - logSumExp(out, o, p, new double[p]);
    }
    double logPi = 0;
    for (int j = 0; j < p; j++) {
      double ls = logStd[o + j];
      double z = (continuousActions[o + j] - out[o + j]) / Math.exp(ls);
      logPi += -0.5 * z * z - ls - HALF_LOG_2PI;
    }
    return logPi;
  }

  /**
   * {@code log sum_j exp(z_j)} of the {@code p} logits at {@code z[o..]}, computed stably
   * ({@link ActorCriticLoss#shiftedExp}); writes the softmax into {@code prob}.
   */
  private static double logSumExp(double[] z, int o, int p, double[] prob) {
    double sum = ActorCriticLoss.shiftedExp(z, o, p, prob);
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < p; j++) {
      max = Math.max(max, z[o + j]);
    }
    for (int j = 0; j < p; j++) {
      prob[j] /= sum;
    }
    return Math.log(sum) + max;
  }

  /**
   * Evaluates the loss of a minibatch of {@code n} samples and writes its derivatives.
   *
   * @param out logits or means at the current parameters, {@code p} per sample
   * @param logStd current log standard deviations, {@code p} per sample (continuous) or null
   * @param value V(s) at the current parameters
   * @param discreteActions the samples' actions (discrete) or null
   * @param continuousActions the samples' actions, {@code p} each (continuous) or null
   * @param oldLogProb log pi_old(a|s)
   * @param oldValue V_old(s), the rollout's values (value clipping)
   * @param adv advantages (already normalised if the agent normalises them)
   * @param ret value targets
   * @param dOut out: dL/d out
   * @param dLogStd out: dL/d logStd, {@code p} per sample (continuous) or null
   * @param dValue out: dL/dV
   */
  static Terms evaluate(int n, int p, double[] out, double[] logStd, double[] value, int[] discreteActions,
      double[] continuousActions, double[] oldLogProb, double[] oldValue, double[] adv, double[] ret, double clipRange,
      double valueClipRange, double valueCoefficient, double entropyCoefficient, double[] dOut, double[] dLogStd,
      double[] dValue) {
    double inv = 1.0 / n;
    double policyLoss = 0;
    double valueLoss = 0;
    double entropy = 0;
    double kl = 0;
    int clipped = 0;
    double[] prob = new double[p];
    for (int s = 0; s < n; s++) {
      int o = s * p;
      double a = adv[s];
      double logPi = logProb(s, p, out, logStd, discreteActions, continuousActions);
      double logRatio = logPi - oldLogProb[s];
      double r = Math.exp(logRatio);
      double clippedR = Math.max(1 - clipRange, Math.min(1 + clipRange, r));
      policyLoss -= Math.min(r * a, clippedR * a);
      kl += (r - 1) - logRatio;
      if (Math.abs(r - 1) > clipRange) {
        clipped++;
      }
      boolean binds = (a > 0 && r > 1 + clipRange) || (a < 0 && r < 1 - clipRange);
      // dL/d log pi of this sample, before the 1/n
      double g = binds ? 0.0 : -a * r;
      if (logStd == null) {
        double logSum = logSumExp(out, o, p, prob); // prob holds the softmax
        double h = 0;
        for (int j = 0; j < p; j++) {
          h -= prob[j] * (out[o + j] - logSum);
        }
        entropy += h;
        int act = discreteActions[s];
        for (int j = 0; j < p; j++) {
          double logp = out[o + j] - logSum;
          // d log pi(a)/dz_j = [j == a] - p_j; d(-beta H)/dz_j = beta p_j (log p_j + H)
          dOut[o + j] = (g * ((j == act ? 1 : 0) - prob[j]) + entropyCoefficient * prob[j] * (logp + h)) * inv;
        }
      } else {
        double h = 0;
        for (int j = 0; j < p; j++) {
          double ls = logStd[o + j];
          double var = Math.exp(2 * ls);
          double diff = continuousActions[o + j] - out[o + j];
          h += ls + 0.5 + HALF_LOG_2PI;
          // d log pi/d mu = diff / sigma^2; d log pi/d ls = diff^2 / sigma^2 - 1; d(-beta H)/d ls = -beta
          dOut[o + j] = g * diff / var * inv;
          dLogStd[o + j] = (g * (diff * diff / var - 1) - entropyCoefficient) * inv;
        }
        entropy += h;
      }
      double err = value[s] - ret[s];
      if (valueClipRange > 0) {
        double vClipped = oldValue[s] + Math.max(-valueClipRange, Math.min(valueClipRange, value[s] - oldValue[s]));
        double errClipped = vClipped - ret[s];
        if (errClipped * errClipped > err * err) {
          valueLoss += 0.5 * errClipped * errClipped;
          // the clipped prediction moves with V only inside the clip range
          boolean inside = Math.abs(value[s] - oldValue[s]) < valueClipRange;
          dValue[s] = inside ? valueCoefficient * errClipped * inv : 0.0;
          continue;
        }
      }
      valueLoss += 0.5 * err * err;
      dValue[s] = valueCoefficient * err * inv;
    }
    return new Terms(policyLoss * inv, valueLoss * inv, entropy * inv, kl * inv, (double) clipped * inv);
  }
}
