package io.metarl.core.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import com.typesafe.config.Config;
import io.metarl.api.agent.Agent;
import io.metarl.api.plugin.AgentProvider;
import io.metarl.api.plugin.EnvironmentProvider;
import io.metarl.api.plugin.ExtensionProvider;
import io.metarl.api.plugin.InvalidSettingException;
import io.metarl.api.plugin.Plugin;
import io.metarl.api.plugin.PluginContext;
import io.metarl.api.plugin.PolicyLossProvider;
import io.metarl.api.plugin.ReturnEstimatorProvider;
import io.metarl.api.returns.ReturnEstimator;
import io.metarl.api.task.TaskDistribution;
import io.metarl.api.train.TrainingListener;
import io.metarl.core.config.ConfigProblem;
import io.metarl.core.config.ConfigValidationException;
import io.metarl.core.config.ConfigValidator;
import io.metarl.core.config.RunSettings;
import io.metarl.core.plugin.DiscoveredPlugin;
import io.metarl.core.plugin.PluginKind;
import io.metarl.core.plugin.PluginFailureException;
import io.metarl.core.plugin.PluginRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Guice wiring of one run: every discovered provider goes into one {@link MapBinder} per kind (the
 * registry by name, as Druid's PolyBind does); the providers chosen in the configuration build the
 * run's task distribution, return estimator, agent and listeners. A plugin's
 * {@link InvalidSettingException} becomes a {@link ConfigValidationException} naming the full key
 * and its file and line.
 */
final class RunModule extends AbstractModule {
  private final Config metarl;
  private final PluginRegistry registry;

  RunModule(Config metarl, PluginRegistry registry) {
    this.metarl = metarl;
    this.registry = registry;
  }

  @Override
  protected void configure() {
    bindAll(EnvironmentProvider.class, PluginKind.ENVIRONMENT);
    bindAll(AgentProvider.class, PluginKind.AGENT);
    bindAll(ReturnEstimatorProvider.class, PluginKind.RETURNS);
    bindAll(ExtensionProvider.class, PluginKind.EXTENSION);
    bindAll(PolicyLossProvider.class, PluginKind.POLICY_LOSS);
    bind(PluginRegistry.class).toInstance(registry);
  }

  private <P extends Plugin> void bindAll(Class<P> spi, PluginKind kind) {
    MapBinder<String, P> map = MapBinder.newMapBinder(binder(), String.class, spi);
    for (DiscoveredPlugin p : registry.plugins(kind)) {
      map.addBinding(p.name()).toInstance(spi.cast(p.provider()));
    }
  }

  @Provides
  @Singleton
  RunSettings settings() {
    return RunSettings.from(metarl);
  }

  @Provides
  @Singleton
  PluginContext context(RunSettings settings) {
    return new RunContext(settings.seed(), metarl, registry);
  }

  @Provides
  @Singleton
  TaskDistribution tasks(Map<String, EnvironmentProvider> providers, PluginContext ctx) {
    return build("environment", providers, (p, section) -> p.create(section, ctx));
  }

  @Provides
  @Singleton
  ReturnEstimator returns(Map<String, ReturnEstimatorProvider> providers, PluginContext ctx) {
    return build("returns", providers, (p, section) -> p.create(section, ctx));
  }

  @Provides
  @Singleton
  Agent agent(Map<String, AgentProvider> providers, TaskDistribution tasks, PluginContext ctx) {
    return build("agent", providers, (p, section) -> p.create(section, tasks.spec(), ctx));
  }

  @Provides
  @Singleton
  List<TrainingListener> listeners(Map<String, ExtensionProvider> providers, PluginContext ctx) {
    List<TrainingListener> out = new ArrayList<>();
    for (String name : metarl.getStringList("extensions")) {
      ExtensionProvider p = providers.get(name);
      Config own = metarl.hasPath(name) ? metarl.getConfig(name) : com.typesafe.config.ConfigFactory.empty();
      out.add(guard(name, name, p, () -> p.create(ctx.pluginSection(name, own), ctx)));
    }
    return List.copyOf(out);
  }

  private <P extends Plugin, T> T build(String section, Map<String, P> providers, Creator<P, T> creator) {
    Config block = metarl.getConfig(section);
    String name = block.getString("plugin");
    P provider = providers.get(name);
    Config effective = block.withoutPath("plugin").withFallback(RunContext.defaults(metarl, name));
    return guard(section, name, provider, () -> creator.create(provider, effective));
  }

  /**
   * Runs a plugin's {@code create}: a setting it refuses becomes a configuration problem; anything
   * else it throws (an unexpected exception or an {@link Error}) a {@link PluginFailureException}
   * naming the plugin, its class and its jar.
   */
  private <T> T guard(String section, String plugin, Object provider, java.util.function.Supplier<T> body) {
    try {
      return PluginFailureException.guard("building metarl." + section, plugin, provider, body);
    } catch (InvalidSettingException | com.typesafe.config.ConfigException e) {
      throw guardSetting(section, e);
    }
  }

  private RuntimeException guardSetting(String section, RuntimeException ex) {
    try {
      throw ex;
    } catch (InvalidSettingException e) {
      return new ConfigValidationException(ConfigValidator.invalid("metarl." + section, e, metarl.atPath("metarl")));
    } catch (com.typesafe.config.ConfigException e) {
      return new ConfigValidationException(new ConfigProblem("metarl." + section, e.getMessage(),
          ConfigProblem.describe(e.origin())));
    }
  }

  @FunctionalInterface
  private interface Creator<P, T> {
    T create(P provider, Config section);
  }

}
