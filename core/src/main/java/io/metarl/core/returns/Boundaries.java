package io.metarl.core.returns;

import io.metarl.api.agent.RolloutBatch;

/** The boundary rules shared by every estimator: what follows step {@code t} of a lane. */
final class Boundaries {
  private Boundaries() {}

  /** True when step {@code i} ends an episode (terminated or truncated): nothing flows across it. */
  static boolean cut(RolloutBatch b, int i) {
    return b.terminated[i] || b.truncated[i];
  }

  /**
   * V(s_{t+1}) as seen from step {@code t}: 0 after termination, the final observation's value after
   * truncation, the next step's value inside the rollout, the last value after the rollout.
   */
  static double nextValue(RolloutBatch b, int t, int lane) {
    int i = b.index(t, lane);
    if (b.terminated[i]) {
      return 0.0;
    }
    if (b.truncated[i]) {
      return b.truncationValues[i];
    }
    return t == b.steps - 1 ? b.lastValues[lane] : b.values[b.index(t + 1, lane)];
  }
}
