package io.metarl.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.metarl.core.checkpoint.Checkpoints;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21, "a user's files are never lost": run directories are owned and locked, only what a run
 * recorded is deleted, the checkpoint manifest cannot be bypassed, and SIGTERM ends training with a
 * checkpoint and the command to resume.
 */
class SafeRunDirectoriesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private Path config(long envSteps) throws Exception {
    Path conf = dir.resolve("run-" + envSteps + ".conf");
    Files.writeString(conf, """
        metarl {
          seed = 3
          environment { plugin = cartpole, version = v0 }
          agent { plugin = a2c, hidden = [8] }
          training { trials = 1, episodes-per-trial = 1000000, env-steps = %d, lanes = 2, rollout-length = 5,
                     progress-interval = 0, checkpoint-every = 20, checkpoints-kept = 2 }
          inference { trials = 2, episodes-per-trial = 1 }
        }
        """.formatted(envSteps));
    return conf;
  }

  /** Every regular file under {@code root} with its SHA-256. */
  private static Map<String, String> snapshot(Path root) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
        out.put(root.relativize(p).toString(), Checkpoints.sha256(p));
      }
    }
    return out;
  }

  private static Path plant(Path file, String text) throws Exception {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  @Test
  void noCommandDeletesOrChangesAUsersFiles() throws Exception {
    Path conf = config(600);
    // A directory of the user's, with names a run would use.
    Path user = dir.resolve("mine");
    plant(user.resolve("notes.txt"), "my notes");
    plant(user.resolve("episodes.csv"), "my own csv");
    plant(user.resolve("summary.json"), "{\"mine\": true}");
    plant(user.resolve("checkpoint/user.txt"), "keep me");
    plant(user.resolve("checkpoints/update-a.txt"), "keep me too");
    Map<String, String> before = snapshot(user);

    assertRefused(Cli.run("train", "--config", conf.toString(), "--out", user.toString()), "was not created by metarl");
    assertRefused(Cli.run("train", "--config", conf.toString(), "--out", user.toString(), "--overwrite"),
        "was not created by metarl");
    assertRefused(Cli.run("train", "--resume", user.toString()), "not a run directory written by metarl train");
    // output.dir + name + seed aiming at the user's directory: the same refusal.
    Files.move(user, dir.resolve("mine-3"));
    user = dir.resolve("mine-3");
    assertRefused(Cli.run("train", "--config", conf.toString(), "--set", "metarl.output.dir=\"" + dir + "\"",
        "--set", "metarl.name=mine"), "was not created by metarl");
    assertRefused(Cli.run("evaluate", "--checkpoint", user.resolve("checkpoint").toString()), "manifest.json is missing");
    assertThat(snapshot(user)).isEqualTo(before);

    // A real run, then the user's files inside it: resuming the finished run, overwriting it and pruning
    // its checkpoints never touch them.
    Path run = dir.resolve("run");
    Cli.Result first = Cli.run("train", "--config", conf.toString(), "--out", run.toString());
    assertThat(first.code()).as(first.err()).isZero();
    plant(run.resolve("notes.txt"), "my notes");
    plant(run.resolve("checkpoints/update-a.txt"), "not a checkpoint");
    plant(run.resolve("checkpoints/update-b/readme.txt"), "nor this");
    Map<String, String> ran = snapshot(run);
    Cli.Result resumed = Cli.run("train", "--resume", run.toString());
    assertThat(resumed.code()).as(resumed.err()).isZero();
    assertThat(snapshot(run)).isEqualTo(ran);
    assertRefused(Cli.run("train", "--config", conf.toString(), "--out", run.toString()), "holds an earlier run");
    Cli.Result again = Cli.run("train", "--config", conf.toString(), "--out", run.toString(), "--overwrite");
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(Files.readString(run.resolve("notes.txt"))).isEqualTo("my notes");
    assertThat(Files.readString(run.resolve("checkpoints/update-a.txt"))).isEqualTo("not a checkpoint");
    assertThat(Files.readString(run.resolve("checkpoints/update-b/readme.txt"))).isEqualTo("nor this");
    try (Stream<Path> s = Files.list(run.resolve("checkpoints"))) {
      assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.matches("update-\\d{12}")).count())
          .as("the run's own checkpoints, pruned by name to checkpoints-kept").isEqualTo(2);
    }
    // A user's file inside a checkpoint the run would replace: the overwrite is refused before anything changes.
    plant(run.resolve("checkpoint/user.txt"), "keep me");
    Map<String, String> withUserFile = snapshot(run);
    assertRefused(Cli.run("train", "--config", conf.toString(), "--out", run.toString(), "--overwrite"),
        "checkpoint/user.txt");
    assertThat(snapshot(run)).isEqualTo(withUserFile);
  }

  private static void assertRefused(Cli.Result r, String message) {
    assertThat(r.code()).as("exit code; stderr: %s", r.err()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: ").contains(message).doesNotContain("\tat ");
  }

  @Test
  void aManifestWhoseFileListWasEditedIsRefusedByEveryLoader() throws Exception {
    Path conf = config(600);
    Path run = dir.resolve("run");
    assertThat(Cli.run("train", "--config", conf.toString(), "--out", run.toString()).code()).isZero();
    Path ckpt = run.resolve("checkpoint");
    Path manifest = ckpt.resolve(Checkpoints.MANIFEST);
    ObjectNode m = (ObjectNode) JSON.readTree(manifest.toFile());
    ((ObjectNode) m.get("files")).remove("parameters.bin");
    Files.write(manifest, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(m));
    byte[] params = Files.readAllBytes(ckpt.resolve("parameters.bin"));
    params[params.length / 2] ^= 0x5a;
    Files.write(ckpt.resolve("parameters.bin"), params);

    assertRefused(Cli.run("evaluate", "--checkpoint", ckpt.toString()), "does not match manifest_sha256");
    // Recomputing the manifest's own checksum does not help: an unlisted file is refused.
    m.remove("manifest_sha256");
    m.put("manifest_sha256", Checkpoints.sha256(JSON.writeValueAsBytes(m)));
    Files.write(manifest, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(m));
    assertRefused(Cli.run("evaluate", "--checkpoint", ckpt.toString()), "parameters.bin is not listed");
    assertRefused(Cli.run("train", "--config", conf.toString(), "--out", dir.resolve("warm").toString(),
        "--init-from", ckpt.toString()), "parameters.bin is not listed");
    assertThat(dir.resolve("warm/checkpoint")).doesNotExist();

    // --resume reads only recorded, verified checkpoints: with every one corrupted it refuses.
    Path ledger = run.resolve(".metarl-run");
    Files.writeString(ledger, Files.readString(ledger).replace("finished\n", ""));
    try (Stream<Path> s = Files.list(run.resolve("checkpoints"))) {
      for (Path c : (Iterable<Path>) s::iterator) {
        byte[] b = Files.readAllBytes(c.resolve("parameters.bin"));
        b[0] ^= 1;
        Files.write(c.resolve("parameters.bin"), b);
      }
    }
    Cli.Result resumed = Cli.run("train", "--resume", run.toString());
    assertRefused(resumed, "no valid checkpoint");
  }

  @Test
  void aSecondWriterIsRefusedAndSigtermStopsWithACheckpointThatResumes() throws Exception {
    Path conf = config(50_000_000);
    Path run = dir.resolve("run");
    Path firstLog = dir.resolve("first.log");
    Process first = start(firstLog, "train", "--config", conf.toString(), "--out", run.toString());
    Path ledger = run.resolve(".metarl-run");
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!(Files.exists(ledger) && Files.readString(ledger).contains("checkpoint checkpoints/"))) {
      assertThat(first.isAlive()).as("first training still running").isTrue();
      assertThat(System.nanoTime()).as("a checkpoint within 60 s").isLessThan(deadline);
      Thread.sleep(50);
    }
    String config = Files.readString(run.resolve("config.conf"));
    String header = Files.readAllLines(ledger).get(0);
    String lock = Files.readString(run.resolve(".metarl-lock"));

    for (List<String> second : List.of(List.of("train", "--config", conf.toString(), "--out", run.toString()),
        List.of("train", "--config", conf.toString(), "--out", run.toString(), "--overwrite"),
        List.of("train", "--resume", run.toString()))) {
      Process p = start(second.toArray(String[]::new));
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(out).isEqualTo(2);
      assertThat(out).contains("is in use by another metarl process (pid " + first.pid()).doesNotContain("\tat ");
    }
    assertThat(first.isAlive()).isTrue();
    assertThat(Files.readString(run.resolve("config.conf"))).isEqualTo(config);
    assertThat(Files.readAllLines(ledger).get(0)).isEqualTo(header);
    assertThat(Files.readString(run.resolve(".metarl-lock"))).isEqualTo(lock);

    first.destroy(); // SIGTERM
    assertThat(first.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String out = Files.readString(firstLog);
    assertThat(first.exitValue()).as(out).isEqualTo(143);
    assertThat(out).contains("SIGTERM: stopped after update").contains("continue with: metarl train --resume " + run);
    List<String> rows = Files.readAllLines(run.resolve("episodes.csv"));
    int columns = rows.get(0).split(",", -1).length;
    assertThat(rows).allSatisfy(row -> assertThat(row.split(",", -1)).hasSize(columns));

    // A crash's leftover temporary directory is removed on resume; a user's look-alike is not.
    Path leftover = plant(run.resolve("checkpoints/update-000000000001.tmp-123456/parameters.bin"), "x").getParent();
    Path lookalike = plant(run.resolve("checkpoints/update-1.tmp-mine/notes.txt"), "mine").getParent();
    Files.writeString(run.resolve("unused"), ""); // not recorded: never touched
    Path againLog = dir.resolve("again.log");
    Process again = start(againLog, "train", "--resume", run.toString());
    while (again.isAlive() && Files.exists(leftover)) {
      Thread.sleep(20);
    }
    assertThat(leftover).doesNotExist();
    assertThat(lookalike.resolve("notes.txt")).hasContent("mine");
    Thread.sleep(500);
    again.destroy();
    assertThat(again.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String resumed = Files.readString(againLog);
    assertThat(resumed).contains("resuming from");
    assertThat(again.exitValue()).as(resumed).isEqualTo(143);
    assertThat(run.resolve("unused")).exists();
  }

  @Test
  void aResumedRunCountsTheWholeRunsTrainingTime() throws Exception {
    Path conf = config(2000);
    Path run = dir.resolve("run");
    assertThat(Cli.run("train", "--config", conf.toString(), "--out", run.toString()).code()).isZero();
    // Pretend it was killed after its last periodic checkpoint: the ledger no longer says finished.
    Path ledger = run.resolve(".metarl-run");
    Files.writeString(ledger, Files.readString(ledger).replace("finished\n", ""));
    Path newest;
    try (Stream<Path> s = Files.list(run.resolve("checkpoints"))) {
      newest = s.filter(p -> p.getFileName().toString().matches("update-\\d{12}")).max(Path::compareTo).orElseThrow();
    }
    double before = Checkpoints.verify(newest).path("train_seconds").asDouble();
    assertThat(before).isPositive();
    Cli.Result r = Cli.run("train", "--resume", run.toString());
    assertThat(r.code()).as(r.err()).isZero();
    var training = JSON.readTree(run.resolve("summary.json").toFile()).path("training");
    assertThat(training.path("resumed").asBoolean()).isTrue();
    assertThat(training.path("seconds").asDouble()).isGreaterThan(before);
    assertThat(training.path("env_steps_per_second").asDouble())
        .isCloseTo(2000 / training.path("seconds").asDouble(), org.assertj.core.api.Assertions.within(1e-6));
  }

  /** Starts the CLI in a fresh JVM, its output (both streams) going to {@code log}. */
  private Process start(Path log, String... args) throws Exception {
    List<String> cmd = ForkedJvm.command("-cp",
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")), "io.metarl.app.Main");
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).directory(dir.toFile());
    pb.environment().put("OMP_NUM_THREADS", "1");
    Process p = pb.start();
    started.add(p);
    return p;
  }

  private final List<Process> started = new ArrayList<>();

  @org.junit.jupiter.api.AfterEach
  void stopProcesses() throws Exception {
    for (Process p : started) {
      p.destroyForcibly();
      p.waitFor();
    }
  }

  private Process start(String... args) throws Exception {
    List<String> cmd = ForkedJvm.command("-cp",
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")), "io.metarl.app.Main");
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(dir.toFile());
    pb.environment().put("OMP_NUM_THREADS", "1");
    Process p = pb.start();
    started.add(p);
    return p;
  }
}
