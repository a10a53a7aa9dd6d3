package io.metarl.agents.meta;

import com.google.auto.service.AutoService;
import com.typesafe.config.Config;
import io.metarl.api.agent.Agent;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.api.plugin.AgentProvider;
import io.metarl.api.plugin.InvalidSettingException;
import io.metarl.api.plugin.PluginContext;
import io.metarl.api.plugin.Settings;

/**
 * {@code agent.plugin = rl2}: the RL² meta-agent ("RL²: fast reinforcement learning via slow
 * reinforcement learning", Duan et al. 2016; "Learning to reinforcement learn", Wang et al. 2016),
 * {@link Rl2Agent}: an LSTM meta-memory ({@code memory.units}) over the {@link MetaInputs}, kept for a
 * whole trial, on top of a base agent.
 *
 * <p>{@code base} names the agent plugin that does the learning (a2c, a3c, or any installed plugin
 * offering {@link AgentProvider#createWithMemory}); it is looked up through the plugin context, with
 * no jar dependency, and built from this section (minus {@code base} and {@code memory}) over its own
 * defaults, so e.g. {@code workers} reaches {@code a3c}.
 */
@AutoService(AgentProvider.class)
public final class Rl2Provider implements AgentProvider {
  @Override
  public String name() {
    return "rl2";
  }

  @Override
  public String description() {
    return "RL² meta-agent: LSTM meta-memory over (obs, prev action, prev reward, done) on a base agent (a2c, a3c, ...)";
  }

  @Override
  public java.util.Optional<String> basePlugin(Config section) {
    return section.hasPath("base") ? java.util.Optional.of(section.getString("base")) : java.util.Optional.empty();
  }

  @Override
  public Agent create(Config section, EnvironmentSpec environment, PluginContext context) {
    String base = section.getString("base");
    if (base.equals(name())) {
      throw new InvalidSettingException("base", base, "an agent plugin other than rl2 (e.g. a2c or a3c)");
    }
    AgentProvider provider;
    try {
      provider = context.provider(AgentProvider.class, base);
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException("base", base, "an installed agent plugin (" + e.getMessage() + ")");
    }
    int units = Settings.intAtLeast(section.getConfig("memory"), "units", 1);
    MetaInputs inputs = new MetaInputs(environment);
    Config baseSection = context.pluginSection(base, section.withoutPath("base").withoutPath("memory"));
    try {
      return new Rl2Agent(provider.createWithMemory(baseSection, inputs.augmentedSpec(), context, units), environment, inputs);
    } catch (UnsupportedOperationException e) {
      throw new InvalidSettingException("base", base, "an agent plugin with a recurrent policy (" + e.getMessage() + ")");
    }
  }
}
