package io.metarl.app;

import io.metarl.app.cli.CliCommand;
import io.metarl.app.cli.UserError;
import io.metarl.core.config.ConfigValidationException;
import io.metarl.core.plugin.UnknownPluginException;
import io.metarl.core.rollout.EnvironmentFailure;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code metarl} command line. Subcommands are every {@link CliCommand} found with
 * {@link ServiceLoader}. Exit codes: 0 success, 1 a failed check or an internal error, 2 bad input
 * (with the message only; {@code --verbose} adds the stack trace).
 */
@Command(name = "metarl", mixinStandardHelpOptions = true, version = "metarl 0.1.0",
    description = "Meta-reinforcement learning on the JVM: RL², A2C, A3C, bandits, Gymnasium ports.",
    subcommandsRepeatable = false)
public final class Main implements Runnable {
  static boolean verbose;

  @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces of errors.")
  void setVerbose(boolean v) {
    verbose = v;
  }

  @Option(names = "--plugins-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
      description = "Directory of plugin jars to add (default: ./plugins, or $METARL_PLUGINS_DIR).")
  void setPluginsDir(Path dir) {
    Plugins.setDirectory(dir);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(new CommandLine(this), "a command is required (see --help)");
  }

  /** Builds the command line with every discovered subcommand. */
  public static CommandLine commandLine() {
    verbose = false;
    CommandLine cl = new CommandLine(new Main());
    List<CliCommand> commands = new ArrayList<>();
    ServiceLoader.load(CliCommand.class, Main.class.getClassLoader()).forEach(commands::add);
    commands.sort(Comparator.comparing(c -> c.getClass().getAnnotation(Command.class).name()));
    for (CliCommand c : commands) {
      cl.addSubcommand(c);
    }
    cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> handle(ex, cmd.getErr()));
    return cl;
  }

  static int handle(Exception ex, PrintWriter err) {
    int code;
    String message;
    if (ex instanceof UserError || ex instanceof ConfigValidationException || ex instanceof UnknownPluginException) {
      code = 2;
      message = ex.getMessage();
    } else if (ex instanceof EnvironmentFailure || ex instanceof io.metarl.core.train.TrainingFailure) {
      code = 1;
      message = ex.getMessage();
    } else {
      code = 1;
      message = ex.getClass().getSimpleName() + ": " + ex.getMessage()
          + (verbose ? "" : "\n(internal error: run again with --verbose for the stack trace)");
    }
    err.println("error: " + message);
    if (verbose) {
      ex.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  /** Entry point. */
  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    int code = commandLine().execute(args);
    System.exit(code);
  }
}
