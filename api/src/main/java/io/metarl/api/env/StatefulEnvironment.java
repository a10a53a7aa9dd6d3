package io.metarl.api.env;

/**
 * An environment whose full physical state can be read and set, so that recorded trajectories (e.g.
 * Gymnasium's) can be replayed step by step.
 */
public interface StatefulEnvironment extends Environment {

  /** The full internal state (e.g. CartPole's {@code x, x_dot, theta, theta_dot}), a copy. */
  double[] state();

  /**
   * Starts an episode from the given state instead of a random one.
   *
   * @param state a state as returned by {@link #state()}
   * @return the observation of that state
   */
  float[] resetToState(double[] state);
}
