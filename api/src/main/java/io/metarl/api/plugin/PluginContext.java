package io.metarl.api.plugin;

import com.typesafe.config.Config;

/** The narrow view of the engine a provider gets while creating its plugin. */
public interface PluginContext {

  /** The run's seed. */
  long seed();

  /** The whole resolved run configuration ({@code metarl.*}), read-only. */
  Config runConfig();

  /**
   * Another plugin's provider by kind and name (e.g. RL² asking for its base agent {@code a2c}),
   * without a jar dependency on it.
   *
   * @throws IllegalArgumentException naming the known names when none is called {@code name}
   */
  <P extends Plugin> P provider(Class<P> kind, String name);

  /**
   * The effective configuration section of plugin {@code name}: {@code overrides} layered over the
   * plugin's {@code reference.conf} defaults.
   */
  Config pluginSection(String name, Config overrides);
}
