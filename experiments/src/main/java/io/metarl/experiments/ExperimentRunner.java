package io.metarl.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metarl.core.config.ConfigProblem;
import io.metarl.core.config.ConfigValidationException;
import io.metarl.core.experiment.CellExecutor;
import io.metarl.core.plugin.PluginRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs an experiment: validates every cell, then runs the unfinished ones through a
 * {@link CellExecutor} (finished cells, those whose {@code summary.json} exists, are reused), shows
 * progress for the whole grid, and writes the experiment's outputs ({@link ExperimentReport}).
 *
 * <p>Resuming is safe: a cell is written to a temporary directory and renamed when complete, so a
 * killed run leaves finished cells intact and unfinished ones are redone from scratch. A finished cell
 * whose configuration differs from the one the experiment now gives it (another scale, say) is an
 * error, never silently mixed in. One run at a time may write an output directory (a lock file).
 */
public final class ExperimentRunner {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ExperimentRunner() {}

  /**
   * The outcome.
   *
   * @param results finished cells in grid order
   * @param failures cell id -> error of cells that failed
   * @param claims the seed paper's claims, judged
   * @param wallSeconds this invocation's wall-clock seconds
   */
  public record Outcome(List<CellResult> results, Map<String, String> failures, List<Claims.Claim> claims, double wallSeconds) {
    /** True when every cell finished. */
    public boolean complete() {
      return failures.isEmpty();
    }
  }

  /**
   * Validates and runs {@code spec} into {@code out}.
   *
   * @param command the command line, recorded in the report
   * @param progressInterval seconds between progress lines while cells run (0: only at cell ends)
   * @throws ConfigValidationException before running anything, listing every problem of every cell
   */
  public static Outcome run(ExperimentSpec spec, PluginRegistry registry, CellExecutor executor, Path out, String command,
      PrintStream console, double progressInterval) throws IOException {
    long start = System.nanoTime();
    ExperimentPlan plan = ExperimentPlan.of(spec, registry);
    Files.createDirectories(out);
    try (FileChannel lockFile = FileChannel.open(out.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lockFile.tryLock()) {
      if (lock == null) {
        throw new IOException("another metarl experiment is writing " + out + " (" + out.resolve(".lock") + " is locked)");
      }
      checkFinishedCellsMatch(plan, out);
      if (spec.file() != null && Files.isRegularFile(spec.file())) {
        Files.writeString(out.resolve("experiment.conf"), "# copied from " + spec.file() + " by: " + command + "\n"
            + Files.readString(spec.file(), StandardCharsets.UTF_8), StandardCharsets.UTF_8);
      }
      return runPlan(plan, registry, executor, out, command, console, progressInterval, start);
    }
  }

  private static Outcome runPlan(ExperimentPlan plan, PluginRegistry registry, CellExecutor executor, Path out, String command,
      PrintStream console, double progressInterval, long start) throws IOException {
    List<ExperimentPlan.Planned> cells = plan.cells();
    GridProgress progress = new GridProgress(console, plan, out, executor.parallelism());
    console.printf(Locale.ROOT, "experiment %s: %d cells (%d environments x %d agents x %d seeds%s), %d already finished, scale %s, %d at a time -> %s%n",
        plan.spec().name(), cells.size(), plan.spec().environments().size(), plan.spec().agents().size(),
        plan.spec().seeds().size(), plan.spec().partial() ? "; " + plan.spec().part() : "", progress.finishedAtStart(),
        plan.spec().scale(), executor.parallelism(), out);
    List<CompletableFuture<CellResult>> futures = new ArrayList<>();
    for (ExperimentPlan.Planned p : cells) {
      CellJob job = new CellJob(p.cell(), p.configText(), out, registry, progress::started);
      futures.add(executor.submit(job).whenComplete((r, e) -> progress.finished(p.cell(), r, e)));
    }
    ScheduledExecutorService ticker = null;
    if (progressInterval > 0) {
      ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "metarl-experiment-progress");
        t.setDaemon(true);
        return t;
      });
      long ms = Math.max(100, (long) (progressInterval * 1000));
      ticker.scheduleAtFixedRate(progress::tick, ms, ms, TimeUnit.MILLISECONDS);
    }
    List<CellResult> results = new ArrayList<>();
    Map<String, String> failures = new LinkedHashMap<>();
    try {
      for (int i = 0; i < futures.size(); i++) {
        try {
          results.add(futures.get(i).get());
        } catch (ExecutionException | CompletionException e) {
          Throwable cause = e.getCause() == null ? e : e.getCause();
          failures.put(cells.get(i).cell().id(), String.valueOf(cause));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while waiting for cells", e);
        }
      }
    } finally {
      if (ticker != null) {
        ticker.shutdownNow();
      }
    }
    double wall = (System.nanoTime() - start) / 1e9;
    int reused = (int) results.stream().filter(CellResult::reused).count();
    List<Claims.Claim> claims = ExperimentReport.write(plan, results, out,
        new ExperimentReport.Provenance(command, wall, results.size() - reused, reused, failures));
    markPart(plan.spec(), out.resolve("summary.json"));
    console.printf(Locale.ROOT, "experiment %s: %d/%d cells finished (%d run now, %d reused)%s in %s; wrote %s%n",
        plan.spec().name(), results.size(), cells.size(), results.size() - reused, reused,
        failures.isEmpty() ? "" : ", " + failures.size() + " FAILED", ExperimentReport.duration(wall), out.resolve("report.md"));
    for (Claims.Claim c : claims) {
      console.println("  claim: " + c.statement() + " -> " + c.verdict());
    }
    failures.forEach((id, err) -> console.println("  failed: " + id + ": " + err));
    return new Outcome(List.copyOf(results), failures, claims, wall);
  }

  /**
   * Records in the grid's summary.json whether it covers the file's whole grid ({@code "part": null})
   * or a part chosen with {@code --only} (what was kept).
   */
  private static void markPart(ExperimentSpec spec, Path summary) throws IOException {
    if (!Files.isRegularFile(summary)) {
      return;
    }
    JsonNode root = JSON.readTree(summary.toFile());
    if (root instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
      if (spec.partial()) {
        o.put("part", spec.part());
      } else {
        o.putNull("part");
      }
      Path tmp = summary.resolveSibling(summary.getFileName() + ".tmp");
      JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), o);
      Files.move(tmp, summary, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /** Refuses to reuse a finished cell that was run with another configuration. */
  private static void checkFinishedCellsMatch(ExperimentPlan plan, Path out) throws IOException {
    List<ConfigProblem> problems = new ArrayList<>();
    for (ExperimentPlan.Planned p : plan.cells()) {
      if (!CellJob.finished(p.cell(), out)) {
        continue;
      }
      Path summary = p.cell().dir(out).resolve("summary.json");
      JsonNode was;
      try {
        was = JSON.readTree(summary.toFile()).path("config");
      } catch (IOException e) {
        problems.add(new ConfigProblem(p.cell().id(), "finished cell's summary is unreadable (" + e.getMessage()
            + "); delete " + p.cell().dir(out) + " to redo it", summary.toString()));
        continue;
      }
      JsonNode now = JSON.readTree(p.configText());
      if (!was.equals(now)) {
        problems.add(new ConfigProblem(p.cell().id(), "was finished with another configuration ("
            + firstDifference("", was, now) + "); use another output directory or delete " + p.cell().dir(out),
            summary.toString()));
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigValidationException(problems);
    }
  }

  private static String firstDifference(String path, JsonNode a, JsonNode b) {
    if (a.isObject() && b.isObject()) {
      var names = new java.util.TreeSet<String>();
      a.fieldNames().forEachRemaining(names::add);
      b.fieldNames().forEachRemaining(names::add);
      for (String n : names) {
        if (!a.path(n).equals(b.path(n))) {
          return firstDifference(path.isEmpty() ? n : path + "." + n, a.path(n), b.path(n));
        }
      }
    }
    return "metarl." + path + " was " + (a.isMissingNode() ? "absent" : a.toString()) + ", now " + (b.isMissingNode() ? "absent" : b.toString());
  }
}
