package io.metarl.api.env;

/**
 * A scripted, non-learning controller that an environment plugin ships (Gymnasium's LunarLander
 * {@code heuristic}, a quadruped's open-loop gait): shows the physics works before any training.
 * Stateful controllers reset at each episode.
 */
public interface Controller {

  /** Called at the start of each episode. */
  default void reset(long seed) {}

  /** The action for a discrete-action environment. */
  default int act(float[] observation) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " has no discrete actions");
  }

  /** The action for a continuous-action environment. */
  default float[] actContinuous(float[] observation) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " has no continuous actions");
  }
}
