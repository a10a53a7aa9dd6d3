package io.metarl.core.plugin;

import io.metarl.api.plugin.AgentProvider;
import io.metarl.api.plugin.EnvironmentProvider;
import io.metarl.api.plugin.ExtensionProvider;
import io.metarl.api.plugin.Plugin;
import io.metarl.api.plugin.PolicyLossProvider;
import io.metarl.api.plugin.ReturnEstimatorProvider;

/** The kinds of plugin, each with its SPI interface and the run-config key that selects it. */
public enum PluginKind {
  /** Task distributions: {@code environment.plugin}. */
  ENVIRONMENT(EnvironmentProvider.class, "environment"),
  /** Agents: {@code agent.plugin}. */
  AGENT(AgentProvider.class, "agent"),
  /** Return estimators: {@code returns.plugin}. */
  RETURNS(ReturnEstimatorProvider.class, "returns"),
  /** Extensions and listeners: {@code extensions = [...]}. */
  EXTENSION(ExtensionProvider.class, "extensions"),
  /** Policy losses of the actor-critic agents: {@code agent.policy-loss.plugin}. */
  POLICY_LOSS(PolicyLossProvider.class, "agent.policy-loss");

  private final Class<? extends Plugin> spi;
  private final String configKey;

  PluginKind(Class<? extends Plugin> spi, String configKey) {
    this.spi = spi;
    this.configKey = configKey;
  }

  /** The provider interface. */
  public Class<? extends Plugin> spi() {
    return spi;
  }

  /** The key under {@code metarl} that selects plugins of this kind. */
  public String configKey() {
    return configKey;
  }

  /** Lower-case, kebab-case label for listings and messages ({@code policy-loss}). */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /** The kind whose SPI is {@code spi}. */
  public static PluginKind of(Class<? extends Plugin> spi) {
    for (PluginKind k : values()) {
      if (k.spi == spi) {
        return k;
      }
    }
    throw new IllegalArgumentException("not a plugin SPI: " + spi.getName());
  }
}
