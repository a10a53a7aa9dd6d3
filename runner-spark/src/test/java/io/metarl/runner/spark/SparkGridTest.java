package io.metarl.runner.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.metarl.core.config.ConfigValidationException;
import io.metarl.core.experiment.CellExecutor;
import io.metarl.core.experiment.Engines;
import io.metarl.core.plugin.PluginRegistry;
import io.metarl.experiments.CellResult;
import io.metarl.experiments.ExperimentRunner;
import io.metarl.experiments.ExperimentSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An experiment grid with the real plugins (bandit-dependent and bandit-10brf x a2c and rl2, toy
 * budgets) on Spark local[2] gives exactly the results of the local engine, also when cells fail and
 * are retried; a cell that fails on every attempt is reported and the rest of the grid completes.
 */
class SparkGridTest {
  static final PluginRegistry REGISTRY = PluginRegistry.discover(SparkGridTest.class.getClassLoader());
  static final String GRID = """
      experiment {
        name = spark-grid
        seeds = [1]
        base {
          agent.optimizer { type = adam, learning-rate = 1e-3 }
          training { lanes = 4, rollout-length = 10, progress-interval = 0 }
          inference { lanes = 4, mode = explore }
        }
        agents {
          a2c { agent { plugin = a2c, hidden = [8] }, returns { plugin = monte-carlo, gamma = 0.99 } }
          meta-a2c { agent { plugin = rl2, base = a2c, memory { units = 8 } }, returns { plugin = gae, gamma = 0.9, lambda = 0.95 } }
        }
        environments {
          2Bemh-easy {
            environment { plugin = bandit-dependent, difficulty = easy }
            training { trials = 4, episodes-per-trial = 2, max-steps = 20 }
            inference { trials = 2, episodes-per-trial = 2, max-steps = 20 }
          }
          10Brf {
            environment { plugin = bandit-10brf }
            training { trials = 1, episodes-per-trial = 8, max-steps = 20 }
            inference { trials = 1, episodes-per-trial = 4, max-steps = 20 }
          }
        }
      }
      """;
  static final List<String> CELLS = List.of("2Bemh-easy/a2c/seed-1", "2Bemh-easy/meta-a2c/seed-1", "10Brf/a2c/seed-1", "10Brf/meta-a2c/seed-1");

  @TempDir static Path localOut;
  static ExperimentRunner.Outcome local;

  static ExperimentSpec spec(String execution) {
    return ExperimentSpec.parse(ConfigFactory.parseString(GRID.replace("name = spark-grid", "name = spark-grid\n  execution " + execution)), null);
  }

  static ExperimentRunner.Outcome run(ExperimentSpec spec, Path out) throws IOException {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    try (CellExecutor ex = Engines.create(spec.execution(), "experiment.execution", REGISTRY.classLoader())) {
      return ExperimentRunner.run(spec, REGISTRY, ex, out, "test", quiet, 0);
    }
  }

  @BeforeAll
  static void runLocally() throws IOException {
    local = run(spec("{ engine = local, parallelism = 2 }"), localOut);
    assertThat(local.complete()).isTrue();
    assertThat(local.results()).extracting(r -> r.cell().id()).containsExactlyElementsOf(CELLS);
  }

  /** Every measured value of every cell and the cells' episode logs are the local engine's, bit for bit. */
  static void assertSameAsLocal(ExperimentRunner.Outcome o, Path out, List<String> cells) throws IOException {
    for (String id : cells) {
      CellResult want = local.results().stream().filter(r -> r.cell().id().equals(id)).findFirst().orElseThrow();
      CellResult got = o.results().stream().filter(r -> r.cell().id().equals(id)).findFirst().orElseThrow();
      assertThat(got.trainingMeanLast100()).as(id).isEqualTo(want.trainingMeanLast100());
      assertThat(got.trainingEpisodes()).as(id).isEqualTo(want.trainingEpisodes());
      assertThat(got.envSteps()).as(id).isEqualTo(want.envSteps());
      assertThat(got.inferenceMean()).as(id).isEqualTo(want.inferenceMean());
      assertThat(got.inferenceStderr()).as(id).isEqualTo(want.inferenceStderr());
      assertThat(got.meanByEpisodeIndex()).as(id).containsExactly(want.meanByEpisodeIndex());
      assertThat(Files.readString(got.cell().dir(out).resolve("episodes.csv")))
          .as(id).isEqualTo(Files.readString(want.cell().dir(localOut).resolve("episodes.csv")));
    }
  }

  @Test
  void gridOnSparkGivesExactlyTheLocalResults(@TempDir Path out) throws IOException {
    ExperimentRunner.Outcome o = run(spec("{ engine = spark, master = \"local[2]\" }"), out);
    assertThat(o.complete()).isTrue();
    assertThat(o.results()).extracting(r -> r.cell().id()).containsExactlyElementsOf(CELLS);
    assertThat(o.results()).noneMatch(CellResult::reused);
    assertSameAsLocal(o, out, CELLS);
    assertThat(Files.readString(out.resolve("episodes.csv"))).isEqualTo(Files.readString(localOut.resolve("episodes.csv")));
  }

  @Test
  void failedAttemptsAreRetriedAndTheGridGivesTheSameResults(@TempDir Path out) throws IOException {
    // leftovers of a killed attempt of the first cell: the retry protocol must discard them
    Path stale = out.resolve("2Bemh-easy/a2c/.seed-1.tmp-killed");
    Files.createDirectories(stale);
    Files.writeString(stale.resolve("episodes.csv"), "partial\n");
    ExperimentRunner.Outcome o = run(spec("""
        { engine = spark, master = "local[2]", max-failures = 2
          testing { fail-before { "2Bemh-easy/a2c/seed-1" = 1 }, fail-after { "10Brf/meta-a2c/seed-1" = 1 } } }"""), out);
    assertThat(o.failures()).isEmpty();
    assertSameAsLocal(o, out, CELLS);
    assertThat(stale).doesNotExist();
    assertThat(out.resolve("2Bemh-easy/a2c")).isDirectoryNotContaining("glob:**/.seed-1.tmp-*");
    // the cell whose first attempt failed after finishing was not redone: the retry read its written result
    CellResult afterFinish = o.results().stream().filter(r -> r.cell().id().equals("10Brf/meta-a2c/seed-1")).findFirst().orElseThrow();
    assertThat(afterFinish.reused()).isTrue();
    assertThat(o.results().stream().filter(r -> r.cell().id().equals("2Bemh-easy/a2c/seed-1")).findFirst().orElseThrow().reused()).isFalse();
  }

  @Test
  void aCellFailingEveryAttemptIsReportedAndTheRestCompletes(@TempDir Path out) throws IOException {
    ExperimentRunner.Outcome o = run(spec("""
        { engine = spark, master = "local[2]", max-failures = 2, testing { fail-before { "10Brf/a2c/seed-1" = 5 } } }"""), out);
    assertThat(o.complete()).isFalse();
    assertThat(o.failures()).containsOnlyKeys("10Brf/a2c/seed-1");
    assertThat(o.failures().get("10Brf/a2c/seed-1"))
        .contains("UnitFailedException", "10Brf/a2c/seed-1 failed on all 2 attempts", "fail-before: attempt 2 of 10Brf/a2c/seed-1");
    assertThat(o.results()).extracting(r -> r.cell().id()).containsExactly(CELLS.get(0), CELLS.get(1), CELLS.get(3));
    assertSameAsLocal(o, out, List.of(CELLS.get(0), CELLS.get(1), CELLS.get(3)));
    assertThat(out.resolve("10Brf/a2c/seed-1")).doesNotExist();
    assertThat(Files.readString(out.resolve("report.md"))).contains("10Brf/a2c/seed-1");
  }

  @Test
  void aGridWhoseEveryCellFailedReportsTheFailures(@TempDir Path out) throws IOException {
    ExperimentRunner.Outcome o = run(spec("""
        { engine = spark, master = "local[2]", max-failures = 1, testing { fail-before {
          "2Bemh-easy/a2c/seed-1" = 1, "2Bemh-easy/meta-a2c/seed-1" = 1, "10Brf/a2c/seed-1" = 1, "10Brf/meta-a2c/seed-1" = 1 } } }"""), out);
    assertThat(o.complete()).isFalse();
    assertThat(o.results()).isEmpty();
    assertThat(o.failures()).containsOnlyKeys(CELLS);
    assertThat(o.failures().get(CELLS.get(2))).contains("10Brf/a2c/seed-1 failed on all 1 attempts");
    assertThat(Files.readString(out.resolve("report.md"))).contains(CELLS.toArray(String[]::new));
  }

  @Test
  void aClusterMasterGetsTheDriversClassPathJavaOptionsAndALoopbackDriver() {
    org.apache.spark.SparkConf c = new org.apache.spark.SparkConf(false);
    SparkCellExecutor.clusterDefaults(c, "spark://127.0.0.1:7077", REGISTRY.classLoader());
    String cp = c.get("spark.executor.extraClassPath");
    assertThat(cp.split(java.io.File.pathSeparator)).allMatch(e -> Path.of(e).isAbsolute())
        .anyMatch(e -> e.endsWith("runner-spark/target/classes")).noneMatch(e -> e.matches(".*/slf4j-(api-1\\.|nop-).*"));
    assertThat(c.get("spark.executor.extraJavaOptions")).isEqualTo("-Xss4m");
    assertThat(c.get("spark.executorEnv.OMP_NUM_THREADS")).isEqualTo("1");
    assertThat(c.get("spark.driver.host")).isEqualTo("127.0.0.1");
    assertThat(c.get("spark.driver.bindAddress")).isEqualTo("127.0.0.1");

    // what the user set stays; a remote master leaves the driver's address to Spark
    org.apache.spark.SparkConf u = new org.apache.spark.SparkConf(false)
        .set("spark.executor.extraClassPath", "/opt/metarl/lib/*").set("spark.executor.extraJavaOptions", "-Xss8m -Dx=1");
    SparkCellExecutor.clusterDefaults(u, "spark://cluster:7077", REGISTRY.classLoader());
    assertThat(u.get("spark.executor.extraClassPath")).isEqualTo("/opt/metarl/lib/*");
    assertThat(u.get("spark.executor.extraJavaOptions")).isEqualTo("-Xss8m -Dx=1");
    assertThat(u.contains("spark.driver.host")).isFalse();
    assertThat(ExecutorClassPath.silencing("slf4j-nop-1.7.36.jar")).isTrue();
    assertThat(ExecutorClassPath.silencing("slf4j-api-2.0.7.jar")).isFalse();
  }

  @Test
  void engineSelectionNamesTheEnginesFoundAndRejectsUnknownKeys() {
    assertThat(Engines.available(REGISTRY.classLoader())).containsKeys("local", "spark");
    assertThatThrownBy(() -> Engines.create(ConfigFactory.parseString("engine = sprak"), "experiment.execution", REGISTRY.classLoader()))
        .isInstanceOf(ConfigValidationException.class)
        .hasMessageContaining("experiment.execution.engine")
        .hasMessageContaining("unknown execution engine 'sprak'; did you mean spark? engines found: local, spark");
    assertThatThrownBy(() -> Engines.create(ConfigFactory.parseString("engine = spark, mastr = \"local[2]\""), "experiment.execution",
        REGISTRY.classLoader()))
        .isInstanceOf(ConfigValidationException.class)
        .hasMessageContaining("experiment.execution.mastr")
        .hasMessageContaining("unknown key for engine spark");
    assertThatThrownBy(() -> Engines.create(ConfigFactory.parseString("engine = spark, master = \"http://x\""), "experiment.execution",
        REGISTRY.classLoader()))
        .hasMessageContaining("experiment.execution.master").hasMessageContaining("a Spark master URL");
  }

  @Test
  void settingsMapLocalMastersToTheirAttemptsAndCores() {
    SparkSettings s = SparkSettings.from(ConfigFactory.parseString("engine = spark, master = \"local[3]\", max-failures = 2"));
    assertThat(s.master()).isEqualTo("local[3,2]");
    assertThat(s.parallelism()).isEqualTo(3);
    assertThat(s.maxFailures()).isEqualTo(2);
    SparkSettings d = SparkSettings.from(ConfigFactory.parseString("engine = spark, master = \"local[2, 5]\""));
    assertThat(d.master()).isEqualTo("local[2,5]");
    assertThat(d.maxFailures()).isEqualTo(5);
    SparkSettings c = SparkSettings.from(ConfigFactory.parseString(
        "engine = spark, master = \"spark://h:7077\", parallelism = 8, conf { spark.executor.memory = 2g, \"spark.cores.max\" = 16 }"));
    assertThat(c.master()).isEqualTo("spark://h:7077");
    assertThat(c.parallelism()).isEqualTo(8);
    assertThat(c.maxFailures()).isEqualTo(4);
    assertThat(c.conf()).containsEntry("spark.executor.memory", "2g").containsEntry("spark.cores.max", "16");
  }
}
