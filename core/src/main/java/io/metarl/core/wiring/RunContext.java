package io.metarl.core.wiring;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigUtil;
import io.metarl.api.plugin.Plugin;
import io.metarl.api.plugin.PluginContext;
import io.metarl.core.plugin.PluginRegistry;

/** The engine's {@link PluginContext}: the seed, the run's config and the plugin registry. */
public final class RunContext implements PluginContext {
  private final long seed;
  private final Config metarl;
  private final PluginRegistry registry;

  /**
   * @param seed the run's seed
   * @param metarl the resolved {@code metarl} block
   * @param registry the plugins
   */
  public RunContext(long seed, Config metarl, PluginRegistry registry) {
    this.seed = seed;
    this.metarl = metarl;
    this.registry = registry;
  }

  @Override
  public long seed() {
    return seed;
  }

  @Override
  public Config runConfig() {
    return metarl;
  }

  @Override
  public <P extends Plugin> P provider(Class<P> kind, String name) {
    return registry.provider(kind, name);
  }

  @Override
  public Config pluginSection(String name, Config overrides) {
    return overrides.withoutPath("plugin").withFallback(defaults(metarl, name));
  }

  /** The defaults of plugin {@code name} in a resolved {@code metarl} block, empty if none. */
  public static Config defaults(Config metarl, String name) {
    String p = "plugins." + ConfigUtil.joinPath(name);
    return metarl.hasPath(p) ? metarl.getConfig(p) : ConfigFactory.empty();
  }

  /** The registry. */
  public PluginRegistry registry() {
    return registry;
  }
}
