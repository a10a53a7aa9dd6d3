package io.metarl.core.returns;

import io.metarl.api.agent.RolloutBatch;
import io.metarl.api.returns.ReturnEstimator;
import java.util.Map;

/**
 * The lambda-return (Sutton and Barto, section 12.1), by its recursion
 * {@code G_t = r_t + gamma ((1 - lambda) V(s_{t+1}) + lambda G_{t+1})}, with
 * {@code G_t = r_t + gamma V(s_{t+1})} at a boundary or the rollout's end; advantages
 * {@code G_t - V(s_t)}. Equal to GAE's returns; computed independently (a test checks the identity).
 *
 * @param gamma discount in [0, 1]
 * @param lambda bootstrapping parameter in [0, 1]
 */
public record LambdaReturnEstimator(double gamma, double lambda) implements ReturnEstimator {

  /** Validates gamma and lambda in [0, 1]. */
  public LambdaReturnEstimator {
    if (!(gamma >= 0 && gamma <= 1) || !(lambda >= 0 && lambda <= 1)) {
      throw new IllegalArgumentException("gamma and lambda must be in [0, 1], got " + gamma + ", " + lambda);
    }
  }

  @Override
  public void estimate(RolloutBatch b) {
    for (int lane = 0; lane < b.lanes; lane++) {
      double g = 0.0;
      for (int t = b.steps - 1; t >= 0; t--) {
        int i = b.index(t, lane);
        double nv = b.nextValue(t, lane);
        boolean end = b.boundary(i) || t == b.steps - 1;
        g = b.rewards[i] + gamma * (end ? nv : (1 - lambda) * nv + lambda * g);
        b.returns[i] = (float) g;
        b.advantages[i] = (float) (g - b.values[i]);
      }
    }
  }

  @Override
  public Map<String, Double> parameters() {
    return Map.of("gamma", gamma, "lambda", lambda);
  }

  @Override
  public LambdaReturnEstimator withParameters(Map<String, Double> changes) {
    return new LambdaReturnEstimator(Params.get(changes, "gamma", gamma), Params.get(changes, "lambda", lambda));
  }
}
