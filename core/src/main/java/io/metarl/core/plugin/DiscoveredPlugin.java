package io.metarl.core.plugin;

import io.metarl.api.plugin.Plugin;

/**
 * A provider found on the classpath.
 *
 * @param kind its kind
 * @param provider the provider instance
 * @param source the jar or directory it was loaded from
 */
public record DiscoveredPlugin(PluginKind kind, Plugin provider, String source) {

  /** The provider's stable name. */
  public String name() {
    return provider.name();
  }
}
