package io.metarl.app.cli;

import com.google.auto.service.AutoService;
import io.metarl.app.Plugins;
import io.metarl.core.plugin.DiscoveredPlugin;
import io.metarl.core.plugin.PluginKind;
import io.metarl.core.plugin.PluginRegistry;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code metarl plugins}: every discovered plugin by kind and name, with the jar it came from. */
@AutoService(CliCommand.class)
@Command(name = "plugins", mixinStandardHelpOptions = true,
    description = "List every discovered plugin by kind and name, with the jar it came from.")
public final class PluginsCommand implements CliCommand {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PluginRegistry registry = Plugins.registry();
    var out = spec.commandLine().getOut();
    for (PluginKind kind : PluginKind.values()) {
      out.println(kind.label() + ":");
      for (DiscoveredPlugin p : registry.plugins(kind)) {
        out.printf(Locale.ROOT, "  %-26s %-58s %s%n", p.name(), p.provider().description(), shortSource(p.source()));
      }
      if (registry.plugins(kind).isEmpty()) {
        out.println("  (none)");
      }
    }
    out.println("plugins directory: " + Plugins.directory().toAbsolutePath().normalize());
    out.flush();
    // Load errors (named with jar and class) went to stderr when the registry was built, as in every command.
    return 0;
  }

  private static String shortSource(String source) {
    String cwd = System.getProperty("user.dir");
    return source.startsWith(cwd + "/") ? source.substring(cwd.length() + 1) : source;
  }
}
