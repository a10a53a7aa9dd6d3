package io.metarl.experiments;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Progress of a whole grid on the console: cells done / total, the cells running and for how long,
 * elapsed time and an estimate of the time left. The estimate weighs each cell by its nominal
 * environment steps (budget x step limit), so that a quadruped cell is not counted like a bandit
 * cell, and divides by the rate achieved so far by the cells run in this invocation.
 */
final class GridProgress {
  private final PrintStream console;
  private final ExperimentPlan plan;
  private final long start = System.nanoTime();
  private final int total;
  private final int finishedAtStart;
  private final Map<Cell, Long> running = new LinkedHashMap<>();
  private double costLeft;
  private double costDone;
  private int done;
  private int failed;

  GridProgress(PrintStream console, ExperimentPlan plan, Path out, int parallelism) {
    this.console = console;
    this.plan = plan;
    this.total = plan.cells().size();
    int finished = 0;
    for (ExperimentPlan.Planned p : plan.cells()) {
      if (CellJob.finished(p.cell(), out)) {
        finished++;
      } else {
        costLeft += cost(p.cell());
      }
    }
    this.finishedAtStart = finished;
  }

  int finishedAtStart() {
    return finishedAtStart;
  }

  private double cost(Cell c) {
    ExperimentPlan.PairInfo p = plan.pair(c);
    return p == null ? 1 : Math.max(1, p.cost());
  }

  synchronized void started(Cell cell) {
    running.put(cell, System.nanoTime());
    console.printf(Locale.ROOT, "[%d/%d] start %s%n", done + failed, total, cell.id());
  }

  synchronized void finished(Cell cell, CellResult r, Throwable error) {
    Long t0 = running.remove(cell);
    if (error != null) {
      failed++;
      if (t0 != null) {
        costLeft -= cost(cell);
      }
      console.printf(Locale.ROOT, "[%d/%d] FAILED %s: %s%n", done + failed, total, cell.id(),
          error.getCause() != null ? error.getCause() : error);
      return;
    }
    done++;
    if (r.reused()) {
      console.printf(Locale.ROOT, "[%d/%d] reuse %s (finished earlier): training last-100 %.2f, inference %.2f%n",
          done + failed, total, cell.id(), r.trainingMeanLast100(), r.inferenceMean());
      return;
    }
    costLeft -= cost(cell);
    costDone += cost(cell);
    console.printf(Locale.ROOT, "[%d/%d] done %s in %s: training last-100 %.2f, inference %.2f +- %.2f | elapsed %s, %s%n",
        done + failed, total, cell.id(), ExperimentReport.duration(r.wallSeconds()), r.trainingMeanLast100(),
        r.inferenceMean(), r.inferenceStderr(), ExperimentReport.duration(elapsed()), eta());
  }

  synchronized void tick() {
    if (running.isEmpty()) {
      return;
    }
    StringBuilder now = new StringBuilder();
    long t = System.nanoTime();
    running.forEach((c, t0) -> now.append(now.length() == 0 ? "" : ", ").append(c.id()).append(" (")
        .append(ExperimentReport.duration((t - t0) / 1e9)).append(')'));
    console.printf(Locale.ROOT, "[%d/%d] running %s | elapsed %s, %s%n", done + failed, total, now,
        ExperimentReport.duration(elapsed()), eta());
  }

  private double elapsed() {
    return (System.nanoTime() - start) / 1e9;
  }

  private String eta() {
    if (costDone <= 0) {
      return "ETA unknown until a cell finishes";
    }
    double left = elapsed() * Math.max(0, costLeft) / costDone;
    return "ETA " + ExperimentReport.duration(left);
  }
}
