package io.metarl.app.bench;

import com.google.auto.service.AutoService;
import io.metarl.app.cli.CliCommand;
import io.metarl.app.cli.UserError;
import io.metarl.benchmarks.Bench;
import io.metarl.benchmarks.Figure;
import io.metarl.benchmarks.ThroughputSuite;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code metarl bench}: the throughput suite of the benchmarks module ({@link ThroughputSuite}):
 * environment steps/s, batched policy inference, learner updates and end-to-end training, each beside
 * a baseline measured in the same run (direct stepping vs core's Lanes; Deeplearning4j twins of our
 * networks; the same training loop with one lane; the PyTorch reference scripts of {@code benchmarks/pytorch}
 * when a python3 with torch is found, else one line says so). Prints a table and optionally writes the figures
 * as JSON, a list of {@code {name, value, unit, baseline_name, baseline_value, ratio}}.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measure throughput (env steps, policy inference, learner updates, training) beside baselines,"
        + " and beside the PyTorch reference (benchmarks/pytorch) when python3 imports torch.")
@AutoService(CliCommand.class)
public final class BenchCommand implements CliCommand {

  @Spec CommandSpec spec;

  @Option(names = "--quick", description = "shorter repetitions (about a minute on an idle 2-core machine)")
  boolean quick;

  @Option(names = "--out", paramLabel = "FILE.json", description = "also write the figures as JSON")
  Path out;

  @Option(names = "--filter", paramLabel = "REGEX",
      description = "only the figures whose name matches, e.g. 'env\\.|train\\.' (names: env.*, policy.*, learner.*, train.*, epg.*, pytorch.*)")
  String filter;

  @Option(names = "--cpu-clock",
      description = "time with the measuring thread's CPU time instead of wall time (steadier on a shared machine)")
  boolean cpuClock;

  @Option(names = "--no-profile", description = "skip the sampling profile of the end-to-end loops")
  boolean noProfile;

  @Override
  public Integer call() throws IOException {
    Pattern pattern = null;
    if (filter != null) {
      try {
        pattern = Pattern.compile(filter);
      } catch (PatternSyntaxException e) {
        throw new UserError("--filter '" + filter + "': not a regular expression (" + e.getDescription() + ")", e);
      }
    }
    if (out != null && out.toFile().isDirectory()) {
      throw new UserError("--out " + out + ": is a directory; expected a file name such as bench.json");
    }
    PrintWriter w = spec.commandLine().getOut();
    Bench.Settings settings = (quick ? Bench.Settings.quick() : Bench.Settings.full()).withCpuClock(cpuClock);
    w.println(ThroughputSuite.machine());
    w.println(ThroughputSuite.describe(settings));
    w.flush();
    ThroughputSuite suite = new ThroughputSuite(settings, pattern, w, noProfile ? 0 : (quick ? 1.5 : 4.0));
    List<Figure> figures = suite.run();
    if (figures.isEmpty()) {
      throw new UserError("--filter '" + filter + "' matches no figure; names start with env., policy., learner., train., epg., pytorch."
          + " (pytorch.* need a python3 that imports torch)");
    }
    w.println();
    w.print(ThroughputSuite.table(figures));
    if (out != null) {
      try {
        ThroughputSuite.writeJson(figures, out);
      } catch (IOException e) {
        throw new UserError("--out " + out + ": cannot write (" + e.getMessage() + ")", e);
      }
      w.println("wrote " + out);
    }
    w.flush();
    return 0;
  }
}
