package io.metarl.app.experiment;

import com.typesafe.config.Config;
import io.metarl.api.train.EpisodeRecord;
import io.metarl.api.train.TrainingListener;
import io.metarl.api.train.UpdateRecord;
import io.metarl.core.config.InferenceSettings;
import io.metarl.core.config.TrainingSettings;
import io.metarl.core.plugin.PluginRegistry;
import io.metarl.core.train.Budget;
import io.metarl.core.train.Trainer;
import io.metarl.core.wiring.Run;
import io.metarl.experiments.Cell;
import io.metarl.experiments.CellJob;
import io.metarl.experiments.ExperimentPlan;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code experiment --dry-run}: every cell's budget in units (episodes, env-steps, updates) and an
 * estimated time. The time comes from a short calibration run of each agent x environment pair on
 * this machine (its first cell's configuration, trained from scratch for a second or so, without the
 * run's extensions and listeners, with the first quarter left out as warm-up): its env-steps per second,
 * updates per env-step and mean episode length. Where episodes may run longer once the agent learns
 * (CartPole), the estimate is a range: episodes as long as in the calibration, up to every episode at
 * its step limit. It is an estimate, and says so.
 */
final class DryRun {
  private DryRun() {}

  /** What a calibration run measured. */
  record Calibration(double stepsPerSecond, double updatesPerStep, double meanLength, long steps, double seconds) {}

  /** Seconds a cell spends outside training and inference (wiring, checkpoint, summary, figures), measured roughly. */
  static final double CELL_OVERHEAD_SECONDS = 0.25;

  /** The budget of one cell in units, with its estimated env-steps and seconds (low and high; high NaN when unbounded). */
  record Estimate(String text, double stepsLow, double stepsHigh, double updatesLow, double updatesHigh, double secondsLow,
      double secondsHigh) {}

  static void print(ExperimentPlan plan, PluginRegistry registry, Path dir, double calibrateSeconds, int parallelism,
      PrintStream console) {
    Map<String, Calibration> calibrations = new LinkedHashMap<>();
    if (calibrateSeconds > 0) {
      console.printf(Locale.ROOT, "calibrating: a %.1f s training run of each agent x environment pair to measure its throughput here (after one for the JVM's warm-up) ...%n",
          calibrateSeconds);
      boolean warmedUp = false;
      for (ExperimentPlan.Planned p : plan.cells()) {
        String key = ExperimentPlan.key(p.cell().environment(), p.cell().agent());
        if (!calibrations.containsKey(key)) {
          if (!warmedUp) {
            calibrate(p.metarl(), registry, calibrateSeconds); // the JVM's warm-up (JIT), not counted
            warmedUp = true;
          }
          Calibration c = calibrate(p.metarl(), registry, calibrateSeconds);
          calibrations.put(key, c);
          console.printf(Locale.ROOT, "  %-40s %,10.0f env-steps/s, %s, mean episode %.0f steps (%,d env-steps in %.1f s)%n",
              p.cell().environment() + "/" + p.cell().agent(), c.stepsPerSecond(),
              c.updatesPerStep() > 0 ? String.format(Locale.ROOT, "1 update per %.0f env-steps", 1 / c.updatesPerStep()) : "no update",
              c.meanLength(), c.steps(), c.seconds());
        }
      }
    }
    double low = 0;
    double high = 0;
    int toRun = 0;
    int finished = 0;
    for (ExperimentPlan.Planned p : plan.cells()) {
      Cell c = p.cell();
      ExperimentPlan.PairInfo info = plan.pair(c);
      boolean done = CellJob.finished(c, dir);
      Estimate e = estimate(p.metarl(), calibrations.get(ExperimentPlan.key(c.environment(), c.agent())));
      console.printf(Locale.ROOT, "  %-36s %-4s %s / %s: %s%s%n", c.id(), info.meta() ? "meta" : "", info.agentPlugin(),
          info.environmentPlugin(), e.text(), done ? " (finished: reused)" : "");
      if (done) {
        finished++;
      } else {
        toRun++;
        low += e.secondsLow() + CELL_OVERHEAD_SECONDS;
        high += e.secondsHigh() + CELL_OVERHEAD_SECONDS;
      }
    }
    if (calibrateSeconds <= 0) {
      console.println("no time estimate (--calibrate 0)");
      return;
    }
    int par = Math.max(1, Math.min(parallelism, toRun));
    console.printf(Locale.ROOT, "estimated time: %d cells to run (%d finished, reused), %s of cell time%s%s.%n", toRun, finished,
        range(low, high), par > 1 ? String.format(Locale.ROOT, ", about %s of wall-clock at %d at a time (if the machine "
            + "has a core per cell; it has %d)", range(low / par, high / par), par, Runtime.getRuntime().availableProcessors()) : "",
        "");
    console.println("  This is an estimate: measured from the calibration runs above on this machine now (not from the "
        + "committed benchmarks); the low end assumes episodes as long as in the calibration, the high end every episode at "
        + "its step limit; each cell adds about " + CELL_OVERHEAD_SECONDS + " s of set-up and output (measured on small cells here). Learning changes "
        + "episode lengths, other load changes throughput, and extensions (e.g. metagradient, 2-3x) are left out of the "
        + "calibration.");
  }

  /** Trains the pair's first cell from scratch for about {@code seconds} and measures it. */
  static Calibration calibrate(Config metarl, PluginRegistry registry, double seconds) {
    Run run = Run.wire(metarl, registry);
    try {
      TrainingSettings s = run.settings().training();
      Budget budget = new Budget(Long.MAX_VALUE, 0);
      long[] episodes = {0};
      long[] lengthSum = {0};
      long start = System.nanoTime();
      long warm = start + (long) (seconds * 0.25e9);
      long end = start + (long) (seconds * 1e9);
      long[] mark = {-1, 0, 0}; // time, env-steps, updates at the end of warm-up
      TrainingListener meter = new TrainingListener() {
        @Override
        public synchronized void onEpisode(EpisodeRecord e) {
          episodes[0]++;
          lengthSum[0] += e.length();
          if (System.nanoTime() >= end + (long) (seconds * 1e9)) {
            budget.stop(); // an agent that does not update: stop anyway
          }
        }

        @Override
        public synchronized void onUpdate(UpdateRecord u) {
          long now = System.nanoTime();
          if (mark[0] < 0 && now >= warm) {
            mark[0] = now;
            mark[1] = budget.envSteps();
            mark[2] = budget.updates();
          }
          if (now >= end) {
            budget.stop();
          }
        }
      };
      java.util.concurrent.ScheduledExecutorService watchdog = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread th = new Thread(r, "metarl-calibration-watchdog");
        th.setDaemon(true);
        return th;
      });
      watchdog.schedule(budget::stop, (long) (seconds * 3000) + 5000, java.util.concurrent.TimeUnit.MILLISECONDS);
      try {
        new Trainer(run.agent(), run.tasks(), run.returns(), s, java.util.List.of(meter), run.settings().seed(), budget).run();
      } finally {
        watchdog.shutdownNow();
      }
      long now = System.nanoTime();
      long t0 = mark[0] < 0 ? start : mark[0];
      long steps = budget.envSteps() - (mark[0] < 0 ? 0 : mark[1]);
      long updates = budget.updates() - (mark[0] < 0 ? 0 : mark[2]);
      double elapsed = Math.max(1e-9, (now - t0) / 1e9);
      double meanLength = episodes[0] > 0 ? (double) lengthSum[0] / episodes[0]
          : (double) budget.envSteps() / Math.max(1, s.lanes()); // no episode ended: at least this long
      return new Calibration(steps / elapsed, steps > 0 ? (double) updates / steps : 0, meanLength, budget.envSteps(),
          (now - start) / 1e9);
    } finally {
      run.agent().close();
    }
  }

  /** A cell's budget in units and, with a calibration, its estimated env-steps, updates and time. */
  static Estimate estimate(Config metarl, Calibration cal) {
    TrainingSettings t = TrainingSettings.from(metarl.getConfig("training"));
    InferenceSettings i = InferenceSettings.from(metarl.getConfig("inference"));
    long episodes = t.episodeBudget();
    StringBuilder sb = new StringBuilder("training ");
    sb.append(count(t.trials(), "trial")).append(" x ").append(count(t.episodesPerTrial(), "episode"));
    sb.append(t.maxSteps() > 0 ? String.format(Locale.ROOT, " of <= %,d steps", t.maxSteps()) : " (environment's step limit)");
    if (t.envSteps() > 0) {
      sb.append(String.format(Locale.ROOT, ", at most %,d env-steps", t.envSteps()));
    }
    double limit = t.maxSteps() > 0 ? t.maxSteps() : Double.NaN;
    double cap = t.envSteps() > 0 ? t.envSteps() : Double.POSITIVE_INFINITY;
    double hiSteps = Math.min(cap, Double.isNaN(limit) ? Double.POSITIVE_INFINITY : episodes * limit);
    double inferenceEpisodes = (double) i.trials() * i.episodesPerTrial();
    double inferenceLimit = i.maxSteps() > 0 ? i.maxSteps() : Double.NaN;
    String inference = "; inference " + count(i.trials(), "trial") + " x " + count(i.episodesPerTrial(), "episode")
        + (i.maxSteps() > 0 ? String.format(Locale.ROOT, " of <= %,d steps", i.maxSteps()) : "");
    if (cal == null) {
      if (Double.isFinite(hiSteps)) {
        sb.append(String.format(Locale.ROOT, " = <= %,.0f env-steps", hiSteps));
      }
      sb.append(inference);
      return new Estimate(sb.toString(), Double.NaN, hiSteps, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    double loSteps = Math.min(cap, episodes * cal.meanLength());
    if (!Double.isNaN(limit)) {
      loSteps = Math.min(loSteps, hiSteps);
    }
    double infLo = inferenceEpisodes * Math.min(cal.meanLength(), Double.isNaN(inferenceLimit) ? Double.MAX_VALUE : inferenceLimit);
    double infHi = Double.isNaN(inferenceLimit) ? Double.POSITIVE_INFINITY : inferenceEpisodes * inferenceLimit;
    double rate = Math.max(1e-9, cal.stepsPerSecond());
    double secLo = (loSteps + infLo) / rate;
    double secHi = (hiSteps + infHi) / rate;
    sb.append(String.format(Locale.ROOT, " = %s env-steps, %s updates", range(loSteps, hiSteps, "%,.0f"),
        range(loSteps * cal.updatesPerStep(), hiSteps * cal.updatesPerStep(), "%,.0f")));
    sb.append(inference).append("; est. ").append(range(secLo, secHi));
    return new Estimate(sb.toString(), loSteps, hiSteps, loSteps * cal.updatesPerStep(), hiSteps * cal.updatesPerStep(), secLo,
        secHi);
  }

  private static String count(long n, String unit) {
    return String.format(Locale.ROOT, "%,d %s%s", n, unit, n == 1 ? "" : "s");
  }

  private static String range(double lo, double hi, String format) {
    String a = String.format(Locale.ROOT, format, lo);
    if (!Double.isFinite(hi)) {
      return a + "+";
    }
    String b = String.format(Locale.ROOT, format, hi);
    return a.equals(b) ? a : a + "-" + b;
  }

  /** A time range in s, min or h. */
  static String range(double lo, double hi) {
    String a = duration(lo);
    if (!Double.isFinite(hi)) {
      return a + " or more (no step limit bounds it)";
    }
    String b = duration(hi);
    return a.equals(b) ? a : a + " to " + b;
  }

  static String duration(double s) {
    if (s < 60) {
      return String.format(Locale.ROOT, "%.0f s", Math.max(1, Math.ceil(s)));
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%.0f min", Math.ceil(s / 60));
    }
    return String.format(Locale.ROOT, "%.1f h", s / 3600);
  }
}
