package io.metarl.app.epg;

import io.metarl.app.Plugins;
import io.metarl.app.cli.UserError;
import io.metarl.extensions.epg.EpgRun;
import io.metarl.extensions.epg.EvolvedLoss;
import io.metarl.extensions.epg.HeldOutTest;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code metarl epg test --loss FILE --config FILE}: trains fresh policies with the evolved loss on the
 * held-out tasks of the run file ({@code metarl.epg.test}) and with the reference A2C loss at the same
 * step budget; prints final return and area under the curve (median and 2.5-97.5 % interval over the
 * seeds) and the inner loop's env-steps/s; writes {@code test.json} and {@code test-curves.png}.
 */
@Command(name = "test", mixinStandardHelpOptions = true,
    description = "Train fresh policies with an evolved loss on held-out tasks and compare with the reference A2C loss.")
public final class EpgTestCommand implements Callable<Integer> {
  @Option(names = "--loss", required = true, paramLabel = "FILE", description = "An evolved loss (loss.json).")
  Path loss;

  @Option(names = "--config", required = true, paramLabel = "FILE", description = "The run's HOCON file.")
  Path file;

  @Option(names = "--seed", paramLabel = "S", description = "Override metarl.seed.")
  Long seed;

  @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: the loss file's directory).")
  Path out;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Override a key, e.g. --set metarl.epg.test.environment.goal-half-plane=right.")
  List<String> sets = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    if (!Files.isRegularFile(loss)) {
      throw new UserError("--loss: file not found: " + loss);
    }
    EvolvedLoss evolved;
    try {
      evolved = EvolvedLoss.load(loss);
    } catch (IllegalArgumentException e) {
      throw new UserError("--loss " + loss + ": " + e.getMessage(), e);
    }
    List<String> overrides = new ArrayList<>(sets);
    if (seed != null) {
      overrides.add("metarl.seed=" + seed);
    }
    EpgRun run = EpgRun.load(file, overrides, Plugins.registry());
    Path dir = out != null ? out : loss.toAbsolutePath().getParent();
    try {
      HeldOutTest.run(run, evolved, dir, new PrintStream(System.out, true));
    } catch (IllegalArgumentException e) {
      throw new UserError("--loss " + loss + " does not fit --config " + file + ": " + e.getMessage(), e);
    }
    return 0;
  }
}
