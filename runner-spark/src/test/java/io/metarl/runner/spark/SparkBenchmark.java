package io.metarl.runner.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.metarl.core.experiment.CellExecutor;
import io.metarl.core.experiment.Engines;
import io.metarl.core.experiment.ThreadPoolCellExecutor;
import io.metarl.core.plugin.PluginRegistry;
import io.metarl.extensions.epg.EpgRun;
import io.metarl.extensions.epg.Evolution;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The figures of SPARK.md (a report, not a check; tagged slow, so not in the default run):
 * <pre>
 * mvn -B -o -pl runner-spark test -Dtest=SparkBenchmark -Dsurefire.excludedGroups= -Dbench.members=8 -Dbench.lifetime=2048
 * </pre>
 * prints the wall-clock of one ES epoch on Spark local[1] and local[2] (and on 1 and 2 local threads),
 * and the per-unit overhead of Spark against the thread pool (trivial units, one at a time and 200 at once).
 */
@Tag("slow")
class SparkBenchmark {
  static final PluginRegistry REGISTRY = PluginRegistry.discover(SparkBenchmark.class.getClassLoader());

  /** The trivial unit: not one of the runner's, so the spark engine is built allowing it by name. */
  record Trivial() implements CellExecutor.WorkUnit<Integer> {
    @Override
    public Integer call() {
      return 1;
    }
  }

  private static CellExecutor engine(String exec) {
    Config c = ConfigFactory.parseString(exec);
    if (!c.getString("engine").equals("spark")) {
      return Engines.create(c, "bench", REGISTRY.classLoader());
    }
    return new SparkCellExecutor(SparkSettings.from(c), REGISTRY.classLoader(), UnitFilter.RUNNER.allowing(Trivial.class.getName()));
  }

  @Test
  void esPopulationSpeedUpAndPerTaskOverhead(@TempDir Path dir) throws Exception {
    int members = Integer.getInteger("bench.members", 8);
    int lifetime = Integer.getInteger("bench.lifetime", 2048);
    Path conf = dir.resolve("run.conf");
    Files.writeString(conf, """
        metarl {
          seed = 11
          environment { plugin = point-goal, episode-length = 50 }
          epg {
            inner { lifetime = %d, eval-episodes = 2 }
            outer { epochs = 1, population = %d }
          }
        }
        """.formatted(lifetime, members));
    EpgRun run = EpgRun.load(conf, List.of(), REGISTRY);
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    // warm-up (JIT, ND4J) on the thread pool
    try (CellExecutor ex = new ThreadPoolCellExecutor(2)) {
      Evolution.run(run, dir.resolve("warm"), quiet, 1, ex);
    }
    StringBuilder report = new StringBuilder();
    double[] phi = null;
    double[] seconds = new double[4];
    String[] names = {"threads=1", "threads=2", "spark local[1]", "spark local[2]"};
    for (int k = 0; k < 4; k++) {
      String exec = k < 2 ? "engine = local, parallelism = " + (k + 1) : "engine = spark, master = \"local[" + (k - 1) + "]\"";
      try (CellExecutor ex = engine(exec)) {
        if (k >= 2) { // start-up is paid once per run; time the epoch only
          ex.submit(new Trivial()).get();
        }
        Evolution.Outcome o = Evolution.run(run, dir.resolve("run" + k), quiet, 1, ex);
        seconds[k] = o.history().get(0).seconds();
        if (phi == null) {
          phi = o.phi();
        }
        assertThat(o.phi()).containsExactly(phi);
      }
      report.append(String.format(Locale.ROOT, "ES epoch, %d members x %d steps, %-15s %7.2f s%n", members, lifetime, names[k], seconds[k]));
    }
    report.append(String.format(Locale.ROOT, "speed-up threads 2/1: %.2fx; spark local[2]/local[1]: %.2fx; spark local[2] vs threads=2: %.2fx%n",
        seconds[0] / seconds[1], seconds[2] / seconds[3], seconds[3] / seconds[1]));

    for (String exec : List.of("engine = local, parallelism = 2", "engine = spark, master = \"local[2]\"")) {
      try (CellExecutor ex = engine(exec)) {
        for (int i = 0; i < 20; i++) {
          ex.submit(new Trivial()).get();
        }
        int n = 100;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
          ex.submit(new Trivial()).get();
        }
        double latency = (System.nanoTime() - t0) / 1e6 / n;
        int m = 200;
        long t1 = System.nanoTime();
        List<CompletableFuture<Integer>> all = new ArrayList<>();
        for (int i = 0; i < m; i++) {
          all.add(ex.submit(new Trivial()));
        }
        for (CompletableFuture<Integer> f : all) {
          f.get();
        }
        double through = (System.nanoTime() - t1) / 1e6 / m;
        report.append(String.format(Locale.ROOT, "trivial unit on %-38s one at a time %8.3f ms/unit; %d at once %8.3f ms/unit%n",
            exec, latency, m, through));
      }
    }
    System.out.println("=== SparkBenchmark ===\n" + report);
    Files.writeString(Path.of("target/spark-benchmark.txt"), report.toString());
  }
}
