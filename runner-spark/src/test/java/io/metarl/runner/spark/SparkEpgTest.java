package io.metarl.runner.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.metarl.core.experiment.CellExecutor;
import io.metarl.core.experiment.Engines;
import io.metarl.core.plugin.PluginRegistry;
import io.metarl.extensions.epg.EpgRun;
import io.metarl.extensions.epg.Evolution;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two EPG epochs (point-goal, toy lifetimes) on Spark local[2] give exactly the thread pool's phi and fitness. */
class SparkEpgTest {
  static final PluginRegistry REGISTRY = PluginRegistry.discover(SparkEpgTest.class.getClassLoader());
  static final String RUN = """
      metarl {
        seed = 5
        environment { plugin = point-goal, goal-half-plane = left, episode-length = 20 }
        epg {
          loss { buffer = 64 }
          inner { lifetime = 256, update-every = 32, minibatch = 16, eval-episodes = 2 }
          outer { epochs = 2, population = 4, bootstrap-epochs = 1, workers = 2 }
        }
      }
      """;

  @Test
  void anEpochOnSparkGivesExactlyTheThreadPoolsParameters(@TempDir Path dir) throws Exception {
    Path conf = dir.resolve("run.conf");
    Files.writeString(conf, RUN);
    EpgRun run = EpgRun.load(conf, List.of(), REGISTRY);
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    Evolution.Outcome local = Evolution.run(run, dir.resolve("local"), quiet, Integer.MAX_VALUE);

    // engine chosen in the run file, one member failing once after it ran, one before
    EpgRun onSpark = EpgRun.load(conf, List.of("metarl.epg.execution.engine=spark", "metarl.epg.execution.master=\"local[2]\"",
        "metarl.epg.execution.max-failures=2", "metarl.epg.execution.testing.fail-after.\"epoch-1/member-1\"=1",
        "metarl.epg.execution.testing.fail-before.\"epoch-2/member-2\"=1"), REGISTRY);
    assertThat(onSpark.digest()).isEqualTo(run.digest());
    Evolution.Outcome spark;
    try (CellExecutor ex = Evolution.executor(onSpark)) {
      assertThat(ex).isInstanceOf(SparkCellExecutor.class);
      assertThat(ex.parallelism()).isEqualTo(2);
      spark = Evolution.run(onSpark, dir.resolve("spark"), quiet, Integer.MAX_VALUE, ex);
    }
    assertThat(spark.history()).hasSize(2);
    assertThat(spark.phi()).containsExactly(local.phi());
    for (int e = 0; e < 2; e++) {
      assertThat(spark.history().get(e).best()).isEqualTo(local.history().get(e).best());
      assertThat(spark.history().get(e).median()).isEqualTo(local.history().get(e).median());
      assertThat(spark.history().get(e).worst()).isEqualTo(local.history().get(e).worst());
    }
    assertThat(Files.readAllLines(dir.resolve("spark/fitness.csv"))).hasSize(3);
    assertThat(Files.readString(dir.resolve("spark/loss.json"))).isEqualTo(Files.readString(dir.resolve("local/loss.json")));
  }

  @Test
  void theLocalEngineOfAnEpgRunUsesTheOuterWorkers() {
    try (CellExecutor ex = Engines.create(ConfigFactory.parseString("engine = local, parallelism = 3"), "x", REGISTRY.classLoader())) {
      assertThat(ex.parallelism()).isEqualTo(3);
    }
  }
}
