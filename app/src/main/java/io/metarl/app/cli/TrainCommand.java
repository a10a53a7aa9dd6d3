package io.metarl.app.cli;

import com.google.auto.service.AutoService;
import io.metarl.app.Plugins;
import io.metarl.core.train.RunDirectory;
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

  @Option(names = "--out", paramLabel = "DIR",
      description = "Output directory (default: <output.dir>/<name>-<seed>); it must not exist yet (or be empty).")
  Path out;

  @Option(names = "--overwrite",
      description = "Replace an earlier run in the output directory: only the files that run recorded writing are "
          + "deleted; a directory metarl did not create is never written into.")
  boolean overwrite;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a key, e.g. --set metarl.training.trials=5.")
  List<String> sets = new ArrayList<>();

  /** Lets {@code train} take over SIGTERM and SIGINT (called by the real command line's main only). */
  public static void enableStopSignals() {
    StopSignals.enable();
  }

  @Override
  public Integer call() throws IOException {
    if (resume != null) {
      if (file != null || seed != null || out != null || initFrom != null || !sets.isEmpty() || overwrite) {
        throw new UserError("--resume DIR takes the configuration from the run's checkpoint; drop --config, --seed, --out, "
            + "--init-from, --set and --overwrite");
      }
      if (!Files.isDirectory(resume)) {
        throw new UserError("--resume " + resume + ": no such run directory");
      }
      try (StopSignals signals = StopSignals.install()) {
        TrainingJob.resume(resume, Plugins.registry(), new PrintStream(System.out, true));
      } catch (java.nio.file.FileSystemException e) {
        throw e;
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
    // Validate first (cheap, allocates nothing big), then claim the directory, then build the run.
    com.typesafe.config.Config metarl = Run.validate(file, overrides, Plugins.registry());
    String runDir = metarl.getString("output.run-dir");
    Path dir = out != null ? out
        : !runDir.isBlank() ? Path.of(runDir)
        : Path.of(metarl.getString("output.dir")).resolve(metarl.getString("name") + "-" + metarl.getLong("seed"));
    PrintStream console = new PrintStream(System.out, true);
    try (RunDirectory owned = RunDirectory.create(dir, overwrite, console)) {
      Run run = Run.wire(metarl, Plugins.registry());
      try (StopSignals signals = StopSignals.install()) {
        TrainingJob.run(run, owned, console);
      } finally {
        run.agent().close();
      }
    }
    return 0;
  }
}
