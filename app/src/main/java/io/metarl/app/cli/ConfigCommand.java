package io.metarl.app.cli;

import com.google.auto.service.AutoService;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import io.metarl.app.Plugins;
import io.metarl.core.wiring.Run;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code metarl config --config FILE}: validates a run file completely (keys, types, ranges, plugin
 * names; the plugins are built) and prints the resolved configuration, or every problem found.
 */
@AutoService(CliCommand.class)
@Command(name = "config", mixinStandardHelpOptions = true,
    description = "Validate a run file and print the fully resolved configuration (or the problems).")
public final class ConfigCommand implements CliCommand {
  @Spec CommandSpec spec;

  @Option(names = "--config", required = true, paramLabel = "FILE", description = "The run's HOCON file.")
  Path file;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a key, e.g. --set metarl.seed=3.")
  List<String> sets = new ArrayList<>();

  @Option(names = "--origins", description = "Show where each value comes from (file and line).")
  boolean origins;

  @Override
  public Integer call() {
    Config metarl = Run.validate(file, sets, Plugins.registry());
    Run run = Run.wire(metarl, Plugins.registry());
    run.agent().close();
    String text = metarl.withoutPath("plugins").atPath("metarl").root()
        .render(ConfigRenderOptions.defaults().setOriginComments(origins).setComments(false).setJson(false));
    var out = spec.commandLine().getOut();
    out.println(text);
    out.println("# valid: environment " + metarl.getString("environment.plugin") + ", agent "
        + metarl.getString("agent.plugin") + ", returns " + metarl.getString("returns.plugin"));
    out.flush();
    return 0;
  }
}
