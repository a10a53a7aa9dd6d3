package io.metarl.app.experiment;

import com.google.auto.service.AutoService;
import io.metarl.app.Plugins;
import io.metarl.app.cli.CliCommand;
import io.metarl.app.cli.UserError;
import io.metarl.core.experiment.CellExecutor;
import io.metarl.core.experiment.Engines;
import io.metarl.core.plugin.PluginRegistry;
import io.metarl.experiments.ExperimentPlan;
import io.metarl.experiments.ExperimentRunner;
import io.metarl.experiments.ExperimentSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code metarl experiment FILE}: runs a grid of (agent, environment, seed) cells from an experiment
 * file, each cell a training + inference run, and writes the experiment's report. Every cell is
 * validated before anything runs; finished cells are reused when the command is run again (after an
 * interruption, say), unfinished ones redone from scratch. Cells run on the engine named by
 * {@code experiment.execution.engine} or {@code --engine} ({@link Engines}: {@code local} threads, or
 * {@code spark} when the metarl-runner-spark jar is in the plugins directory).
 */
@AutoService(CliCommand.class)
@Command(name = "experiment", mixinStandardHelpOptions = true,
    description = {"Run an experiment grid (agents x environments x seeds): train, evaluate and report every cell,",
        "then aggregate over seeds into report.md, summary.json, episodes.csv and figures/.",
        "Rerunning the same command resumes: finished cells are kept, unfinished ones redone."})
public final class ExperimentCommand implements CliCommand {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The experiment's HOCON file (an experiment { ... } block).")
  Path file;

  @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: experiment.output, else experiments/<name>).")
  Path out;

  @Option(names = "--scale", paramLabel = "X", description = "Multiply every budget by X (overrides experiment.scale; 1 = as written).")
  Double scale;

  @Option(names = "--seeds", paramLabel = "S", split = ",", description = "Seeds to run (overrides experiment.seeds), e.g. --seeds 1,2,3.")
  List<Long> seeds;

  @Option(names = "--parallelism", paramLabel = "N", description = "Cells run at the same time (overrides experiment.parallelism; default 1).")
  Integer parallelism;

  @Option(names = "--engine", paramLabel = "NAME",
      description = {"Execution engine (overrides experiment.execution.engine; default local = threads here).",
          "spark needs the metarl-runner-spark jar in the plugins directory (runner-spark/SPARK.md)."})
  String engine;

  @Option(names = "--master", paramLabel = "URL",
      description = "Cluster master of a cluster engine, e.g. local[2] or spark://host:7077 (overrides experiment.execution.master).")
  String master;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a key of the file, e.g. --set experiment.base.training.lanes=8.")
  List<String> sets = new ArrayList<>();

  @Option(names = "--progress-interval", paramLabel = "SECONDS", defaultValue = "30",
      description = "Seconds between grid progress lines while cells run (0: only when a cell ends; default ${DEFAULT-VALUE}).")
  double progressInterval;

  @Option(names = "--dry-run",
      description = {"Validate every cell and list the grid with its budgets in episodes, env-steps and updates, and an",
          "estimated time from a short calibration run of each agent x environment pair here; run nothing."})
  boolean dryRun;

  @Option(names = "--calibrate", paramLabel = "SECONDS", defaultValue = "1",
      description = "With --dry-run: seconds of calibration training per agent x environment pair (0: no time estimate; default ${DEFAULT-VALUE}).")
  double calibrate;

  @Option(names = "--only", paramLabel = "KIND=NAME", split = ",",
      description = {"Run part of the grid: agent=NAME, env=NAME, seed=S (names as in the file; != leaves one out),",
          "e.g. --only agent=A2C,env=CartPole or --only env!=Quadruped. Finished cells are shared with the whole grid;",
          "the report says it covers part of the grid."})
  List<String> only;

  @Override
  public Integer call() throws IOException {
    if (scale != null && !(scale > 0 && Double.isFinite(scale))) {
      throw new UserError("--scale: expected a number > 0, got " + scale);
    }
    if (parallelism != null && parallelism < 1) {
      throw new UserError("--parallelism: expected an integer >= 1, got " + parallelism);
    }
    if (seeds != null && (seeds.isEmpty() || seeds.stream().distinct().count() != seeds.size())) {
      throw new UserError("--seeds: expected distinct integers, e.g. 1,2,3, got " + seeds);
    }
    if (progressInterval < 0) {
      throw new UserError("--progress-interval: expected seconds >= 0, got " + progressInterval);
    }
    if (engine != null && engine.isBlank()) {
      throw new UserError("--engine: expected an engine name, e.g. local or spark");
    }
    if (master != null && master.isBlank()) {
      throw new UserError("--master: expected a master URL, e.g. local[2] or spark://host:7077");
    }
    Map<String, Object> execution = new LinkedHashMap<>();
    execution.put("engine", engine);
    execution.put("master", master);
    if (!(calibrate >= 0 && Double.isFinite(calibrate) && calibrate <= 60)) {
      throw new UserError("--calibrate: expected seconds from 0 to 60, got " + calibrate);
    }
    ExperimentSpec experiment = ExperimentSpec.load(file, sets).with(scale, seeds, parallelism).withExecution(execution).only(only);
    PluginRegistry registry = Plugins.registry();
    Path dir = out != null ? out : Path.of(experiment.output() != null ? experiment.output() : "experiments/" + experiment.name());
    PrintStream console = new PrintStream(System.out, true);
    if (dryRun) {
      ExperimentPlan plan = ExperimentPlan.of(experiment, registry);
      console.printf(Locale.ROOT, "experiment %s: %d cells%s, all valid, scale %s -> %s%n", experiment.name(), plan.cells().size(),
          experiment.partial() ? " (" + experiment.part() + ")" : "", experiment.scale(), dir);
      DryRun.print(plan, registry, dir, calibrate, experiment.parallelism(), console);
      return 0;
    }
    String command = "metarl " + spec.root().commandLine().getParseResult().originalArgs().stream()
        .map(a -> a.matches("[A-Za-z0-9_./=,:+-]+") ? a : "'" + a.replace("'", "'\\''") + "'")
        .collect(Collectors.joining(" "));
    try (CellExecutor executor = Engines.create(experiment.execution(), "experiment.execution", registry.classLoader())) {
      ExperimentRunner.Outcome outcome = ExperimentRunner.run(experiment, registry, executor, dir, command, console, progressInterval);
      return outcome.complete() ? 0 : 1;
    }
  }
}
