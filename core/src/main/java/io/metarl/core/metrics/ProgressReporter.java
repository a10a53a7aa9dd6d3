package io.metarl.core.metrics;

import io.metarl.api.train.EpisodeRecord;
import io.metarl.api.train.TrainingListener;
import io.metarl.api.train.UpdateRecord;
import io.metarl.core.train.Budget;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints one progress line every few seconds: a bar, the fraction of the budget, env-steps, steps/s,
 * episodes, the running mean return and the ETA.
 */
public final class ProgressReporter implements TrainingListener {
  private final PrintStream out;
  private final Budget budget;
  private final EpisodeLog episodes;
  private final long intervalNanos;
  private final long start = System.nanoTime();
  private long lastPrint = System.nanoTime();

  /**
   * @param out where to print
   * @param budget the run's budget
   * @param episodes the episode log (for the running mean)
   * @param intervalSeconds seconds between lines; 0 disables printing
   */
  public ProgressReporter(PrintStream out, Budget budget, EpisodeLog episodes, double intervalSeconds) {
    this.out = out;
    this.budget = budget;
    this.episodes = episodes;
    this.intervalNanos = intervalSeconds <= 0 ? Long.MAX_VALUE : (long) (intervalSeconds * 1e9);
  }

  @Override
  public void onEpisode(EpisodeRecord episode) {
    maybePrint();
  }

  @Override
  public void onUpdate(UpdateRecord update) {
    maybePrint();
  }

  private synchronized void maybePrint() {
    long now = System.nanoTime();
    if (intervalNanos == Long.MAX_VALUE || now - lastPrint < intervalNanos) {
      return;
    }
    lastPrint = now;
    out.println(line(now));
  }

  /** Prints the final line. */
  @Override
  public synchronized void onEnd() {
    if (intervalNanos != Long.MAX_VALUE) {
      out.println(line(System.nanoTime()));
    }
  }

  private String line(long now) {
    double seconds = (now - start) / 1e9;
    double f = budget.fraction();
    int width = 20;
    int filled = (int) Math.round(f * width);
    String bar = "#".repeat(filled) + ".".repeat(width - filled);
    double eta = f > 0 ? seconds * (1 - f) / f : Double.NaN;
    return String.format(Locale.ROOT, "[%s] %5.1f%%  steps %,d  %,.0f steps/s  episodes %,d  mean return (last 100) %.2f  elapsed %s  ETA %s",
        bar, 100 * f, budget.envSteps(), budget.envSteps() / Math.max(seconds, 1e-9), budget.episodes(),
        episodes.meanLast100(), duration(seconds), duration(eta));
  }

  /** {@code 1h02m03s} style. */
  public static String duration(double seconds) {
    if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
      return "?";
    }
    long s = Math.round(seconds);
    return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60)
        : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
  }
}
