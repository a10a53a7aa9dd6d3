package io.metarl.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in {@code examples/} is valid against the plugins it names, so a README command cannot break
 * silently when a setting is renamed: experiment grids pass {@code metarl experiment --dry-run} (every
 * cell resolved), run files pass {@code metarl config}.
 */
class ShippedExamplesTest {
  private static final Path EXAMPLES = Path.of("../examples");

  static List<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      List<Path> all = files.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
      assertThat(all).hasSizeGreaterThan(10);
      return all;
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void isValid(Path file) throws IOException {
    String text = Files.readString(file);
    Cli.Result r;
    if (text.lines().anyMatch(l -> l.startsWith("experiment {"))) {
      r = Cli.run("experiment", file.toString(), "--dry-run", "--calibrate", "0", "--out", "/nonexistent/dry-run");
    } else {
      r = Cli.run("config", "--config", file.toString());
    }
    if (file.getFileName().toString().equals("a2c-cartpole-epg-loss.conf")) {
      // Needs the loss that `metarl epg evolve` writes first (its header says so): that must be its only problem.
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err()).contains("1 configuration problem", "metarl.agent.policy-loss.file",
          "runs/epg-cartpole/loss.json");
      return;
    }
    assertThat(r.code()).as(file + ": " + r.err()).isZero();
  }
}
