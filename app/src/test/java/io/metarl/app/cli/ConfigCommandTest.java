package io.metarl.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.metarl.app.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * config prints what applies to the run (the chosen plugins' settings with their defaults, not every
 * installed plugin's), --origins in a few words per key, and --set without the metarl. prefix is
 * answered with the key it was meant to be.
 */
class ConfigCommandTest {
  private static final Path EXAMPLE = Path.of("..", "examples", "a2c-cartpole.conf");
  @TempDir Path dir;

  @Test
  void printsTheChosenPluginsSettingsAndNothingElse() throws Exception {
    Cli.Result r = Cli.run("config", "--config", EXAMPLE.toString());
    assertThat(r.code()).as(r.err()).isZero();
    // The agent plugin's own defaults are there, the file's settings over them.
    assertThat(r.out()).contains("value-coefficient = 0.5", "normalize-advantages = false", "learning-rate = 7.0E-4",
        "rms-decay = 0.99", "plugin = \"a2c-pg\"", "sutton-barto-reward = false", "version = \"v0\"", "gamma = 0.99");
    // Unrelated plugins' blocks are not.
    assertThat(r.out()).doesNotContain("epg", "conv1-channels", "quadruped", "plugins {", "gittins", "lambda-return",
        "metagradient", "bandit");
    assertThat(r.out()).contains("# valid: environment cartpole, agent a2c, returns monte-carlo");

    // What it prints is a run file that resolves to itself.
    Path printed = dir.resolve("printed.conf");
    Files.writeString(printed, r.out());
    Cli.Result again = Cli.run("config", "--config", printed.toString());
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.out()).isEqualTo(r.out());
  }

  @Test
  void originsAreShort() {
    Cli.Result r = Cli.run("config", "--config", EXAMPLE.toString(), "--origins", "--set", "metarl.training.lanes=8");
    assertThat(r.code()).as(r.err()).isZero();
    String[] lines = r.out().split("\n");
    // one line per setting that applies (the a2c agent has its init, normalize and gsde blocks), not 205
    assertThat(lines.length).isLessThan(110);
    assertThat(r.out()).doesNotContain("jar:file:").doesNotContain("file:/").doesNotContain("merge of");
    assertThat(r.out()).contains("learning-rate = 7.0E-4   # " + EXAMPLE + ":11")
        .contains("lanes = 8   # --set metarl.training.lanes=8");
    assertThat(r.out()).containsPattern("value-coefficient = 0\\.5   # (metarl-)?agents-a2c reference\\.conf:\\d+\n");
    assertThat(r.out()).containsPattern("checkpoint-every = 200   # (metarl-)?core reference\\.conf:\\d+\n");
    assertThat(Arrays.stream(lines).filter(l -> l.contains(" = ")).allMatch(l -> l.contains("   # "))).isTrue();
    assertThat(Arrays.stream(lines).filter(l -> l.contains(" = ")).mapToInt(String::length).max().orElse(0)).isLessThan(100);
  }

  @Test
  void setWithoutThePrefixSuggestsTheFullKey() {
    Cli.Result r = Cli.run("config", "--config", EXAMPLE.toString(), "--set", "training.lanes=4", "--set", "environment.version=v1");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("command line --set training.lanes=4: training.lanes: unknown top-level key: --set takes the "
        + "full path from the top of the run file; did you mean --set metarl.training.lanes=4?");
    assertThat(r.err()).contains("did you mean --set metarl.environment.version=v1?");
    // A key that is nothing under metarl either keeps the plain message.
    Cli.Result other = Cli.run("config", "--config", EXAMPLE.toString(), "--set", "nothing.lanes=4");
    assertThat(other.code()).isEqualTo(2);
    assertThat(other.err()).contains("nothing: unknown top-level key").doesNotContain("did you mean --set");
  }
}
