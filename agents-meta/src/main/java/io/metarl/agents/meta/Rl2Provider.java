package io.metarl.agents.meta;

import com.google.auto.service.AutoService;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.metarl.api.agent.Agent;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.api.plugin.AgentProvider;
import io.metarl.api.plugin.InvalidSettingException;
import io.metarl.api.plugin.PluginContext;
import io.metarl.api.plugin.Settings;
import io.metarl.core.config.OptimizerSettings;
import io.metarl.core.nn.ActorCriticAgent;
import io.metarl.core.nn.ActorCriticSettings;
import io.metarl.core.nn.PolicyLosses;

/**
 * {@code agent.plugin = rl2}: the RL² meta-agent ("RL²: fast reinforcement learning via slow
 * reinforcement learning", Duan et al. 2016; "Learning to reinforcement learn", Wang et al. 2016).
 *
 * <p>An actor-critic whose torso ends in an LSTM meta-memory ({@code memory.units}, default 48) fed at
 * each step with the observation, the previous action (one-hot for discrete actions, raw for
 * continuous ones), the previous reward and the previous done flag, all zero at a trial's start. The
 * memory of a lane is reset only when a new trial (task) begins and is carried across the trial's
 * episodes; returns span the whole trial, so the agent is rewarded for exploring in early episodes
 * and exploiting in later ones. Training back-propagates through time over each rollout, starting from
 * the memory state the rollout began with and never across a trial boundary. At inference the weights
 * are frozen: adaptation to a new task happens in the activations only.
 *
 * <p>{@code base} picks the update scheme by the name of another agent plugin, looked up through the
 * plugin context (no jar dependency): {@code a2c} (one synchronous worker) or {@code a3c}
 * ({@code workers} asynchronous threads, read from the a3c plugin's settings).
 */
@AutoService(AgentProvider.class)
public final class Rl2Provider implements AgentProvider {
  @Override
  public String name() {
    return "rl2";
  }

  @Override
  public String description() {
    return "RL² meta-agent: LSTM meta-memory over (obs, prev action, prev reward, done), base a2c|a3c";
  }

  @Override
  public Agent create(Config section, EnvironmentSpec environment, PluginContext context) {
    String base = Settings.oneOf(section, "base", "a2c", "a3c");
    try {
      context.provider(AgentProvider.class, base);
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException("base", base, "an installed agent plugin (" + e.getMessage() + ")");
    }
    int units = Settings.intAtLeast(section.getConfig("memory"), "units", 1);
    int workers = 1;
    if (base.equals("a3c")) {
      Config a3c = context.pluginSection("a3c", ConfigFactory.empty());
      workers = a3c.getBoolean("async") ? Settings.intAtLeast(section, "workers", 1) : 1;
    }
    ActorCriticSettings settings = ActorCriticSettings.from(section, units, workers);
    OptimizerSettings optimizer = OptimizerSettings.from(context.runConfig().getConfig("optimizer"));
    return new ActorCriticAgent(name(), environment, settings, optimizer, context.seed(),
        PolicyLosses.fromAgentSection(section, environment, context));
  }
}
