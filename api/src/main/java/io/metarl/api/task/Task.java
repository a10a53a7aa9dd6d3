package io.metarl.api.task;

import io.metarl.api.env.Environment;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One MDP drawn from a {@link TaskDistribution}: it knows its parameters and makes environments.
 * A task is an immutable value; the environments it makes are not.
 */
public interface Task {

  /** A fresh environment playing this task. */
  Environment newEnvironment();

  /** The task's parameters, for reports (e.g. {@code wind_power -> 12.5}). */
  default Map<String, Object> parameters() {
    return Map.of();
  }

  /**
   * The expected return of one episode played by an oracle that knows the task, when it is known
   * (a bandit: horizon times the best arm's mean). Reports subtract the agent's return from it to give
   * the regret.
   */
  default OptionalDouble optimalReturn() {
    return OptionalDouble.empty();
  }
}
