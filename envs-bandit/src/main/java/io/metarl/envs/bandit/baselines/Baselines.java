package io.metarl.envs.bandit.baselines;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.api.plugin.InvalidSettingException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The baseline plugins of this module by name, built without the engine: settings are the given
 * overrides over the plugin's {@code reference.conf} defaults ({@code metarl.plugins.<name>}).
 */
public final class Baselines {
  private static final Map<String, Supplier<BaselineProvider>> PROVIDERS = new LinkedHashMap<>();

  static {
    PROVIDERS.put(RandomBaselineProvider.NAME, RandomBaselineProvider::new);
    PROVIDERS.put(GreedyBaselineProvider.NAME, GreedyBaselineProvider::new);
    PROVIDERS.put(EpsilonGreedyBaselineProvider.NAME, EpsilonGreedyBaselineProvider::new);
    PROVIDERS.put(Ucb1BaselineProvider.NAME, Ucb1BaselineProvider::new);
    PROVIDERS.put(ThompsonBaselineProvider.NAME, ThompsonBaselineProvider::new);
    PROVIDERS.put(OptimisticThompsonBaselineProvider.NAME, OptimisticThompsonBaselineProvider::new);
    PROVIDERS.put(GittinsBaselineProvider.NAME, GittinsBaselineProvider::new);
  }

  private Baselines() {}

  /** The baseline plugin names, in table order. */
  public static List<String> names() {
    return List.copyOf(PROVIDERS.keySet());
  }

  /** A plugin's defaults from {@code reference.conf}. */
  public static Config defaults(String name) {
    requireKnown(name);
    return ConfigFactory.defaultReference(Baselines.class.getClassLoader()).getConfig("metarl.plugins." + name);
  }

  /**
   * Builds baseline {@code name} for {@code spec}.
   *
   * @param overrides keys of the plugin's section to change (values as HOCON would hold them)
   * @throws IllegalArgumentException for an unknown name or key
   * @throws InvalidSettingException for a bad value
   */
  public static BaselineAgent create(String name, Map<String, ?> overrides, EnvironmentSpec spec) {
    Config defaults = defaults(name);
    Config section = defaults;
    for (Map.Entry<String, ?> e : overrides.entrySet()) {
      if (!defaults.hasPath(e.getKey())) {
        throw new IllegalArgumentException(
            "baseline " + name + " has no setting '" + e.getKey() + "'; it has " + defaults.root().keySet());
      }
      section = section.withValue(e.getKey(), ConfigValueFactory.fromAnyRef(e.getValue()));
    }
    return PROVIDERS.get(name).get().create(section, spec, null);
  }

  private static void requireKnown(String name) {
    if (!PROVIDERS.containsKey(name)) {
      throw new IllegalArgumentException("unknown baseline '" + name + "'; known: " + String.join(", ", PROVIDERS.keySet()));
    }
  }
}
