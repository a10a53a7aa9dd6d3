package io.metarl.extensions.metagradient;

import io.metarl.api.agent.RolloutBatch;

/**
 * The lambda-return of a rollout and its exact derivatives with respect to gamma and lambda, in double
 * precision, by one backward recursion per lane.
 *
 * <p>The return follows the same recursion and boundary contract as the engine's {@code lambda-return}
 * and {@code gae} estimators (GAE's returns are the lambda-returns):
 * {@code G_t = r_t + gamma ((1 - lambda) v_{t+1} + lambda G_{t+1})} inside an episode and
 * {@code G_t = r_t + gamma v_{t+1}} at a boundary, where {@code v_{t+1}} is 0 after a terminated step,
 * the final observation's value after a truncated step, the next step's value inside the rollout and
 * {@code lastValues} after the rollout's last step. Differentiating the recursion (the values are
 * constants with respect to gamma and lambda) gives
 * <pre>
 *   dG_t/dgamma  = B_t + gamma lambda dG_{t+1}/dgamma        (B_t the bracket above; at a boundary B_t = v_{t+1})
 *   dG_t/dlambda = gamma (G_{t+1} - v_{t+1} + lambda dG_{t+1}/dlambda)   (0 at a boundary)
 * </pre>
 * With lambda = 1 the return is the (bootstrapped) Monte-Carlo return of the {@code monte-carlo} estimator.
 */
public final class LambdaReturns {
  private LambdaReturns() {}

  /**
   * Fills the returns and (where the arrays are non-null) their derivatives, over the samples
   * {@code t * lanes + lane} of {@code b}.
   *
   * @param b the rollout (rewards, values, flags and bootstrap values are read)
   * @param gamma discount
   * @param lambda bootstrapping parameter
   * @param returns out: G_t, or null
   * @param dGamma out: dG_t/dgamma, or null
   * @param dLambda out: dG_t/dlambda, or null
   */
  public static void compute(RolloutBatch b, double gamma, double lambda, double[] returns, double[] dGamma,
      double[] dLambda) {
    for (int lane = 0; lane < b.lanes; lane++) {
      double g = 0;
      double dg = 0;
      double dl = 0;
      for (int t = b.steps - 1; t >= 0; t--) {
        int i = b.index(t, lane);
        double nv = b.nextValue(t, lane);
        boolean end = b.terminated[i] || b.truncated[i] || t == b.steps - 1;
        double bracket;
        double ndg;
        double ndl;
        if (end) {
          bracket = nv;
          ndg = nv;
          ndl = 0;
        } else {
          bracket = (1 - lambda) * nv + lambda * g;
          ndg = bracket + gamma * lambda * dg;
          ndl = gamma * (g - nv + lambda * dl);
        }
        g = b.rewards[i] + gamma * bracket;
        dg = ndg;
        dl = ndl;
        if (returns != null) {
          returns[i] = g;
        }
        if (dGamma != null) {
          dGamma[i] = dg;
        }
        if (dLambda != null) {
          dLambda[i] = dl;
        }
      }
    }
  }

  /** Advantages {@code G_t - V(s_t)} of the lambda-return with the given parameters. */
  public static double[] advantages(RolloutBatch b, double gamma, double lambda) {
    double[] a = new double[b.steps * b.lanes];
    compute(b, gamma, lambda, a, null, null);
    for (int i = 0; i < a.length; i++) {
      a[i] -= b.values[i];
    }
    return a;
  }
}
