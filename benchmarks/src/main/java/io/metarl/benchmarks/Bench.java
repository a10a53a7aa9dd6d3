package io.metarl.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * A plain {@link System#nanoTime()} timing harness (the quick companion of the JMH benchmarks, used by
 * {@code metarl bench}): a workload is a {@link Chunk} that does some units of work and says how many;
 * a repetition calls it until at least {@link Settings#repSeconds()} have passed and divides the units
 * by the elapsed time; {@link Settings#warmups()} repetitions warm the JIT up unmeasured, then the
 * median of {@link Settings#reps()} measured repetitions is reported (the median resists the noise of
 * a shared machine better than the mean).
 *
 * <p>Clock: wall time by default. With {@link Settings#cpuClock()} the elapsed time is the measuring
 * thread's CPU time ({@link ThreadMXBean#getCurrentThreadCpuTime()}): on a machine shared with other
 * jobs this counts only the time the thread actually ran, so figures stop depending on how many
 * other processes compete for the cores. It leaves out the work of other threads (GC, ND4J's
 * deallocator), a small bias in favour of allocation-heavy code; every workload here computes on the
 * calling thread ({@code OMP_NUM_THREADS=1}, one training worker).
 */
public final class Bench {
  private final Settings settings;

  /**
   * Timing settings.
   *
   * @param warmups unmeasured repetitions
   * @param reps measured repetitions (the median is reported)
   * @param repSeconds minimal duration of one repetition
   * @param cpuClock measure the thread's CPU time instead of wall time
   */
  public record Settings(int warmups, int reps, double repSeconds, boolean cpuClock) {
    /** Validates. */
    public Settings {
      if (warmups < 0 || reps < 1 || !(repSeconds > 0)) {
        throw new IllegalArgumentException("need warmups >= 0, reps >= 1, repSeconds > 0");
      }
    }

    /** About a minute for the whole suite: 2 warm-ups and 3 repetitions of 0.25 s. */
    public static Settings quick() {
      return new Settings(2, 3, 0.25, false);
    }

    /** A few minutes for the whole suite: 3 warm-ups and 5 repetitions of 0.8 s. */
    public static Settings full() {
      return new Settings(3, 5, 0.8, false);
    }

    /** The same settings on the thread-CPU clock. */
    public Settings withCpuClock(boolean cpu) {
      return new Settings(warmups, reps, repSeconds, cpu);
    }
  }

  /** One chunk of work. */
  @FunctionalInterface
  public interface Chunk {
    /** Does some work; returns how many units (steps, lane-steps, samples) it did, at least 1. */
    long run() throws Exception;
  }

  /**
   * The outcome of a measurement, in units per second.
   *
   * @param median median rate over the measured repetitions
   * @param min slowest repetition
   * @param max fastest repetition
   * @param rates every measured repetition's rate
   */
  public record Measurement(double median, double min, double max, double[] rates) {
    /** Relative spread {@code (max - min) / median}. */
    public double spread() {
      return median > 0 ? (max - min) / median : 0;
    }
  }

  /** A harness with the given settings. */
  public Bench(Settings settings) {
    this.settings = settings;
  }

  /** The settings. */
  public Settings settings() {
    return settings;
  }

  /** Measures {@code chunk}: warm-ups, then the median rate of the measured repetitions. */
  public Measurement measure(Chunk chunk) {
    for (int i = 0; i < settings.warmups(); i++) {
      rate(chunk);
    }
    double[] rates = new double[settings.reps()];
    for (int i = 0; i < rates.length; i++) {
      rates[i] = rate(chunk);
    }
    return summarise(rates);
  }

  /**
   * Measures {@code a} and {@code b} in interleaved repetitions: the warm-ups alternate (a, b, a, b,
   * ...), then each measured round times both, in the order a-b on even rounds and b-a on odd ones, so
   * that a drift of the machine's load or of the JIT's state touches both sides alike. Returns
   * {@code {a, b}}.
   */
  public Measurement[] measurePair(Chunk a, Chunk b) {
    for (int i = 0; i < settings.warmups(); i++) {
      rate(a);
      rate(b);
    }
    double[] ra = new double[settings.reps()];
    double[] rb = new double[settings.reps()];
    for (int i = 0; i < ra.length; i++) {
      if (i % 2 == 0) {
        ra[i] = rate(a);
        rb[i] = rate(b);
      } else {
        rb[i] = rate(b);
        ra[i] = rate(a);
      }
    }
    return new Measurement[] {summarise(ra), summarise(rb)};
  }

  /**
   * The ratios {@code a / b} of each round of a {@link #measurePair} (the two rates of a round were
   * measured next to each other, so slow drifts of the machine cancel out), summarised.
   */
  public static Measurement pairedRatios(Measurement a, Measurement b) {
    double[] r = new double[Math.min(a.rates().length, b.rates().length)];
    for (int i = 0; i < r.length; i++) {
      r[i] = a.rates()[i] / b.rates()[i];
    }
    return summarise(r);
  }

  /** The median, slowest and fastest of {@code rates} (at least one). */
  public static Measurement summarise(double[] rates) {
    double[] sorted = rates.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    double median = n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    return new Measurement(median, sorted[0], sorted[n - 1], rates.clone());
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private long now() {
    return settings.cpuClock() ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
  }

  private double rate(Chunk chunk) {
    long budget = (long) (settings.repSeconds() * 1e9);
    long units = 0;
    long start = now();
    long elapsed;
    try {
      do {
        long done = chunk.run();
        if (done < 1) {
          throw new IllegalStateException("a benchmark chunk reported " + done + " units of work");
        }
        units += done;
        elapsed = now() - start;
      } while (elapsed < budget);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return units / (elapsed / 1e9);
  }
}
