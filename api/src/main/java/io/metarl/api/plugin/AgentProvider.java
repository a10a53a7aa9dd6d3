package io.metarl.api.plugin;

import com.typesafe.config.Config;
import io.metarl.api.agent.Agent;
import io.metarl.api.env.EnvironmentSpec;

/** Provides agents, selected by {@code agent.plugin = <name>}. */
public interface AgentProvider extends Plugin {

  /**
   * Builds an untrained agent for environments of the given spec.
   *
   * @param section the run's {@code agent} block (minus {@code plugin}) over this plugin's defaults
   * @throws InvalidSettingException for a bad value
   */
  Agent create(Config section, EnvironmentSpec environment, PluginContext context);
}
