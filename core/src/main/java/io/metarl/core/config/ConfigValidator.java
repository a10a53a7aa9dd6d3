package io.metarl.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.metarl.api.plugin.InvalidSettingException;
import io.metarl.core.plugin.DiscoveredPlugin;
import io.metarl.core.plugin.PluginKind;
import io.metarl.core.plugin.PluginRegistry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Checks a run configuration against the defaults of core and of the chosen plugins before anything
 * runs, and collects every problem in one report: unknown keys (with the closest known key), values
 * of the wrong type, out-of-range values and unknown plugin names (with the known ones). Typesafe
 * Config's own {@code checkValid} ignores unknown keys; catching typos is done here.
 */
public final class ConfigValidator {
  /** Blocks under {@code metarl} that select a plugin with a {@code plugin} key. */
  public static final Map<String, PluginKind> PLUGIN_SECTIONS = Map.of(
      "environment", PluginKind.ENVIRONMENT, "agent", PluginKind.AGENT, "returns", PluginKind.RETURNS);
  /**
   * Blocks inside a plugin's section that select a plugin of their own, e.g. the actor-critic agents'
   * {@code policy-loss { plugin = a2c-pg }}.
   */
  public static final Map<String, PluginKind> NESTED_PLUGIN_SECTIONS = Map.of("policy-loss", PluginKind.POLICY_LOSS);
  private static final List<String> CORE_SECTIONS = List.of("training", "inference", "output");

  private final Config user;
  private final Config merged;
  private final Config reference;
  private final PluginRegistry registry;
  private final List<ConfigProblem> problems = new ArrayList<>();

  private ConfigValidator(Config user, Config merged, PluginRegistry registry) {
    this.user = user;
    this.merged = merged;
    this.registry = registry;
    this.reference = ConfigFactory.defaultReference(registry.classLoader());
  }

  /**
   * Validates {@code user} (as written) given {@code merged} (user over references, resolved).
   *
   * @return every problem found, empty when the configuration is valid
   */
  public static List<ConfigProblem> validate(Config user, Config merged, PluginRegistry registry) {
    ConfigValidator v = new ConfigValidator(user, merged, registry);
    try {
      v.run();
      if (v.problems.isEmpty()) {
        v.checkSeed();
      }
    } catch (ConfigException e) {
      // A shape the checks above did not foresee (e.g. a section set to null): still one clean report.
      v.problems.add(new ConfigProblem("metarl", e.getMessage(), ConfigProblem.describe(e.origin())));
    }
    // One problem per key (a key can be reached by two checks), in a linear pass.
    Map<String, ConfigProblem> byPath = new java.util.LinkedHashMap<>();
    for (ConfigProblem p : v.problems) {
      byPath.putIfAbsent(p.path() + "\u0000" + p.origin(), p);
    }
    return new ArrayList<>(byPath.values());
  }

  private void run() {
    for (String key : user.root().keySet()) {
      if (!key.equals("metarl")) {
        problems.add(ConfigProblem.at(key, "unknown top-level key; a run file holds one block `metarl { ... }`"
            + Suggestions.closest(key, List.of("metarl")).map(s -> " (did you mean '" + s + "'?)").orElse(""),
            user.getValue(quote(key)).origin()));
      }
    }
    Config u = user.hasPath("metarl") ? safeConfig(user, "metarl") : ConfigFactory.empty();
    Config ref = reference.getConfig("metarl");
    List<String> extensions = extensions();
    Set<String> known = new TreeSet<>(ref.root().keySet());
    known.addAll(extensions);
    String knownList = String.join(", ", known);
    for (String key : u.root().keySet()) {
      if (!known.contains(key)) {
        String moved = key.equals("optimizer")
            ? "; the optimizer block belongs to the agent now: write agent.optimizer { ... } (or optimizer { ... } inside agent { ... })"
            : "";
        problems.add(ConfigProblem.at("metarl." + key, "unknown key" + moved + suggestion(key, known)
            + "; known keys: " + knownList, u.root().get(key).origin()));
      }
    }
    checkLeaves(scalars(u), scalars(ref), "metarl.");
    for (String s : CORE_SECTIONS) {
      if (u.hasPath(s)) {
        checkLeaves(safeConfig(u, s), ref.getConfig(s), "metarl." + s + ".");
      }
    }
    checkName();
    if (problems.isEmpty()) {
      Config m = merged.getConfig("metarl");
      settings("training", TrainingSettings::from, m);
      settings("inference", InferenceSettings::from, m);
    }
    for (var e : PLUGIN_SECTIONS.entrySet()) {
      checkPluginSection(u, e.getKey(), e.getValue());
    }
    if (problems.isEmpty()) {
      ConfigValue baselines = merged.getValue("metarl.inference.baselines");
      for (String name : merged.getStringList("metarl.inference.baselines")) {
        if (registry.find(PluginKind.AGENT, name).isEmpty()) {
          problems.add(ConfigProblem.at("metarl.inference.baselines", "unknown agent plugin '" + name + "'"
              + suggestion(name, registry.names(PluginKind.AGENT)) + "; known agent plugins: " + names(PluginKind.AGENT) + registry.failedLoads(PluginKind.AGENT),
              baselines.origin()));
        }
      }
    }
    for (String ext : extensions) {
      if (registry.find(PluginKind.EXTENSION, ext).isEmpty()) {
        problems.add(ConfigProblem.at("metarl.extensions", "unknown extension plugin '" + ext + "'"
            + suggestion(ext, registry.names(PluginKind.EXTENSION))
            + "; known extension plugins: " + names(PluginKind.EXTENSION) + registry.failedLoads(PluginKind.EXTENSION), merged.getValue("metarl.extensions").origin()));
      } else if (u.hasPath(quote(ext))) {
        checkLeaves(safeConfig(u, quote(ext)), defaults(ext), "metarl." + ext + ".");
      }
    }
  }

  /** The seed must be a whole number in the range of a long: 1e30 or 2.5 is refused, not rounded or clamped. */
  private void checkSeed() {
    ConfigValue v = merged.getValue("metarl.seed");
    Object raw = v.unwrapped();
    boolean ok;
    if (raw instanceof Integer || raw instanceof Long) {
      ok = true;
    } else if (raw instanceof String str) {
      try {
        Long.parseLong(str.trim());
        ok = true;
      } catch (NumberFormatException e) {
        ok = false;
      }
    } else {
      ok = false;
    }
    if (!ok) {
      problems.add(ConfigProblem.at("metarl.seed", v.render() + " is not a valid seed: expected a whole number from "
          + Long.MIN_VALUE + " to " + Long.MAX_VALUE, v.origin()));
    }
  }

  /** The run's name names its directory: one path segment, no separators, no "..". */
  private void checkName() {
    ConfigValue v = merged.getValue("metarl.name");
    if (v.valueType() != ConfigValueType.STRING && v.valueType() != ConfigValueType.NUMBER) {
      return; // reported as a type problem
    }
    String problem = nameProblem(String.valueOf(v.unwrapped()));
    if (problem != null) {
      problems.add(ConfigProblem.at("metarl.name", v.render() + " " + problem, v.origin()));
    }
  }

  /**
   * Why {@code name} cannot name a run directory, or null when it can: it must be one path segment of
   * letters, digits, '.', '_' or '-', not starting with '.', at most 100 characters.
   */
  public static String nameProblem(String name) {
    if (name.isEmpty() || name.length() > 100 || name.startsWith(".") || !name.matches("[A-Za-z0-9._-]+")) {
      return "is not a valid run name: it names the run's directory <output.dir>/<name>-<seed>, so it must be 1-100 "
          + "letters, digits, '.', '_' or '-', not starting with '.' (no '/', '\\', '..' or absolute paths)";
    }
    return null;
  }

  private List<String> extensions() {
    try {
      return merged.getStringList("metarl.extensions");
    } catch (ConfigException e) {
      problems.add(ConfigProblem.at("metarl.extensions", "expected a list of extension plugin names, e.g. [metagradient]",
          merged.getValue("metarl.extensions").origin()));
      return List.of();
    }
  }

  private void checkPluginSection(Config u, String section, PluginKind kind) {
    String path = "metarl." + section + ".plugin";
    ConfigValue v = merged.hasPathOrNull(path) ? merged.getValue(path) : null;
    if (v == null || v.valueType() != ConfigValueType.STRING || ((String) v.unwrapped()).isEmpty()) {
      problems.add(new ConfigProblem(path, "missing: choose a " + kind.label() + " plugin, one of " + names(kind),
          v == null ? "" : ConfigProblem.describe(v.origin())));
      return;
    }
    String name = (String) v.unwrapped();
    if (registry.find(kind, name).isEmpty()) {
      problems.add(ConfigProblem.at(path, "unknown " + kind.label() + " plugin '" + name + "'"
          + suggestion(name, registry.names(kind)) + "; known " + kind.label() + " plugins: " + names(kind) + registry.failedLoads(kind), v.origin()));
      return;
    }
    if (u.hasPath(section)) {
      Config userSection = safeConfig(u, section);
      if (userSection != null) {
        Config rest = userSection.withoutPath("plugin");
        Config pluginDefaults = withBaseDefaults(defaults(name), name, kind, section);
        for (var nested : NESTED_PLUGIN_SECTIONS.entrySet()) {
          String key = nested.getKey();
          if (rest.hasPathOrNull(key) && pluginDefaults.hasPath(key)) {
            checkNestedPluginSection(rest, pluginDefaults, "metarl." + section + "." + key, key, nested.getValue());
            rest = rest.withoutPath(key);
          }
        }
        checkLeaves(rest, pluginDefaults, "metarl." + section + ".");
      }
    }
  }

  /**
   * A plugin block inside a plugin's section, such as {@code agent.policy-loss { plugin = epg, ... }}:
   * its plugin name must be known and its other keys must be that plugin's. Only checked where the
   * outer plugin's defaults have the block (an agent without a policy loss reports it as unknown).
   */
  private void checkNestedPluginSection(Config userSection, Config outerDefaults, String path, String key, PluginKind kind) {
    ConfigValue given = userSection.getValue(key);
    if (given.valueType() != ConfigValueType.OBJECT) {
      problems.add(ConfigProblem.at(path, given.render() + " is " + article(given.valueType())
          + ", expected a block { plugin = <name>, ... }; known " + kind.label() + " plugins: " + names(kind), given.origin()));
      return;
    }
    Config block = userSection.getConfig(key);
    ConfigValue v = block.hasPathOrNull("plugin") ? block.getValue("plugin") : outerDefaults.getValue(key + ".plugin");
    if (v.valueType() != ConfigValueType.STRING || ((String) v.unwrapped()).isEmpty()) {
      problems.add(ConfigProblem.at(path + ".plugin", v.render() + " is not a plugin name: choose a " + kind.label()
          + " plugin, one of " + names(kind), v.origin()));
      return;
    }
    String name = (String) v.unwrapped();
    if (registry.find(kind, name).isEmpty()) {
      problems.add(ConfigProblem.at(path + ".plugin", "unknown " + kind.label() + " plugin '" + name + "'"
          + suggestion(name, registry.names(kind)) + "; known " + kind.label() + " plugins: " + names(kind) + registry.failedLoads(kind), v.origin()));
      return;
    }
    checkLeaves(block.withoutPath("plugin"), defaults(name), path + ".");
  }

  /**
   * An agent plugin's defaults with, beneath them, those of the agent plugin it builds on
   * ({@link io.metarl.api.plugin.AgentProvider#basePlugin}, e.g. RL²'s {@code base = ppo}), whose keys
   * its section may then set.
   */
  private Config withBaseDefaults(Config pluginDefaults, String name, PluginKind kind, String section) {
    if (kind != PluginKind.AGENT
        || !(registry.find(kind, name).map(DiscoveredPlugin::provider).orElse(null) instanceof io.metarl.api.plugin.AgentProvider ap)) {
      return pluginDefaults;
    }
    try {
      String base = ap.basePlugin(merged.getConfig("metarl." + section).withFallback(pluginDefaults)).orElse(null);
      if (base != null && !base.equals(name) && registry.find(kind, base).isPresent()) {
        return pluginDefaults.withFallback(defaults(base));
      }
    } catch (com.typesafe.config.ConfigException e) {
      // a malformed base is reported when the agent is built
    }
    return pluginDefaults;
  }

  /** The reference defaults of plugin {@code name} ({@code metarl.plugins.<name>}), empty if none. */
  private Config defaults(String name) {
    String p = "metarl.plugins." + quote(name);
    return reference.hasPath(p) ? reference.getConfig(p) : ConfigFactory.empty();
  }

  private void settings(String section, Function<Config, ?> reader, Config m) {
    try {
      reader.apply(m.getConfig(section));
    } catch (InvalidSettingException e) {
      problems.add(invalid("metarl." + section, e, merged));
    }
  }

  /**
   * The problem for a plugin's or section's {@link InvalidSettingException}, located at the value's
   * origin in {@code config}.
   */
  public static ConfigProblem invalid(String sectionPath, InvalidSettingException e, Config config) {
    String full = sectionPath + "." + e.key();
    String origin = "";
    try {
      if (config.hasPathOrNull(full)) {
        origin = ConfigProblem.describe(config.getValue(full).origin());
      }
    } catch (ConfigException ignored) {
      // keep the origin empty
    }
    return new ConfigProblem(full, e.value() + " is invalid: expected " + e.expected(), origin);
  }

  private void checkLeaves(Config given, Config defaults, String prefix) {
    if (given == null) {
      return;
    }
    Set<String> knownLeaves = new LinkedHashSet<>();
    for (var d : defaults.entrySet()) {
      knownLeaves.add(d.getKey());
    }
    String knownList = String.join(", ", knownLeaves);
    for (var e : given.entrySet()) {
      String key = e.getKey();
      ConfigValue value = e.getValue();
      ConfigValue expected = lookup(defaults, key);
      if (expected == null) {
        problems.add(ConfigProblem.at(prefix + key, "unknown key" + suggestion(key, knownLeaves)
            + (knownLeaves.isEmpty() ? "; this block takes no settings" : "; known keys: " + knownList),
            value.origin()));
      } else if (!compatible(expected.valueType(), value)) {
        problems.add(ConfigProblem.at(prefix + key, value.render() + " is " + article(value.valueType())
            + ", expected " + article(expected.valueType()) + " (default " + expected.render() + ")", value.origin()));
      }
    }
  }

  private static ConfigValue lookup(Config c, String path) {
    try {
      return c.hasPathOrNull(path) ? c.getValue(path) : null;
    } catch (ConfigException e) {
      return null;
    }
  }

  private static boolean compatible(ConfigValueType expected, ConfigValue actual) {
    ConfigValueType t = actual.valueType();
    if (t == expected || expected == ConfigValueType.NULL || t == ConfigValueType.NULL && expected == ConfigValueType.STRING) {
      return true;
    }
    if (expected == ConfigValueType.NUMBER && t == ConfigValueType.STRING) {
      try {
        Double.parseDouble(((String) actual.unwrapped()).trim());
        return true;
      } catch (NumberFormatException e) {
        return false;
      }
    }
    // Typesafe reads numbers and booleans as strings where a string is expected.
    return expected == ConfigValueType.STRING && (t == ConfigValueType.NUMBER || t == ConfigValueType.BOOLEAN);
  }

  private static String article(ConfigValueType t) {
    return switch (t) {
      case NUMBER -> "a number";
      case STRING -> "a string";
      case BOOLEAN -> "a boolean";
      case LIST -> "a list";
      case OBJECT -> "a block { ... }";
      case NULL -> "null";
    };
  }

  private Config safeConfig(Config c, String path) {
    try {
      return c.getConfig(path);
    } catch (ConfigException.WrongType e) {
      problems.add(ConfigProblem.at(path, "expected a block { ... }", c.getValue(path).origin()));
      return null;
    }
  }

  private static Config scalars(Config c) {
    if (c == null) {
      return ConfigFactory.empty();
    }
    Config out = c;
    for (String s : c.root().keySet()) {
      ConfigValue v = c.root().get(s);
      if (v.valueType() == ConfigValueType.OBJECT) {
        out = out.withoutPath(quote(s));
      }
    }
    return out.withoutPath("extensions");
  }

  private String names(PluginKind kind) {
    List<String> n = registry.names(kind);
    return n.isEmpty() ? "(none found)" : String.join(", ", n);
  }

  private static String suggestion(String key, Iterable<String> candidates) {
    return Suggestions.closest(key, candidates).map(s -> " (did you mean '" + s + "'?)").orElse("");
  }

  private static String quote(String key) {
    return com.typesafe.config.ConfigUtil.joinPath(key);
  }
}
