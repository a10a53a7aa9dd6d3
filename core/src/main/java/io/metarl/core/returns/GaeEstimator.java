package io.metarl.core.returns;

import io.metarl.api.agent.RolloutBatch;
import io.metarl.api.returns.ReturnEstimator;
import java.util.Map;

/**
 * Generalised advantage estimation (Schulman et al. 2016): {@code delta_t = r_t + gamma V(s_{t+1}) - V(s_t)},
 * {@code A_t = delta_t + gamma lambda A_{t+1}} inside an episode; returns are {@code A_t + V(s_t)}.
 * lambda = 1 gives the Monte-Carlo advantage, lambda = 0 the one-step TD error.
 *
 * @param gamma discount in [0, 1]
 * @param lambda bootstrapping parameter in [0, 1]
 */
public record GaeEstimator(double gamma, double lambda) implements ReturnEstimator {

  /** Validates gamma and lambda in [0, 1]. */
  public GaeEstimator {
    if (!(gamma >= 0 && gamma <= 1) || !(lambda >= 0 && lambda <= 1)) {
      throw new IllegalArgumentException("gamma and lambda must be in [0, 1], got " + gamma + ", " + lambda);
    }
  }

  @Override
  public void estimate(RolloutBatch b) {
    for (int lane = 0; lane < b.lanes; lane++) {
      double carry = 0.0;
      for (int t = b.steps - 1; t >= 0; t--) {
        int i = b.index(t, lane);
        double delta = b.rewards[i] + gamma * b.nextValue(t, lane) - b.values[i];
        carry = delta + (b.boundary(i) || t == b.steps - 1 ? 0.0 : gamma * lambda * carry);
        b.advantages[i] = (float) carry;
        b.returns[i] = (float) (carry + b.values[i]);
      }
    }
  }

  @Override
  public Map<String, Double> parameters() {
    return Map.of("gamma", gamma, "lambda", lambda);
  }

  @Override
  public GaeEstimator withParameters(Map<String, Double> changes) {
    return new GaeEstimator(Params.get(changes, "gamma", gamma), Params.get(changes, "lambda", lambda));
  }
}
