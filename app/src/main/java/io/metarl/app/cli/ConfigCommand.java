package io.metarl.app.cli;

import com.google.auto.service.AutoService;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.metarl.app.Plugins;
import io.metarl.core.config.ConfigLoader;
import io.metarl.core.config.ConfigValidator;
import io.metarl.core.wiring.Run;
import io.metarl.core.wiring.RunContext;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code metarl config --config FILE}: validates a run file completely (keys, types, ranges, plugin
 * names; the plugins are built) and prints the configuration that applies to this run: the core
 * sections, and for the chosen plugins (environment, agent and its nested policy loss, returns,
 * extensions) their defaults with the file's settings laid over them. Other installed plugins'
 * defaults are left out. {@code --origins} names where each value comes from in a few words: the run
 * file and line, {@code --set}, or the module whose {@code reference.conf} holds the default.
 */
@AutoService(CliCommand.class)
@Command(name = "config", mixinStandardHelpOptions = true,
    description = {"Validate a run file and print the configuration that applies to this run (or the problems).",
        "It shows the core sections and the chosen plugins' settings (environment, agent, returns, extensions),",
        "defaults included; other installed plugins' defaults are left out."})
public final class ConfigCommand implements CliCommand {
  /** Top-level keys of core's reference.conf that every run has. */
  private static final List<String> CORE = List.of("name", "seed", "environment", "agent", "returns", "extensions",
      "training", "inference", "output");

  @Spec CommandSpec spec;

  @Option(names = "--config", required = true, paramLabel = "FILE", description = "The run's HOCON file.")
  Path file;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a key, e.g. --set metarl.seed=3.")
  List<String> sets = new ArrayList<>();

  @Option(names = "--origins", description = "Show where each value comes from: FILE:LINE, --set, or MODULE reference.conf:LINE.")
  boolean origins;

  @Override
  public Integer call() {
    Config user = ConfigLoader.parseUser(file, sets);
    Config metarl = Run.validate(user, Plugins.registry());
    Run run = Run.wire(metarl, Plugins.registry());
    run.agent().close();
    Config applies = applies(metarl, user.hasPath("metarl") ? user.getConfig("metarl") : ConfigFactory.empty());
    var out = spec.commandLine().getOut();
    StringBuilder sb = new StringBuilder("metarl {\n");
    render(applies.root(), 1, sb);
    sb.append("}");
    out.println(sb);
    for (String baseline : metarl.getStringList("inference.baselines")) {
      Config d = RunContext.defaults(metarl, baseline);
      if (!d.isEmpty()) {
        out.println("# inference baseline " + baseline + " plays with metarl.plugins." + ConfigUtil.joinPath(baseline) + " "
            + d.root().render(ConfigRenderOptions.concise()));
      }
    }
    List<String> extensions = metarl.getStringList("extensions");
    out.println("# valid: environment " + metarl.getString("environment.plugin") + ", agent "
        + metarl.getString("agent.plugin") + ", returns " + metarl.getString("returns.plugin")
        + (extensions.isEmpty() ? "" : ", extensions " + String.join(", ", extensions))
        + "; only the settings of these plugins are shown");
    out.flush();
    return 0;
  }

  /**
   * The part of a resolved {@code metarl} block this run reads: the core sections, each chosen
   * plugin's section as the plugin sees it (its defaults under the user's keys, as
   * {@link RunContext#pluginSection} builds it, plus the {@code plugin} key), the chosen extensions'
   * blocks, and any other top-level block the user wrote.
   */
  static Config applies(Config metarl, Config userMetarl) {
    Set<String> keys = new LinkedHashSet<>(CORE);
    List<String> extensions = metarl.getStringList("extensions");
    keys.addAll(extensions);
    keys.addAll(userMetarl.root().keySet());
    keys.remove("plugins");
    Config out = ConfigFactory.empty();
    for (String key : keys) {
      String path = ConfigUtil.joinPath(key);
      if (ConfigValidator.PLUGIN_SECTIONS.containsKey(key)) {
        out = out.withValue(path, pluginSection(metarl, metarl.getConfig(path)).root());
      } else if (extensions.contains(key)) {
        Config given = metarl.hasPath(path) && metarl.getValue(path).valueType() == ConfigValueType.OBJECT
            ? metarl.getConfig(path) : ConfigFactory.empty();
        out = out.withValue(path, given.withFallback(RunContext.defaults(metarl, key)).root());
      } else if (metarl.hasPathOrNull(path)) {
        out = out.withValue(path, metarl.getValue(path));
      }
    }
    return out;
  }

  /** A plugin section ({@code plugin = name} and keys) over the plugin's defaults, nested plugin blocks likewise. */
  private static Config pluginSection(Config metarl, Config section) {
    String name = section.getString("plugin");
    Config defaults = RunContext.defaults(metarl, name);
    Config merged = section.withFallback(defaults);
    for (String nested : ConfigValidator.NESTED_PLUGIN_SECTIONS.keySet()) {
      if (merged.hasPath(nested) && merged.getValue(nested).valueType() == ConfigValueType.OBJECT
          && merged.hasPath(nested + ".plugin")) {
        merged = merged.withValue(nested, pluginSection(metarl, merged.getConfig(nested)).root());
      }
    }
    return merged;
  }

  /** HOCON, keys in order (plugin first), one value per line, with short origins when asked. */
  private void render(ConfigObject object, int depth, StringBuilder sb) {
    List<String> keys = new ArrayList<>(object.keySet());
    keys.sort((a, b) -> a.equals(b) ? 0 : a.equals("plugin") ? -1 : b.equals("plugin") ? 1 : a.compareTo(b));
    List<String> ordered = new ArrayList<>();
    if (depth == 1) {
      for (String k : CORE) {
        if (keys.contains(k)) {
          ordered.add(k);
        }
      }
    }
    for (String k : keys) {
      if (!ordered.contains(k)) {
        ordered.add(k);
      }
    }
    String indent = "  ".repeat(depth);
    for (String key : ordered) {
      ConfigValue v = object.get(key);
      String k = ConfigUtil.joinPath(key);
      if (v instanceof ConfigObject o && !o.isEmpty()) {
        sb.append(indent).append(k).append(" {\n");
        render(o, depth + 1, sb);
        sb.append(indent).append("}\n");
      } else {
        String value = v.render(ConfigRenderOptions.concise());
        sb.append(indent).append(k).append(" = ").append(value);
        if (origins) {
          sb.append("   # ").append(shortOrigin(v.origin()));
        }
        sb.append('\n');
      }
    }
  }

  /**
   * Where a value comes from, in a few words: {@code FILE:LINE} for a run file, {@code --set KEY=VALUE}
   * for the command line, {@code MODULE reference.conf:LINE} for a default (the module named by its
   * jar, without version, or by its directory when it comes from {@code MODULE/target/classes}).
   */
  static String shortOrigin(ConfigOrigin origin) {
    if (origin == null) {
      return "";
    }
    String description = origin.description();
    if (description.startsWith("command line --set ")) {
      return description.substring("command line ".length()).replaceFirst(": [0-9]+(-[0-9]+)?$", "");
    }
    int line = origin.lineNumber();
    String at = line > 0 ? ":" + line : "";
    if (origin.filename() != null) {
      return origin.filename() + at;
    }
    URL url = origin.url();
    if (url != null && origin.resource() != null) {
      return module(url.toString()) + " " + origin.resource() + at;
    }
    return description.startsWith("merge of ") ? "several files" : description;
  }

  /** The module of a reference.conf URL: {@code metarl-core} from a jar, {@code core} from target/classes. */
  private static String module(String url) {
    int bang = url.indexOf("!/");
    if (bang > 0) {
      String jar = url.substring(0, bang);
      String name = jar.substring(jar.lastIndexOf('/') + 1).replaceFirst("\\.jar$", "");
      return name.replaceFirst("-[0-9][0-9A-Za-z.+_-]*$", "");
    }
    String path = url.replaceFirst("^file:", "");
    int classes = path.indexOf("/target/classes/");
    if (classes > 0) {
      String dir = path.substring(0, classes);
      return dir.substring(dir.lastIndexOf('/') + 1);
    }
    return path;
  }
}
