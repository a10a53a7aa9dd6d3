package io.metarl.core.returns;

import io.metarl.api.agent.RolloutBatch;
import io.metarl.api.returns.ReturnEstimator;

/**
 * Monte-Carlo returns {@code G_t = r_t + gamma G_{t+1}} to the end of the episode, advantages
 * {@code G_t - V(s_t)}. Where the episode does not end inside the rollout (a truncation, or the
 * rollout's end) the tail is bootstrapped with the value estimate, as the boundary contract requires;
 * collect whole episodes (a rollout length of at least the episode length) for pure Monte-Carlo.
 *
 * @param gamma discount in [0, 1]
 */
public record MonteCarloEstimator(double gamma) implements ReturnEstimator {

  @Override
  public void estimate(RolloutBatch b) {
    for (int lane = 0; lane < b.lanes; lane++) {
      double g = 0.0;
      for (int t = b.steps - 1; t >= 0; t--) {
        int i = b.index(t, lane);
        double next = b.boundary(i) || t == b.steps - 1 ? b.nextValue(t, lane) : g;
        g = b.rewards[i] + gamma * next;
        b.returns[i] = (float) g;
        b.advantages[i] = (float) (g - b.values[i]);
      }
    }
  }

  @Override
  public MonteCarloEstimator withParameters(java.util.Map<String, Double> changes) {
    Params.only(changes, "gamma");
    return new MonteCarloEstimator(Params.get(changes, "gamma", gamma));
  }
}
