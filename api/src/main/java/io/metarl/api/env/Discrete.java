package io.metarl.api.env;

/**
 * A finite space {@code {0, 1, ..., n-1}}, e.g. the arms of a bandit or CartPole's two pushes.
 *
 * @param n number of elements, at least 1
 */
public record Discrete(int n) implements Space {

  /** Validates {@code n >= 1}. */
  public Discrete {
    if (n < 1) {
      throw new IllegalArgumentException("Discrete space needs n >= 1, got " + n);
    }
  }

  @Override
  public int flatSize() {
    return n;
  }

  /** True when {@code action} is an element of this space. */
  public boolean contains(int action) {
    return action >= 0 && action < n;
  }
}
