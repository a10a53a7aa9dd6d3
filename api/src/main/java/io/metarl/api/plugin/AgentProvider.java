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

  /**
   * Builds the agent with a recurrent memory, for a plugin that wraps this one as its base (RL²
   * wraps {@code a2c}, {@code a3c}, ... by name, without a jar dependency): an LSTM of
   * {@code memoryUnits} units per lane in front of the policy and value heads, whose state is zeroed
   * for a lane whose {@link io.metarl.api.agent.PolicyInput#trialStart} is set, kept otherwise, and
   * exposed through {@link io.metarl.api.agent.Policy#memory()}. The wrapper decides what the memory
   * reads (the environment it passes may already be an augmented observation) and where returns stop.
   *
   * @param section the wrapper's section layered over this plugin's defaults
   * @throws UnsupportedOperationException when this agent has no recurrent policy (the default)
   */
  default Agent createWithMemory(Config section, EnvironmentSpec environment, PluginContext context, int memoryUnits) {
    throw new UnsupportedOperationException("agent plugin '" + name() + "' has no recurrent policy");
  }

  /**
   * The agent plugin this one builds its learning on, as its section names it (RL²'s {@code base}):
   * that plugin's keys are then valid in this plugin's section too, and configuration checks accept
   * them. None by default.
   *
   * @param section this plugin's section over its defaults
   */
  default java.util.Optional<String> basePlugin(Config section) {
    return java.util.Optional.empty();
  }
}
