package io.metarl.api.env;

/**
 * The set of valid observations or actions of an environment.
 *
 * <p>Sealed: a space is either {@link Discrete} (actions {@code 0..n-1}) or {@link Box} (real
 * vectors with per-component bounds).
 */
public sealed interface Space permits Discrete, Box {

  /**
   * Width of this space once flattened into a network input: {@code n} for a discrete space (one-hot),
   * the number of components for a box.
   */
  int flatSize();
}
