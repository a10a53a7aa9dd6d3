package io.metarl.app.gym;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.metarl.api.plugin.Plugin;
import io.metarl.api.plugin.PluginContext;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * A minimal {@link PluginContext} for {@link RenderCommand}: providers come straight from
 * {@link ServiceLoader}, plugin sections are overrides over {@code metarl.plugins.<name>} of the
 * reference configuration. Temporary: core's context replaces it.
 */
final class RenderContext implements PluginContext {
  private final long seed;

  RenderContext(long seed) {
    this.seed = seed;
  }

  @Override
  public long seed() {
    return seed;
  }

  @Override
  public Config runConfig() {
    return ConfigFactory.empty();
  }

  @Override
  public <P extends Plugin> P provider(Class<P> kind, String name) {
    List<String> names = new ArrayList<>();
    for (P p : ServiceLoader.load(kind)) {
      if (p.name().equals(name)) {
        return p;
      }
      names.add(p.name());
    }
    throw new IllegalArgumentException(
        "no " + kind.getSimpleName() + " named '" + name + "'; found: " + String.join(", ", names));
  }

  @Override
  public Config pluginSection(String name, Config overrides) {
    return overrides.withFallback(defaults(name));
  }

  /** The reference defaults of plugin {@code name} (empty when it has none). */
  static Config defaults(String name) {
    String path = "metarl.plugins." + name;
    Config ref = ConfigFactory.defaultReference();
    return ref.hasPath(path) ? ref.getConfig(path) : ConfigFactory.empty();
  }
}
