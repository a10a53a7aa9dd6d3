package io.metarl.app.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metarl.app.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code metarl experiment} with the real plugins: the shipped smoke grid, resuming, and errors. */
class ExperimentCommandTest {
  private static final Path SMOKE = Path.of("../examples/experiment-smoke.conf");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void smokeGridRunsEndToEndThenResumesWithoutRerunning(@TempDir Path out) throws IOException {
    Cli.Result r = Cli.run("experiment", SMOKE.toString(), "--out", out.toString(), "--progress-interval", "0");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
    assertThat(summary.path("cells")).hasSize(8);
    assertThat(summary.path("cells_ran").asInt()).isEqualTo(8);
    assertThat(summary.path("command").asText()).isEqualTo("metarl experiment ../examples/experiment-smoke.conf --out "
        + out + " --progress-interval 0");
    assertThat(summary.path("aggregates")).hasSize(4);
    for (JsonNode a : summary.path("aggregates")) {
      assertThat(a.path("meta").asBoolean()).isEqualTo(a.path("agent").asText().startsWith("meta"));
      assertThat(a.path("single_instance").asBoolean()).isEqualTo(a.path("environment").asText().equals("10Brf"));
      // Bernoulli rewards over 100 pulls
      assertThat(a.path("inference").path("mean").asDouble()).isBetween(0.0, 100.0);
    }
    assertThat(out.resolve("report.md")).content().contains("# Experiment smoke", "2Bemh-easy", "10Brf", "meta-a2c");
    assertThat(out.resolve("figures/inference-reward.png")).isNotEmptyFile();
    assertThat(out.resolve("2Bemh-easy/meta-a2c/seed-2/summary.json")).isRegularFile();
    assertThat(out.resolve("experiment.conf")).content().contains("name = smoke");

    Path cell = out.resolve("10Brf/a2c/seed-1/summary.json");
    byte[] before = Files.readAllBytes(cell);
    Cli.Result again = Cli.run("experiment", SMOKE.toString(), "--out", out.toString(), "--progress-interval", "0");
    assertThat(again.code()).as(again.err()).isZero();
    JsonNode resumed = JSON.readTree(out.resolve("summary.json").toFile());
    assertThat(resumed.path("cells_ran").asInt()).isZero();
    assertThat(resumed.path("cells_reused").asInt()).isEqualTo(8);
    assertThat(resumed.path("aggregates")).isEqualTo(summary.path("aggregates"));
    assertThat(Files.readAllBytes(cell)).isEqualTo(before);
  }

  @Test
  void badCellsAreAllReportedAndNothingRuns(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("bad.conf");
    Files.writeString(f, """
        experiment {
          name = bad
          seeds = [1, 2]
          agents {
            a2c { agent { plugin = a2c, hiden = [8] } }
            rl2 { agent { plugin = rl2, base = a4c } }
          }
          environments {
            bandit { environment { plugin = bandit-dependent, difficulty = easy } }
            bad-bandit { environment { plugin = bandit-dependent, difficulty = impossible } }
          }
        }
        """);
    Path out = dir.resolve("out");
    Cli.Result r = Cli.run("experiment", f.toString(), "--out", out.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("metarl.agent.hiden", "bad.conf:5", "did you mean 'hidden'", "cells bandit/a2c (all seeds), bad-bandit/a2c (all seeds)")
        .contains("a4c", "bandit/rl2 (all seeds)")
        .contains("difficulty", "impossible", "bad.conf:10")
        .doesNotContain("\tat ");
    assertThat(out).doesNotExist();

    Cli.Result scale = Cli.run("experiment", f.toString(), "--scale", "0");
    assertThat(scale.code()).isEqualTo(2);
    assertThat(scale.err()).contains("--scale: expected a number > 0");
  }
}
