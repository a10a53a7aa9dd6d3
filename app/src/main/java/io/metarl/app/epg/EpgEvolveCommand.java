package io.metarl.app.epg;

import io.metarl.app.Plugins;
import io.metarl.app.cli.UserError;
import io.metarl.extensions.epg.EpgRun;
import io.metarl.extensions.epg.Evolution;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code metarl epg evolve --config FILE}: evolves a loss; prints best/mean/median fitness and an ETA per
 * epoch; resumes from {@code <out>/checkpoint} when it exists; writes {@code loss.json},
 * {@code fitness.csv} and {@code fitness.png}.
 */
@Command(name = "evolve", mixinStandardHelpOptions = true,
    description = "Evolve a loss network with ES (resumes from <out>/checkpoint).")
public final class EpgEvolveCommand implements Callable<Integer> {
  @Option(names = "--config", required = true, paramLabel = "FILE", description = "The run's HOCON file.")
  Path file;

  @Option(names = "--seed", paramLabel = "S", description = "Override metarl.seed.")
  Long seed;

  @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: <output.dir>/<name>-<seed>).")
  Path out;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a key, e.g. --set metarl.epg.outer.epochs=5.")
  List<String> sets = new ArrayList<>();

  @Option(names = "--max-epochs", paramLabel = "N",
      description = "Stop after N epochs in this invocation (resume later); default: run to the end.")
  Integer maxEpochs;

  @Override
  public Integer call() throws IOException {
    List<String> overrides = new ArrayList<>(sets);
    if (seed != null) {
      overrides.add("metarl.seed=" + seed);
    }
    if (maxEpochs != null && maxEpochs < 1) {
      throw new UserError("--max-epochs must be >= 1, got " + maxEpochs);
    }
    EpgRun run = EpgRun.load(file, overrides, Plugins.registry());
    Path dir = out != null ? out : Path.of(run.outputDir()).resolve(run.name() + "-" + run.seed());
    PrintStream log = new PrintStream(System.out, true);
    long start = System.nanoTime();
    Evolution.Outcome o;
    try {
      o = Evolution.run(run, dir, log, maxEpochs == null ? Integer.MAX_VALUE : maxEpochs);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
    log.printf("done: %d epochs in %.1f s; loss written to %s%n", o.history().size() - o.resumedFrom(),
        (System.nanoTime() - start) / 1e9, dir.resolve("loss.json"));
    return 0;
  }
}
