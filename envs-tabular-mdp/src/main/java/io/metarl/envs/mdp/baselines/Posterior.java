package io.metarl.envs.mdp.baselines;

import io.metarl.envs.mdp.RandomMdps;
import java.util.random.RandomGenerator;

/**
 * The conjugate posterior of a tabular MDP under the prior of {@link RandomMdps}: mean reward
 * {@code R(s,a) ~ N(mu0, 1/tau0)} with unit-variance Gaussian reward noise (posterior
 * {@code N((mu0 tau0 + sum r) / (tau0 + n), 1 / (tau0 + n))}), transitions
 * {@code P(s,a) ~ Dirichlet(alpha0, ..., alpha0)} (posterior {@code Dirichlet(alpha0 + n(s,a,.))}).
 * The paper's prior is {@code mu0 = 1, tau0 = 1, alpha0 = 1}.
 *
 * @param mu0 prior mean of the mean rewards
 * @param tau0 prior precision of the mean rewards (> 0)
 * @param alpha0 Dirichlet concentration per next state (> 0)
 */
public record Posterior(double mu0, double tau0, double alpha0) {

  /** The true prior of the paper's distribution. */
  public static final Posterior PAPER = new Posterior(1.0, 1.0, 1.0);

  /** Posterior mean of R(s, a). */
  public double rewardMean(MdpStatistics st, int s, int a) {
    return (mu0 * tau0 + st.rewardSums[s][a]) / (tau0 + st.visits[s][a]);
  }

  /** Posterior precision of R(s, a). */
  public double rewardPrecision(MdpStatistics st, int s, int a) {
    return tau0 + st.visits[s][a];
  }

  /** Posterior mean model into {@code r} and {@code p}. */
  public void meanModel(MdpStatistics st, double[][] r, double[][][] p) {
    int S = st.states;
    for (int s = 0; s < S; s++) {
      for (int a = 0; a < st.actions; a++) {
        r[s][a] = rewardMean(st, s, a);
        int[] c = st.transitions[s][a];
        double total = S * alpha0;
        for (int n = 0; n < S; n++) {
          total += c[n];
        }
        for (int n = 0; n < S; n++) {
          p[s][a][n] = (alpha0 + c[n]) / total;
        }
      }
    }
  }

  /** One model drawn from the posterior into {@code r} and {@code p}. */
  public void sampleModel(MdpStatistics st, RandomGenerator rng, double[][] r, double[][][] p) {
    int S = st.states;
    for (int s = 0; s < S; s++) {
      for (int a = 0; a < st.actions; a++) {
        r[s][a] = rewardMean(st, s, a) + rng.nextGaussian() / Math.sqrt(rewardPrecision(st, s, a));
        int[] c = st.transitions[s][a];
        double[] row = p[s][a];
        double sum = 0;
        for (int n = 0; n < S; n++) {
          row[n] = Gamma.sample(alpha0 + c[n], rng);
          sum += row[n];
        }
        if (sum <= 0) {
          java.util.Arrays.fill(row, 1.0 / S);
        } else {
          for (int n = 0; n < S; n++) {
            row[n] /= sum;
          }
        }
      }
    }
  }
}
