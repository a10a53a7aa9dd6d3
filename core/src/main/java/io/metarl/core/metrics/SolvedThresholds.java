package io.metarl.core.metrics;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * The return at which an environment counts as solved, keyed by environment id (what
 * {@code Environment.id()} returns), where one is defined: Gymnasium's {@code reward_threshold} of
 * the environments metarl ports. Pendulum-v1 has none; bandits and the quadruped have none.
 *
 * <p>These are the thresholds of the environments' standard reward; an environment configured with
 * another reward (e.g. CartPole's {@code sutton-barto-reward}) keeps its id, so callers that know of
 * such a setting should not draw the line.
 */
public final class SolvedThresholds {
  private static final Map<String, Double> BY_ID = Map.of(
      "CartPole-v0", 195.0,
      "CartPole-v1", 475.0,
      "Acrobot-v1", -100.0,
      "MountainCar-v0", -110.0,
      "MountainCarContinuous-v0", 90.0,
      "LunarLander-v3", 200.0,
      "LunarLanderContinuous-v3", 200.0);

  private SolvedThresholds() {}

  /** The solved return of {@code environmentId}, or empty when none is defined (or the id is null). */
  public static OptionalDouble of(String environmentId) {
    Double v = environmentId == null ? null : BY_ID.get(environmentId);
    return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
  }
}
