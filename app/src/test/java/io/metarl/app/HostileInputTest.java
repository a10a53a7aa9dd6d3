package io.metarl.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

  /** One case of issue 21: a run file (or --set) that must end with exit 2 and a message naming the problem. */
  private record Case(String label, String text, List<String> sets, String expected) {}

  private static String repeat(String s, int n) {
    return s.repeat(n);
  }

  private static List<Case> hostileCases() {
    StringBuilder unknown400k = new StringBuilder("metarl {\n");
    for (int i = 0; i < 400_000; i++) {
      unknown400k.append('k').append(i).append(" = 1\n");
    }
    String cartpole = "environment { plugin = cartpole }\n";
    return List.of(
        new Case("10,000 nested objects", "metarl { a = " + repeat("{ a = ", 10_000) + "1" + repeat("}", 10_000) + " }",
            List.of(), "nested more than 64 levels deep; the limit is 64"),
        new Case("200,000 nested arrays", "metarl { a = " + repeat("[", 200_000) + repeat("]", 200_000) + " }",
            List.of(), "nested more than 64 levels deep; the limit is 64"),
        new Case("a 100,000-dot key", "metarl { " + String.join(".", java.util.Collections.nCopies(100_001, "a")) + " = 1 }",
            List.of(), "more than 32 dotted parts; the limit is 32"),
        new Case("400,000 unknown keys", unknown400k + "}", List.of(), "the limit is 1 MiB"),
        new Case("metarl = []", "metarl = []", List.of(), "metarl: [] is not a block"),
        new Case("metarl = 5", "metarl = 5", List.of(), "metarl: 5 is not a block"),
        new Case("metarl = null", "metarl = null", List.of(), "metarl: null is not a block"),
        new Case("an unset environment variable", "metarl { " + cartpole + " name = ${METARL_SURELY_UNSET_VARIABLE_21} }",
            List.of(), "Could not resolve substitution to a value: ${METARL_SURELY_UNSET_VARIABLE_21}"),
        new Case("a substitution cycle", "metarl { " + cartpole + " name = ${metarl.x}, x = ${metarl.name} }", List.of(),
            "cycle"),
        new Case("seed = 1e30", "metarl { " + cartpole + " seed = 1e30 }", List.of(),
            "metarl.seed: 1.0E30 is not a valid seed: expected a whole number"),
        new Case("lanes = 1e8", "metarl { " + cartpole + " training { lanes = 1e8 } }", List.of(),
            "training.lanes = 100,000,000"),
        new Case("rollout-length = 1e9", "metarl { " + cartpole + " training { rollout-length = 1e9 } }", List.of(),
            "rollout-length = 1,000,000,000"),
        new Case("memory.units = 1e5", "metarl { " + cartpole + " agent { plugin = rl2, base = a2c, memory { units = 1e5 } } }",
            List.of(), "memory.units = 100,000"),
        new Case("name = ../../x", "metarl { " + cartpole + " name = \"../../x\" }", List.of(), "is not a valid run name"),
        new Case("an absolute name", "metarl { " + cartpole + " name = \"/tmp/x\" }", List.of(), "is not a valid run name"),
        new Case("a deep --set", "metarl { " + cartpole + " }", List.of("metarl.a=" + repeat("[", 5000) + repeat("]", 5000)),
            "the limit is 64"));
  }

  /**
   * Every hostile input of issue 21 ends with exit 2, one report naming the problem (and the limit or
   * estimate where there is one), no stack trace, in bounded time.
   */
  @Test
  void everyHostileConfigurationOfIssue21EndsWithExitTwoAndOneClearReport() throws Exception {
    Path f = dir.resolve("hostile.conf");
    for (Case c : hostileCases()) {
      Files.writeString(f, c.text(), StandardCharsets.UTF_8);
      List<String> args = new java.util.ArrayList<>(List.of("config", "--config", f.toString()));
      c.sets().forEach(s -> {
        args.add("--set");
        args.add(s);
      });
      long t0 = System.nanoTime();
      Cli.Result r = Cli.run(args.toArray(String[]::new));
      double seconds = (System.nanoTime() - t0) / 1e9;
      assertThat(r.code()).as("%s: exit code; stderr: %s", c.label(), r.err()).isEqualTo(2);
      assertThat(r.err()).as(c.label()).startsWith("error: ").contains(c.expected())
          .doesNotContain("\tat ").doesNotContain("internal error").doesNotContain("Exception");
      assertThat(r.err().length()).as("%s: report length", c.label()).isLessThan(20_000);
      assertThat(seconds).as("%s: seconds", c.label()).isLessThan(10);
    }
  }

  /** 10,000 unknown keys: a report in linear time, capped at the first 20 problems (by line) plus a count. */
  @Test
  void tenThousandUnknownKeysGiveAShortReportQuickly() throws Exception {
    StringBuilder text = new StringBuilder("metarl {\n environment { plugin = cartpole }\n");
    for (int i = 0; i < 10_000; i++) {
      text.append("key").append(i).append(" = 1\n");
    }
    Path f = dir.resolve("unknown.conf");
    Files.writeString(f, text.append("}"));
    long t0 = System.nanoTime();
    Cli.Result r = Cli.run("config", "--config", f.toString());
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: 10000 configuration problems:\n  " + f + ":3: metarl.key0: unknown key")
        .contains(f + ":22: metarl.key19: unknown key").doesNotContain("metarl.key20:")
        .contains("... and 9980 more (fix these first)");
    assertThat(r.err().length()).isLessThan(10_000);
    assertThat(seconds).isLessThan(5);
  }

  /** A file where a directory is expected, and a full disk: named with the cause, exit 2. */
  @Test
  void ioErrorsAreNamedWithTheirCauseAndExitTwo() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "user data");
    Path conf = Files.writeString(dir.resolve("ok.conf"), """
        metarl { environment { plugin = bandit-dependent }, agent { plugin = a2c, hidden = [4] }
          training { trials = 2, episodes-per-trial = 1, lanes = 2, progress-interval = 0 }
          inference { trials = 1, episodes-per-trial = 1 } }
        """);
    Cli.Result r = Cli.run("train", "--config", conf.toString(), "--out", file.resolve("run").toString());
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: ").contains("I/O error").contains(file.toString()).doesNotContain("\tat ");
    assertThat(Files.readString(file)).isEqualTo("user data");
    Path full = Path.of("/dev/full");
    if (Files.exists(full)) {
      Cli.Result disk = Cli.run("evaluate", "--env", "bandit-dependent", "--episodes", "2", "--out", full.toString());
      assertThat(disk.code()).as(disk.err()).isEqualTo(2);
      assertThat(disk.err()).contains("No space left on device").doesNotContain("internal error");
    }
  }
}
