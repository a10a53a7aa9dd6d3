package io.metarl.app.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.metarl.app.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * experiment --only runs part of a grid (the report says so, finished cells are shared with later
 * runs), and --dry-run gives budgets in units with an estimated time from a calibration run.
 */
class ExperimentPartTest {
  private static final Path SMOKE = Path.of("..", "examples", "experiment-smoke.conf");
  @TempDir Path dir;

  /** Runs the command line with System.out captured too (experiment prints its console there). */
  private static Cli.Result run(String... args) {
    java.io.PrintStream saved = System.out;
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      Cli.Result r = Cli.run(args);
      return new Cli.Result(r.code(), bytes.toString(java.nio.charset.StandardCharsets.UTF_8) + r.out(), r.err());
    } finally {
      System.setOut(saved);
    }
  }

  @Test
  void onlyRunsPartOfTheGridAndReusesFinishedCells() throws Exception {
    Path out = dir.resolve("smoke");
    Cli.Result part = run("experiment", SMOKE.toString(), "--only", "agent=a2c,env=10Brf", "--out", out.toString(),
        "--progress-interval", "0");
    assertThat(part.code()).as(part.err()).isZero();
    assertThat(out.resolve("10Brf/a2c/seed-1/summary.json")).exists();
    assertThat(out.resolve("10Brf/a2c/seed-2/summary.json")).exists();
    assertThat(out.resolve("10Brf/meta-a2c")).doesNotExist();
    assertThat(out.resolve("2Bemh-easy")).doesNotExist();
    String report = Files.readString(out.resolve("report.md"));
    assertThat(report).contains("**Run in part** (`--only`): only agent=a2c,env=10Brf: 2 of 8 cells of the file's grid");
    assertThat(new ObjectMapper().readTree(out.resolve("summary.json").toFile()).path("part").asText())
        .isEqualTo("only agent=a2c,env=10Brf: 2 of 8 cells of the file's grid");

    // A larger part reuses the two finished cells.
    Cli.Result more = run("experiment", SMOKE.toString(), "--only", "env=10Brf", "--out", out.toString(), "--progress-interval", "0");
    assertThat(more.code()).as(more.err()).isZero();
    assertThat(more.out()).contains("4 cells (1 environments x 2 agents x 2 seeds; only env=10Brf: 4 of 8 cells of the file's grid), "
        + "2 already finished").contains("4/4 cells finished (2 run now, 2 reused)");
    // Leaving one out works too, and the dry run marks what is finished.
    Cli.Result dry = run("experiment", SMOKE.toString(), "--only", "env!=2Bemh-easy", "--dry-run", "--calibrate", "0",
        "--out", out.toString());
    assertThat(dry.code()).as(dry.err()).isZero();
    assertThat(dry.out()).contains("4 cells (only env!=2Bemh-easy: 4 of 8 cells of the file's grid)")
        .contains("10Brf/a2c/seed-1").doesNotContain("2Bemh-easy/").contains("(finished: reused)");
  }

  @Test
  void onlyRefusesWhatTheGridDoesNotHave() {
    Cli.Result typo = run("experiment", SMOKE.toString(), "--only", "agent=a2cc", "--dry-run", "--calibrate", "0");
    assertThat(typo.code()).isEqualTo(2);
    assertThat(typo.err()).contains("--only agent=a2cc: no agent 'a2cc' in experiment smoke (did you mean a2c?); agents: a2c, meta-a2c");
    Cli.Result kind = run("experiment", SMOKE.toString(), "--only", "agnet=a2c", "--dry-run", "--calibrate", "0");
    assertThat(kind.code()).isEqualTo(2);
    assertThat(kind.err()).contains("unknown kind 'agnet', did you mean agent?");
    Cli.Result none = run("experiment", SMOKE.toString(), "--only", "env!=10Brf,env!=2Bemh-easy", "--dry-run", "--calibrate", "0");
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).contains("selects no cell of experiment smoke");
  }

  @Test
  void dryRunGivesBudgetsInUnitsAndAnEstimatedTime() {
    Cli.Result r = run("experiment", SMOKE.toString(), "--dry-run", "--calibrate", "0.3", "--only", "env=10Brf",
        "--out", dir.resolve("none").toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("calibrating: a 0.3 s training run of each agent x environment pair")
        .containsPattern("10Brf/a2c +[0-9,]+ env-steps/s, 1 update per [0-9]+ env-steps, mean episode 100 steps")
        .contains("training 1 trial x 32 episodes of <= 100 steps = 3,200 env-steps, ")
        .contains("inference 1 trial x 8 episodes of <= 100 steps; est. ")
        .containsPattern("estimated time: 4 cells to run \\(0 finished, reused\\), [0-9]+ s")
        .contains("This is an estimate: measured from the calibration runs above on this machine");
    Cli.Result none = run("experiment", SMOKE.toString(), "--dry-run", "--calibrate", "0", "--out", dir.resolve("none").toString());
    assertThat(none.code()).as(none.err()).isZero();
    assertThat(none.out()).contains("training 16 trials x 2 episodes of <= 100 steps = <= 3,200 env-steps; inference 8 trials x 2 episodes")
        .contains("no time estimate (--calibrate 0)").doesNotContain("calibrating");
  }
}
