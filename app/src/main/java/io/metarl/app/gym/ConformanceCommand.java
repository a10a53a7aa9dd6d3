package io.metarl.app.gym;

import com.google.auto.service.AutoService;
import io.metarl.app.cli.CliCommand;
import io.metarl.app.cli.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code metarl conformance DIR}: replays every Gymnasium golden file ({@code *.json}) in {@code DIR}
 * with our ports and prints the deviations per environment (see {@link Conformance}). Exit code 0 when
 * everything is within tolerance, 1 on any mismatch, 2 when a file cannot be read or is malformed.
 */
@AutoService(CliCommand.class)
@Command(
    name = "conformance",
    mixinStandardHelpOptions = true,
    description = {
      "Replay Gymnasium golden trajectories (*.json in DIR) with the Java ports and compare state,",
      "observation (float32), reward and terminated/truncated; fails beyond 1e-6."
    })
public final class ConformanceCommand implements CliCommand {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "Directory of golden *.json files.")
  Path dir;

  @Override
  public Integer call() {
    if (!Files.isDirectory(dir)) {
      throw new UserError(dir + ": not a directory (expected a directory of golden *.json files)");
    }
    Conformance.Report report;
    try {
      report = new Conformance().checkDirectory(dir);
    } catch (Conformance.MalformedGoldenFile e) {
      throw new UserError("malformed golden file " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UserError(dir + ": cannot list directory: " + e.getMessage(), e);
    }
    var out = spec.commandLine().getOut();
    out.print(report.format());
    out.flush();
    return report.passed() ? 0 : 1;
  }
}
