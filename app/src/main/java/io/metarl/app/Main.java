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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    // `metarl help train` (picocli's help command: without it `help` is an unknown argument).
    cl.addSubcommand("help", new CommandLine.HelpCommand());
    cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, Main::commandList);
    CommandLine.IParameterExceptionHandler parseErrors = cl.getParameterExceptionHandler();
    cl.setParameterExceptionHandler((ex, args) -> unknownCommand(cl, ex).orElseGet(() -> {
      try {
        return parseErrors.handleParseException(ex, args);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }));
    cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> handle(ex, cmd.getErr()));
    CommandLine.IExecutionStrategy last = new CommandLine.RunLast();
    cl.setExecutionStrategy(parseResult -> {
      try {
        return last.execute(parseResult);
      } catch (OutOfMemoryError | StackOverflowError e) {
        return handleError(e, cl.getErr());
      }
    });
    Plugins.setWarnings(cl::getErr);
    return cl;
  }

  /**
   * The root's command list: each command with its first whole sentence (picocli's default shows only
   * the first line of a multi-line description, which cut several of them mid-sentence).
   */
  static String commandList(CommandLine.Help help) {
    Map<String, CommandLine.Help> subs = new LinkedHashMap<>(help.subcommands());
    subs.values().removeIf(h -> h.commandSpec().usageMessage().hidden());
    if (subs.isEmpty()) {
      return "";
    }
    int width = help.commandSpec().usageMessage().width();
    int names = subs.keySet().stream().mapToInt(String::length).max().orElse(0) + 4;
    CommandLine.Help.TextTable table = CommandLine.Help.TextTable.forColumns(help.colorScheme(),
        new CommandLine.Help.Column(names, 2, CommandLine.Help.Column.Overflow.SPAN),
        new CommandLine.Help.Column(Math.max(20, width - names), 2, CommandLine.Help.Column.Overflow.WRAP));
    for (var e : subs.entrySet()) {
      table.addRowValues(e.getKey(), summary(e.getValue().commandSpec()));
    }
    return table.toString();
  }

  /** The first sentence of a command's header, else of its description (all lines joined). */
  static String summary(CommandLine.Model.CommandSpec spec) {
    String[] lines = spec.usageMessage().header().length > 0 ? spec.usageMessage().header() : spec.usageMessage().description();
    String text = String.join(" ", lines).replaceAll("\\s+", " ").trim();
    String[] sentences = text.split("(?<=[.!?])\\s+(?=[A-Z])", 2);
    return sentences[0];
  }

  /**
   * An unknown command word ({@code metarl trian}): the closest command by edit distance, counting a
   * transposition as one edit (picocli's own suggestion offered {@code baselines} for {@code help}),
   * then the list of commands. Empty for any other parse error.
   */
  static java.util.Optional<Integer> unknownCommand(CommandLine root, CommandLine.ParameterException ex) {
    if (!(ex instanceof CommandLine.UnmatchedArgumentException u) || ex.getCommandLine() != root
        || u.getUnmatched().isEmpty() || u.getUnmatched().get(0).startsWith("-")) {
      return java.util.Optional.empty();
    }
    String word = u.getUnmatched().get(0);
    List<String> names = new ArrayList<>(root.getSubcommands().keySet());
    PrintWriter err = root.getErr();
    err.println("error: unknown command '" + word + "'"
        + io.metarl.core.config.Suggestions.closest(word, names).map(s -> "\nDid you mean: metarl " + s + "?").orElse(""));
    err.println("Commands: " + String.join(", ", names) + " (metarl help COMMAND shows a command's options)");
    err.flush();
    return java.util.Optional.of(2);
  }

  /** An {@link Error} that reached the top: out of memory or stack, said plainly (exit 2: the input was too big). */
  static int handleError(Error e, PrintWriter err) {
    String message = e instanceof OutOfMemoryError
        ? "out of memory (the Java heap is " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB): the run's settings "
            + "(lanes, rollout-length, network sizes) need more; lower them or raise the heap (METARL_JAVA_OPTS=-Xmx...)"
        : "the input nests too deeply to be processed (stack overflow); simplify it";
    err.println("error: " + message);
    if (verbose) {
      e.printStackTrace(err);
    }
    err.flush();
    return 2;
  }

  /** The I/O failure behind {@code ex}, if one is (a full disk, a read-only or missing directory). */
  private static java.io.IOException ioCause(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.io.IOException io) {
        return io;
      }
    }
    return null;
  }

  private static String describeIo(java.io.IOException io) {
    String what = io instanceof java.nio.file.FileSystemException fs
        ? (fs.getFile() == null ? "" : fs.getFile() + ": ") + (fs.getReason() != null ? fs.getReason()
            : io instanceof java.nio.file.AccessDeniedException ? "permission denied (read-only?)"
            : io instanceof java.nio.file.NoSuchFileException ? "no such file or directory"
            : io instanceof java.nio.file.FileAlreadyExistsException ? "already exists"
            : io.getClass().getSimpleName())
        : String.valueOf(io.getMessage());
    String lower = what.toLowerCase(java.util.Locale.ROOT);
    boolean fs = io instanceof java.nio.file.FileSystemException || lower.contains("space") || lower.contains("read-only")
        || lower.contains("permission");
    return "I/O error: " + what + (fs ? " (check free space, permissions and that the path is writable)" : "");
  }

  static int handle(Exception ex, PrintWriter err) {
    int code;
    String message;
    if (ex instanceof io.metarl.core.train.TrainingStopped stopped) {
      err.println(stopped.getMessage());
      err.flush();
      return stopped.exitCode();
    }
    java.io.IOException io = ioCause(ex);
    if (ex instanceof UserError || ex instanceof ConfigValidationException || ex instanceof UnknownPluginException
        || ex instanceof io.metarl.core.train.RunDirectoryException || ex instanceof io.metarl.core.plugin.PluginFailureException
        || ex instanceof io.metarl.core.train.WarmStartException) {
      code = 2;
      message = ex.getMessage();
      if (io != null && io != ex.getCause() && !message.contains(String.valueOf(io.getMessage()))) {
        message += " (" + describeIo(io) + ")";
      }
    } else if (ex instanceof com.typesafe.config.ConfigException ce) {
      code = 2;
      message = "configuration: " + ce.getMessage();
    } else if (io != null) {
      code = 2;
      message = (ex == io ? "" : ex.getMessage() + ": ") + describeIo(io);
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
    io.metarl.app.cli.TrainCommand.enableStopSignals();
    int code = commandLine().execute(args);
    System.exit(code);
  }
}
