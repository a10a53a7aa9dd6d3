package io.metarl.core.nn;

import com.google.auto.service.AutoService;
import com.typesafe.config.Config;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.api.loss.PolicyLoss;
import io.metarl.api.plugin.PluginContext;
import io.metarl.api.plugin.PolicyLossProvider;
import io.metarl.api.plugin.Settings;

/**
 * The built-in policy loss {@code a2c-pg}: the policy gradient with an entropy bonus, averaged over the
 * {@code n} samples of a batch, {@code L = mean[-A log pi(a|s) - beta H(pi(.|s))]}, with the
 * advantages A as constants. Its arithmetic is that of {@link ActorCriticLoss#compute} term by term, so
 * an agent using it trains bit for bit as before policy losses were plugins. Stateless.
 */
public final class PolicyGradientLoss implements PolicyLoss {
  private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
  private final double entropyCoefficient;

  /** @param entropyCoefficient beta, the weight of the entropy bonus */
  public PolicyGradientLoss(double entropyCoefficient) {
    this.entropyCoefficient = entropyCoefficient;
  }

  /** beta. */
  public double entropyCoefficient() {
    return entropyCoefficient;
  }

  @Override
  public double evaluate(Batch b, double[] d) {
    int n = b.size();
    int k = b.actionSize;
    int w = b.outputSize;
    double[] z = b.policyOutputs;
    double policyLoss = 0;
    double entropy = 0;
    double inv = 1.0 / n;
    double[] prob = new double[k];
    for (int s = 0; s < n; s++) {
      double adv = b.advantages[s];
      int o = s * w;
      if (b.discrete) {
        double sum = ActorCriticLoss.shiftedExp(z, o, k, prob);
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
          max = Math.max(max, z[o + j]);
        }
        double logSum = Math.log(sum) + max;
        double h = 0;
        for (int j = 0; j < k; j++) {
          prob[j] /= sum;
          double logp = z[o + j] - logSum;
          h -= prob[j] * logp;
        }
        int a = b.discreteActions[s];
        policyLoss -= adv * (z[o + a] - logSum);
        entropy += h;
        for (int j = 0; j < k; j++) {
          double logp = z[o + j] - logSum;
          double g = -adv * ((j == a ? 1 : 0) - prob[j]) + entropyCoefficient * prob[j] * (logp + h);
          d[o + j] = g * inv;
        }
      } else {
        double logPi = 0;
        double h = 0;
        for (int j = 0; j < k; j++) {
          double ls = z[o + k + j];
          double sigma = Math.exp(ls);
          double diff = (double) b.continuousActions[s * k + j] - z[o + j];
          double zsq = diff * diff / (sigma * sigma);
          logPi += -0.5 * zsq - ls - HALF_LOG_2PI;
          h += ls + 0.5 + HALF_LOG_2PI;
          d[o + j] = -adv * diff / (sigma * sigma) * inv;
          d[o + k + j] = (-adv * (zsq - 1) - entropyCoefficient) * inv;
        }
        policyLoss -= adv * logPi;
        entropy += h;
      }
    }
    policyLoss *= inv;
    entropy *= inv;
    return policyLoss - entropyCoefficient * entropy;
  }

  /**
   * {@code agent.policy-loss.plugin = a2c-pg} (the default of the actor-critic agents): reads the
   * agent's {@code entropy-coefficient}.
   */
  @AutoService(PolicyLossProvider.class)
  public static final class Provider implements PolicyLossProvider {
    @Override
    public String name() {
      return "a2c-pg";
    }

    @Override
    public String description() {
      return "policy gradient -A log pi with the agent's entropy bonus (the actor-critic agents' default)";
    }

    @Override
    public PolicyLoss create(Config section, EnvironmentSpec environment, PluginContext context) {
      return new PolicyGradientLoss(Settings.nonNegative(section, "entropy-coefficient"));
    }
  }
}
