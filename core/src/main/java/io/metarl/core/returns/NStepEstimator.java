package io.metarl.core.returns;

import io.metarl.api.agent.RolloutBatch;
import io.metarl.api.returns.ReturnEstimator;
import java.util.Map;

/**
 * n-step returns {@code G_t = sum_{k<m} gamma^k r_{t+k} + gamma^m V(s_{t+m})}, where {@code m <= n}
 * stops early at an episode boundary (bootstrapping 0 after termination, the final observation's value
 * after truncation) or at the rollout's end; advantages {@code G_t - V(s_t)}.
 *
 * @param gamma discount in [0, 1]
 * @param n steps of real rewards before bootstrapping, at least 1
 */
public record NStepEstimator(double gamma, int n) implements ReturnEstimator {

  @Override
  public void estimate(RolloutBatch b) {
    for (int lane = 0; lane < b.lanes; lane++) {
      for (int t = 0; t < b.steps; t++) {
        double g = 0.0;
        double discount = 1.0;
        int k = t;
        while (true) {
          int i = b.index(k, lane);
          g += discount * b.rewards[i];
          discount *= gamma;
          boolean stop = b.boundary(i) || k == b.steps - 1 || k - t + 1 == n;
          if (stop) {
            g += discount * b.nextValue(k, lane);
            break;
          }
          k++;
        }
        int i = b.index(t, lane);
        b.returns[i] = (float) g;
        b.advantages[i] = (float) (g - b.values[i]);
      }
    }
  }

  @Override
  public Map<String, Double> parameters() {
    return Map.of("gamma", gamma, "n", (double) n);
  }

  @Override
  public NStepEstimator withParameters(Map<String, Double> changes) {
    Params.only(changes, "gamma");
    return new NStepEstimator(Params.get(changes, "gamma", gamma), n);
  }
}
