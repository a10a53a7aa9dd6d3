package io.metarl.api.task;

import io.metarl.api.env.Environment;
import java.util.Map;

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
}
