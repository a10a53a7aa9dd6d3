package io.metarl.app.cli;

import com.google.auto.service.AutoService;
import io.metarl.app.Plugins;
import io.metarl.core.train.TrainingJob;
import io.metarl.core.wiring.Run;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code metarl train --config FILE}: trains, checkpoints, evaluates on held-out tasks and writes
 * the run directory (episodes.csv, updates.csv, checkpoint/, summary.json, learning-curve.png).
 */
@AutoService(CliCommand.class)
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train an agent from a run file, then evaluate it on held-out tasks.")
public final class TrainCommand implements CliCommand {
  @Option(names = "--config", paramLabel = "FILE", description = "The run's HOCON file.")
  Path file;

  @Option(names = "--resume", paramLabel = "DIR",
      description = "Continue the run in DIR (killed at any moment) from its newest checkpoint.")
  Path resume;

  @Option(names = "--init-from", paramLabel = "DIR",
      description = "Start from the weights and optimiser state of a checkpoint (or a run directory) written by "
          + "metarl train, e.g. an earlier curriculum stage; sets metarl.training.init-from.")
  Path initFrom;

  @Option(names = "--seed", paramLabel = "S", description = "Override metarl.seed.")
  Long seed;

  @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: <output.dir>/<name>-<seed>).")
  Path out;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a key, e.g. --set metarl.training.trials=5.")
  List<String> sets = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    if (resume != null) {
      if (file != null || seed != null || out != null || initFrom != null || !sets.isEmpty()) {
        throw new UserError("--resume DIR takes the configuration from the run's checkpoint; drop --config, --seed, --out, --init-from and --set");
      }
      if (!Files.isDirectory(resume)) {
        throw new UserError("--resume " + resume + ": no such run directory");
      }
      try {
        TrainingJob.resume(resume, Plugins.registry(), new PrintStream(System.out, true));
      } catch (IOException e) {
        throw new UserError("cannot resume " + resume + ": " + e.getMessage(), e);
      }
      return 0;
    }
    if (file == null) {
      throw new UserError("--config FILE is required (or --resume DIR)");
    }
    List<String> overrides = new ArrayList<>(sets);
    if (seed != null) {
      overrides.add("metarl.seed=" + seed);
    }
    if (out != null) {
      overrides.add("metarl.output.run-dir=" + com.typesafe.config.ConfigUtil.quoteString(out.toString()));
    }
    if (initFrom != null) {
      overrides.add("metarl.training.init-from=" + com.typesafe.config.ConfigUtil.quoteString(initFrom.toString()));
    }
    Run run = Run.load(file, overrides, Plugins.registry());
    String runDir = run.config().getString("output.run-dir");
    Path dir = out != null ? out
        : !runDir.isBlank() ? Path.of(runDir)
        : Path.of(run.settings().outputDir()).resolve(run.settings().name() + "-" + run.settings().seed());
    try {
      TrainingJob.run(run, dir, new PrintStream(System.out, true));
    } catch (io.metarl.core.train.WarmStartException e) {
      throw new UserError(e.getMessage(), e);
    } finally {
      run.agent().close();
    }
    return 0;
  }
}
