package io.metarl.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Randomised hostile input: mutated run files, corrupted checkpoints and mangled golden files end with
 * a clear error and exit code 2 (or 0 when the mutation happens to be valid), never an internal error,
 * a stack trace or a hang.
 */
class HostileInputTest {
  @TempDir Path dir;

  private static final String VALID = """
      metarl {
        seed = 3
        environment { plugin = bandit-dependent, difficulty = hard, horizon = 20 }
        agent { plugin = rl2, base = a2c, memory { units = 8 }, entropy-coefficient = 0.05 }
        returns { plugin = gae, gamma = 0.9, lambda = 1.0 }
        agent.optimizer { type = adam, learning-rate = 1e-3, max-grad-norm = 1.0 }
        training { trials = 10, episodes-per-trial = 1, lanes = 4, rollout-length = 10 }
        inference { trials = 4, episodes-per-trial = 1, baselines = [gittins] }
      }
      """;
  private static final String[] TOKENS = {"{", "}", "[", "]", "=", ":", ",", "\"", "-1", "1e400", "NaN", "null",
      "true", "x", "${nope}", "include \"missing.conf\"", "\n", "0", "99999999999999999999", "agent", "plugin",
      "gamma", "1.5", "-", ".", "#", "//", "\\", "\u0000", "é"};

  private static void assertClean(Cli.Result r) {
    assertThat(r.code()).as("exit code; stderr: %s", r.err()).isIn(0, 2);
    assertThat(r.err()).doesNotContain("\tat ").doesNotContain("internal error");
  }

  @Test
  void mutatedRunFilesFailCleanly() throws Exception {
    SplittableRandom rng = new SplittableRandom(2026);
    Path f = dir.resolve("fuzz.conf");
    int rejected = 0;
    for (int i = 0; i < 2000; i++) {
      StringBuilder text = new StringBuilder(VALID);
      int edits = 1 + rng.nextInt(4);
      for (int e = 0; e < edits; e++) {
        int at = rng.nextInt(text.length() + 1);
        switch (rng.nextInt(3)) {
          case 0 -> text.insert(at, TOKENS[rng.nextInt(TOKENS.length)]);
          case 1 -> text.delete(at, Math.min(text.length(), at + 1 + rng.nextInt(8)));
          default -> text.replace(at, Math.min(text.length(), at + 1 + rng.nextInt(4)), TOKENS[rng.nextInt(TOKENS.length)]);
        }
      }
      Files.writeString(f, text, StandardCharsets.UTF_8);
      Cli.Result r = Cli.run("config", "--config", f.toString());
      assertClean(r);
      if (r.code() == 2) {
        rejected++;
        assertThat(r.err()).startsWith("error: ");
      }
    }
    assertThat(rejected).as("most mutations are invalid").isGreaterThan(1000);
  }

  @Test
  void corruptedCheckpointsAreRefusedWithTheFileNamed() throws Exception {
    Path conf = dir.resolve("run.conf");
    Files.writeString(conf, VALID.replace("inference { trials = 4, episodes-per-trial = 1, baselines = [gittins] }",
        "inference { trials = 4, episodes-per-trial = 1 }\n training { progress-interval = 0 }"));
    Path run = dir.resolve("run");
    assertThat(Cli.run("train", "--config", conf.toString(), "--out", run.toString()).code()).isZero();
    Path ckpt = run.resolve("checkpoint");
    SplittableRandom rng = new SplittableRandom(7);
    String[] files = {"parameters.bin", "optimizer.bin", "network.txt", "manifest.json"};
    for (int i = 0; i < 150; i++) {
      Path copy = dir.resolve("ckpt-" + i);
      Files.createDirectories(copy);
      for (String name : files) {
        Files.copy(ckpt.resolve(name), copy.resolve(name));
      }
      Path victim = copy.resolve(files[rng.nextInt(files.length)]);
      byte[] bytes = Files.readAllBytes(victim);
      if (rng.nextBoolean() && bytes.length > 1) {
        bytes = java.util.Arrays.copyOf(bytes, rng.nextInt(bytes.length)); // truncated
      } else {
        bytes[rng.nextInt(bytes.length)] ^= (byte) (1 + rng.nextInt(255)); // bit rot
      }
      Files.write(victim, bytes);
      Cli.Result r = Cli.run("evaluate", "--checkpoint", copy.toString());
      assertClean(r);
      if (victim.endsWith("manifest.json") && r.code() == 0) {
        // Only a change that leaves the JSON content identical (e.g. in whitespace) may pass.
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(json.readTree(victim.toFile())).isEqualTo(json.readTree(ckpt.resolve("manifest.json").toFile()));
        continue;
      }
      assertThat(r.code()).as(r.err()).isEqualTo(2);
      assertThat(r.err()).contains(copy.getFileName().toString());
    }
  }

  @Test
  void mangledGoldenFilesAreReportedByName() throws Exception {
    Path golden = dir.resolve("golden");
    Files.createDirectories(golden);
    SplittableRandom rng = new SplittableRandom(11);
    String good = "{\"env_id\": \"CartPole-v1\", \"episodes\": [{\"initial_state\": [0,0,0,0], \"steps\": []}]}";
    for (int i = 0; i < 150; i++) {
      StringBuilder text = new StringBuilder(good);
      int at = rng.nextInt(text.length());
      text.replace(at, Math.min(text.length(), at + 1 + rng.nextInt(6)), TOKENS[rng.nextInt(TOKENS.length)]);
      Path f = golden.resolve("CartPole-v1.json");
      Files.writeString(f, text);
      Cli.Result r = Cli.run("conformance", golden.toString());
      assertThat(r.code()).as(r.err() + r.out()).isIn(0, 1, 2);
      assertThat(r.err()).doesNotContain("\tat ").doesNotContain("internal error");
    }
  }
}
