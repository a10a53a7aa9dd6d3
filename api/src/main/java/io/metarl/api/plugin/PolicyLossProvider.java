package io.metarl.api.plugin;

import com.typesafe.config.Config;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.api.loss.PolicyLoss;

/**
 * Provides policy losses, selected inside the agent's block by {@code agent.policy-loss.plugin = <name>}
 * (the actor-critic agents {@code a2c}, {@code a3c} and {@code rl2}; default {@code a2c-pg}).
 */
public interface PolicyLossProvider extends Plugin {

  /**
   * Builds a new, independent loss instance. The agent calls this once when it is created (so that a
   * bad setting or file fails before training) and once per learner: an instance is confined to one
   * learner's thread and its state lives as long as that learner (see {@link PolicyLoss}).
   *
   * @param section the agent's {@code policy-loss} block (minus {@code plugin}) over this plugin's
   *     defaults ({@code metarl.plugins.<name>}), over the agent's own effective section: a loss may read
   *     agent-wide settings such as {@code entropy-coefficient} without declaring them
   * @param environment the spaces of the run's tasks; check them against what the loss expects
   * @throws InvalidSettingException for a bad value (key relative to the {@code policy-loss} block,
   *     e.g. {@code file}), e.g. a loss file made for other spaces
   */
  PolicyLoss create(Config section, EnvironmentSpec environment, PluginContext context);
}
