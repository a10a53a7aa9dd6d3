package io.metarl.runner.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.metarl.core.experiment.CellExecutor;
import io.metarl.core.experiment.Engines;
import io.metarl.core.plugin.PluginRegistry;
import io.metarl.experiments.CellResult;
import io.metarl.experiments.ExperimentRunner;
import io.metarl.experiments.ExperimentSpec;
import io.metarl.extensions.epg.EpgRun;
import io.metarl.extensions.epg.Evolution;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spark engine on a real standalone cluster of separate JVMs ({@code cluster/local-cluster.sh}, on
 * 127.0.0.1, ports picked free): {@code examples/experiment-smoke.conf} with one worker killed with
 * SIGKILL while its executor runs a cell (the first worker to run one) (the grid completes on the other worker, every
 * {@code episodes.csv} byte-identical to the local engine's); the master and workers restarted, the same
 * grid reuses every finished cell; a 2-epoch EPG run gives the thread pool's phi. The cluster is stopped
 * in every case (finally, and a shutdown hook if the JVM is ended). Tagged slow: about a minute or two.
 */
@Tag("slow")
class SparkClusterTest {
  static final PluginRegistry REGISTRY = PluginRegistry.discover(SparkClusterTest.class.getClassLoader());
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Path SCRIPT = ROOT.resolve("runner-spark/cluster/local-cluster.sh");
  static final Path SMOKE = ROOT.resolve("examples/experiment-smoke.conf");
  static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

  @Test
  @Timeout(value = 15, unit = TimeUnit.MINUTES)
  void aGridSurvivesAKilledWorkerAndARestartedMasterWithTheLocalResults(@TempDir Path dir) throws Exception {
    Path clusterDir = dir.resolve("cluster");
    int port = freePort();
    int uiPort = freePort();
    Map<String, String> env = Map.of(
        "METARL_SPARK_CLUSTER_DIR", clusterDir.toString(),
        "METARL_SPARK_PORT", String.valueOf(port),
        "METARL_SPARK_UI_PORT", String.valueOf(uiPort),
        "METARL_SPARK_WORKER_MEMORY", "1536m",
        // the daemons run from this test's class path (Spark, log4j): the plugin jar is built after the tests
        "METARL_SPARK_CLASSPATH", System.getProperty("java.class.path"));
    String master = "spark://127.0.0.1:" + port;
    Thread hook = new Thread(() -> script(env, 60, "stop"));
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      ExperimentRunner.Outcome local = grid(SMOKE, "{ engine = local, parallelism = 2 }", dir.resolve("local"));
      assertThat(local.complete()).isTrue();

      assertThat(script(env, 180, "start", "2")).as("start").contains("2 workers");
      assertThat(script(env, 30, "status")).contains("master: running", "worker-1: running", "worker-2: running");

      // run the grid; kill worker 1 with SIGKILL as soon as its executor runs a unit
      Path out = dir.resolve("spark");
      String exec = "{ engine = spark, master = \"" + master + "\", max-failures = 4 }";
      CompletableFuture<ExperimentRunner.Outcome> run = CompletableFuture.supplyAsync(() -> {
        try {
          return grid(SMOKE, exec, out);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      // the first worker whose executor runs a unit is killed (the other may still be starting its executor)
      int victim = 0;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
      while (victim == 0 && !run.isDone() && System.nanoTime() < deadline) {
        for (int w = 1; w <= 2 && victim == 0; w++) {
          if (executorLog(clusterDir.resolve("work/worker-" + w)).contains("Running task")) {
            victim = w;
          }
        }
        Thread.sleep(20);
      }
      assertThat(run.isDone()).as("the grid ended before a worker ran a unit").isFalse();
      assertThat(victim).as("no executor ran a unit within 240 s").isPositive();
      assertThat(script(env, 30, "kill-worker", String.valueOf(victim))).contains("killed with SIGKILL");
      ExperimentRunner.Outcome spark = run.get(300, TimeUnit.SECONDS);
      String log = executorLog(clusterDir.resolve("work/worker-" + victim));
      System.out.printf("worker %d's executor started %d tasks and finished %d before its worker was killed%n",
          victim, count(log, "Running task"), count(log, "Finished task"));
      assertThat(spark.failures()).isEmpty();
      assertThat(spark.complete()).isTrue();
      assertSameFiles(local, dir.resolve("local"), spark, out);
      assertThat(script(env, 30, "status")).contains("worker-" + victim + ": not running", "worker-" + (3 - victim) + ": running");

      // master and workers restarted: the same grid reuses every finished cell
      script(env, 120, "stop");
      assertThat(script(env, 180, "start", "2")).contains("2 workers");
      ExperimentRunner.Outcome again = grid(SMOKE, exec, out);
      assertThat(again.complete()).isTrue();
      assertThat(again.results()).hasSize(8).allMatch(CellResult::reused);
      assertSameFiles(local, dir.resolve("local"), again, out);

      // a 2-epoch EPG run on the cluster: the thread pool's phi and fitness, bit for bit
      Path conf = dir.resolve("epg.conf");
      Files.writeString(conf, SparkEpgTest.RUN);
      EpgRun epg = EpgRun.load(conf, List.of(), REGISTRY);
      Evolution.Outcome onThreads = Evolution.run(epg, dir.resolve("epg-local"), QUIET, Integer.MAX_VALUE);
      EpgRun onCluster = EpgRun.load(conf, List.of("metarl.epg.execution.engine=spark",
          "metarl.epg.execution.master=\"" + master + "\""), REGISTRY);
      Evolution.Outcome clustered;
      try (CellExecutor ex = Evolution.executor(onCluster)) {
        clustered = Evolution.run(onCluster, dir.resolve("epg-spark"), QUIET, Integer.MAX_VALUE, ex);
      }
      assertThat(clustered.phi()).containsExactly(onThreads.phi());
      assertThat(withoutSeconds(dir.resolve("epg-spark/fitness.csv"))).isEqualTo(withoutSeconds(dir.resolve("epg-local/fitness.csv")));
    } finally {
      String stopped = script(env, 120, "stop");
      System.out.print(stopped);
      Runtime.getRuntime().removeShutdownHook(hook);
    }
    assertThat(script(env, 30, "status")).doesNotContain(": running");
  }

  static ExperimentRunner.Outcome grid(Path file, String execution, Path out) throws IOException {
    ExperimentSpec spec = ExperimentSpec.load(file, List.of("experiment.execution=" + execution));
    try (CellExecutor ex = Engines.create(spec.execution(), "experiment.execution", REGISTRY.classLoader())) {
      return ExperimentRunner.run(spec, REGISTRY, ex, out, "test", QUIET, 0);
    }
  }

  /** Every cell's episodes.csv and the grid's, byte for byte. */
  static void assertSameFiles(ExperimentRunner.Outcome local, Path localOut, ExperimentRunner.Outcome o, Path out) throws IOException {
    assertThat(o.results()).extracting(r -> r.cell().id()).containsExactlyElementsOf(local.results().stream().map(r -> r.cell().id()).toList());
    for (CellResult r : local.results()) {
      Path want = r.cell().dir(localOut).resolve("episodes.csv");
      Path got = r.cell().dir(out).resolve("episodes.csv");
      assertThat(Files.mismatch(want, got)).as(r.cell().id()).isEqualTo(-1L);
    }
    assertThat(Files.mismatch(localOut.resolve("episodes.csv"), out.resolve("episodes.csv"))).isEqualTo(-1L);
  }

  /** fitness.csv without its last column (an epoch's wall-clock seconds). */
  static List<String> withoutSeconds(Path csv) throws IOException {
    return Files.readAllLines(csv).stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
  }

  /** The stderr of every executor a worker started. */
  static String executorLog(Path workerDir) throws IOException {
    if (!Files.isDirectory(workerDir)) {
      return "";
    }
    StringBuilder all = new StringBuilder();
    try (Stream<Path> s = Files.walk(workerDir, 3)) {
      for (Path f : s.filter(p -> p.getFileName().toString().equals("stderr")).toList()) {
        all.append(Files.readString(f, StandardCharsets.UTF_8));
      }
    }
    return all.toString();
  }

  static int count(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Runs the cluster script; its output (stdout and stderr). A run past its time is ended and fails. */
  static String script(Map<String, String> env, int seconds, String... args) {
    try {
      ProcessBuilder pb = new ProcessBuilder(Stream.concat(Stream.of("bash", SCRIPT.toString()), Stream.of(args)).toList());
      pb.environment().putAll(env);
      pb.redirectErrorStream(true);
      Path log = Files.createTempFile("local-cluster", ".log");
      pb.redirectOutput(log.toFile());
      Process p = pb.start();
      if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("local-cluster.sh " + String.join(" ", args) + " took more than " + seconds + " s: " + Files.readString(log));
      }
      String out = Files.readString(log);
      Files.deleteIfExists(log);
      if (p.exitValue() != 0 && !args[0].equals("status")) {
        throw new AssertionError("local-cluster.sh " + String.join(" ", args) + " failed (" + p.exitValue() + "): " + out);
      }
      return out;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
