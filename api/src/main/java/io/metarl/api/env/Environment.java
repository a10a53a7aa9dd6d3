package io.metarl.api.env;

/**
 * A single-agent environment (Gymnasium's {@code Env}, typed).
 *
 * <p>Call {@link #reset(long)} before the first step and after every episode end. An environment is
 * used by one thread at a time. Implementations for {@link Discrete} action spaces override
 * {@link #step(int)}; those for {@link Box} action spaces override {@link #step(float[])}.
 */
public interface Environment extends AutoCloseable {

  /** Stable identifier, e.g. {@code CartPole-v1}; used in messages and reports. */
  default String id() {
    return getClass().getSimpleName();
  }

  /** The observation space. */
  Space observationSpace();

  /** The action space. */
  Space actionSpace();

  /**
   * Starts a new episode. The same seed gives the same initial state.
   *
   * @param seed the episode's seed
   * @return the first observation
   */
  float[] reset(long seed);

  /** Applies a discrete action. */
  default Step step(int action) {
    throw new UnsupportedOperationException(id() + " has a " + actionSpace() + " action space, not Discrete");
  }

  /** Applies a continuous action (a vector in the {@link Box} action space). */
  default Step step(float[] action) {
    throw new UnsupportedOperationException(id() + " has a " + actionSpace() + " action space, not Box");
  }

  /** Releases native resources, if any. */
  @Override
  default void close() {}
}
