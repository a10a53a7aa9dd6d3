package io.metarl.api.plugin;

import com.typesafe.config.Config;
import io.metarl.api.env.Controller;
import io.metarl.api.task.TaskDistribution;
import java.util.Map;
import java.util.function.Supplier;

/** Provides environments: a task distribution selected by {@code environment.plugin = <name>}. */
public interface EnvironmentProvider extends Plugin {

  /**
   * Builds the task distribution.
   *
   * @param section the run's {@code environment} block (minus {@code plugin}) over this plugin's
   *     defaults
   * @throws InvalidSettingException for a bad value
   */
  TaskDistribution create(Config section, PluginContext context);

  /**
   * Scripted controllers this plugin ships, by name (e.g. {@code heuristic}, {@code gait}), for
   * {@code metarl evaluate --env NAME --policy NAME}. {@code random} is built in and not listed here.
   */
  default Map<String, Supplier<Controller>> controllers() {
    return Map.of();
  }
}
