package io.metarl.app.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.metarl.app.ForkedJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An experiment process killed with SIGKILL after some cells have finished, then rerun with the same
 * command, completes the grid with the same per-cell results as an uninterrupted run, and does not rerun
 * the cells that had finished.
 */
class ExperimentKillTest {
  @TempDir Path dir;

  @Test
  void killedGridRerunFinishesWithTheUninterruptedResults() throws Exception {
    Path smoke = Path.of("../examples/experiment-smoke.conf").toAbsolutePath();
    Path reference = dir.resolve("reference");
    assertThat(run(List.of("experiment", smoke.toString(), "--out", reference.toString()), null)).isZero();

    Path killed = dir.resolve("killed");
    List<String> cmd = List.of("experiment", smoke.toString(), "--out", killed.toString());
    int code = run(cmd, killed);
    assertThat(code).as("the first run was killed mid-grid").isEqualTo(-1);
    long finishedBefore = summaries(killed).size();
    assertThat(finishedBefore).isBetween(1L, 7L);
    assertThat(run(cmd, null)).isZero();

    var json = new ObjectMapper();
    var resumed = json.readTree(killed.resolve("summary.json").toFile());
    assertThat(resumed.path("cells_reused").asLong()).isEqualTo(finishedBefore);
    for (Path cell : summaries(reference)) {
      Path other = killed.resolve(reference.relativize(cell));
      var a = json.readTree(cell.toFile());
      var b = json.readTree(other.toFile());
      assertThat(b.path("inference")).as(cell.toString()).isEqualTo(a.path("inference"));
      assertThat(b.path("training").path("mean_return_last_100")).isEqualTo(a.path("training").path("mean_return_last_100"));
      assertThat(Files.readAllLines(other.resolveSibling("episodes.csv")))
          .isEqualTo(Files.readAllLines(cell.resolveSibling("episodes.csv")));
    }
  }

  private static List<Path> summaries(Path out) throws Exception {
    if (!Files.isDirectory(out)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(out, 4)) {
      return s.filter(p -> p.getFileName().toString().equals("summary.json") && p.getNameCount() - out.getNameCount() == 4)
          .filter(p -> !p.toString().contains(".tmp")).sorted().toList();
    }
  }

  /** Runs the CLI in a fresh JVM; with {@code killWhenCellsIn}, SIGKILLs it once two cells have finished there. */
  private int run(List<String> args, Path killWhenCellsIn) throws Exception {
    List<String> cmd = ForkedJvm.command("-cp",
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")), "io.metarl.app.Main");
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve("log-" + System.nanoTime()).toFile());
    pb.environment().put("OMP_NUM_THREADS", "1");
    Process p = pb.start();
    if (killWhenCellsIn != null) {
      while (p.isAlive() && summaries(killWhenCellsIn).size() < 2) {
        Thread.sleep(10);
      }
      if (p.isAlive()) {
        p.destroyForcibly();
        p.waitFor();
        return -1;
      }
      return p.exitValue();
    }
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    return p.exitValue();
  }
}
