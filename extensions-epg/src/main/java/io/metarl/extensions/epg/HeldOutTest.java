package io.metarl.extensions.epg;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.metarl.api.task.Task;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code metarl epg test}: trains fresh policies with an evolved loss on held-out tasks and, on the same
 * tasks with the same initial policies and the same step budget, with the reference A2C loss; reports
 * the final return (mean of the evaluation episodes) and the area under the learning curve (mean return
 * of the training episodes) as the median and the 2.5-97.5 % interval over the seeds, and the inner
 * loop's throughput with each loss. Writes {@code test.json} and {@code test-curves.png}.
 */
public final class HeldOutTest {
  private static final int BINS = 20;

  /**
   * Per-loss results over the seeds.
   *
   * @param finals final returns per seed
   * @param aucs areas under the curve per seed
   * @param stepsPerSecond training env-steps per second per seed
   * @param curve median over seeds of the binned learning curve (bin centre, return)
   */
  public record Arm(double[] finals, double[] aucs, double[] stepsPerSecond, double[][] curve) {}

  /**
   * The comparison.
   *
   * @param evolved the evolved loss
   * @param reference the reference loss
   * @param lifetime training steps per policy
   */
  public record Report(Arm evolved, Arm reference, int lifetime) {
    /** Seeds on which the evolved loss's final return beats the reference's. */
    public int evolvedWins() {
      int w = 0;
      for (int i = 0; i < evolved.finals.length; i++) {
        if (evolved.finals[i] > reference.finals[i]) {
          w++;
        }
      }
      return w;
    }
  }

  private HeldOutTest() {}

  /** Runs the comparison for {@code loss} on {@code run}'s held-out tasks and writes into {@code out}. */
  public static Report run(EpgRun run, EvolvedLoss loss, Path out, PrintStream log) throws IOException {
    String why = loss.mismatch(run.spec());
    if (why != null) {
      throw new IllegalArgumentException(why);
    }
    EpgSettings s = run.settings();
    int life = s.testLifetime() > 0 ? s.testLifetime() : s.inner().lifetime();
    Lifetime lifetime = run.lifetime(s.innerWithLifetime(life), loss.spec());
    int seeds = s.testSeeds();
    Lifetime.Result[] results = new Lifetime.Result[2 * seeds];
    log.printf("held-out test on %s: %d seeds x 2 losses, %d training steps each%n", run.environment(), seeds, life);
    try (PopulationExecutor ex = PopulationExecutor.threads(s.outer().workers())) {
      ex.evaluate(2 * seeds, j -> {
        int k = j / 2;
        long taskSeed = EvolutionStrategy.mix(run.seed(), 0x7E57L, k);
        Task task = run.heldOut().sample(new SplittableRandom(taskSeed));
        long seed = EvolutionStrategy.mix(taskSeed, 2);
        Lifetime.Result r = j % 2 == 0 ? lifetime.run(loss.phi(), 0, task, seed) : lifetime.run(null, 1, task, seed);
        results[j] = r;
        return r.fitness();
      });
    }
    Report report = new Report(arm(results, 0, seeds, life), arm(results, 1, seeds, life), life);
    print(report, log);
    Files.createDirectories(out);
    writeJson(out.resolve("test.json"), run, report);
    plot(out.resolve("test-curves.png"), "held-out learning curves (" + run.environment() + ")", report);
    return report;
  }

  private static Arm arm(Lifetime.Result[] r, int parity, int seeds, int life) {
    double[] finals = new double[seeds];
    double[] aucs = new double[seeds];
    double[] sps = new double[seeds];
    double[][] binned = new double[seeds][BINS];
    for (int k = 0; k < seeds; k++) {
      Lifetime.Result x = r[2 * k + parity];
      finals[k] = x.fitness();
      aucs[k] = x.auc();
      sps[k] = x.stepsPerSecond();
      double[] sum = new double[BINS];
      int[] cnt = new int[BINS];
      for (double[] p : x.curve()) {
        int b = Math.min(BINS - 1, (int) ((p[0] - 1) * BINS / life));
        sum[b] += p[1];
        cnt[b]++;
      }
      double lastSeen = Double.NaN;
      for (int b = 0; b < BINS; b++) {
        if (cnt[b] > 0) {
          lastSeen = sum[b] / cnt[b];
        }
        binned[k][b] = lastSeen;
      }
    }
    double[][] curve = new double[BINS][];
    for (int b = 0; b < BINS; b++) {
      double[] col = new double[seeds];
      int m = 0;
      for (int k = 0; k < seeds; k++) {
        if (!Double.isNaN(binned[k][b])) {
          col[m++] = binned[k][b];
        }
      }
      curve[b] = new double[] {(b + 0.5) * life / BINS, Stats.median(java.util.Arrays.copyOf(col, m))};
    }
    return new Arm(finals, aucs, sps, curve);
  }

  private static String interval(double[] x) {
    return String.format(Locale.ROOT, "%9.2f [%8.2f, %8.2f]", Stats.median(x), Stats.quantile(x, 0.025),
        Stats.quantile(x, 0.975));
  }

  private static void print(Report r, PrintStream log) {
    log.printf("%-16s %-32s %-32s %s%n", "loss", "final return: median [2.5%, 97.5%]", "AUC: median [2.5%, 97.5%]",
        "env-steps/s (median)");
    log.printf("%-16s %-32s %-32s %.0f%n", "evolved (EPG)", interval(r.evolved.finals), interval(r.evolved.aucs),
        Stats.median(r.evolved.stepsPerSecond));
    log.printf("%-16s %-32s %-32s %.0f%n", "reference (A2C)", interval(r.reference.finals), interval(r.reference.aucs),
        Stats.median(r.reference.stepsPerSecond));
    log.printf("evolved beats reference on %d of %d seeds (final return)%n", r.evolvedWins(), r.evolved.finals.length);
  }

  private static void writeJson(Path file, EpgRun run, Report r) throws IOException {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = json.createObjectNode();
    root.put("environment", run.environment());
    root.put("lifetime", r.lifetime());
    root.put("seeds", r.evolved.finals.length);
    root.put("evolved-wins", r.evolvedWins());
    arm(root.putObject("evolved"), r.evolved);
    arm(root.putObject("reference"), r.reference);
    json.writeValue(file.toFile(), root);
  }

  private static void arm(ObjectNode o, Arm a) {
    o.put("final-median", Stats.median(a.finals));
    o.put("final-lo", Stats.quantile(a.finals, 0.025));
    o.put("final-hi", Stats.quantile(a.finals, 0.975));
    o.put("auc-median", Stats.median(a.aucs));
    o.put("auc-lo", Stats.quantile(a.aucs, 0.025));
    o.put("auc-hi", Stats.quantile(a.aucs, 0.975));
    o.put("steps-per-second-median", Stats.median(a.stepsPerSecond));
    ArrayNode f = o.putArray("final");
    for (double v : a.finals) {
      f.add(v);
    }
    ArrayNode u = o.putArray("auc");
    for (double v : a.aucs) {
      u.add(v);
    }
  }

  private static void plot(Path png, String title, Report r) throws IOException {
    System.setProperty("java.awt.headless", "true");
    XYChart chart = new XYChartBuilder().width(900).height(500).title(title).xAxisTitle("training steps")
        .yAxisTitle("episode return (median over seeds)").build();
    add(chart, "evolved loss (EPG)", r.evolved.curve);
    add(chart, "reference (A2C)", r.reference.curve);
    BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  private static void add(XYChart chart, String name, double[][] curve) {
    int m = 0;
    for (double[] p : curve) {
      if (!Double.isNaN(p[1])) {
        m++;
      }
    }
    if (m == 0) {
      return;
    }
    double[] x = new double[m];
    double[] y = new double[m];
    int i = 0;
    for (double[] p : curve) {
      if (!Double.isNaN(p[1])) {
        x[i] = p[0];
        y[i++] = p[1];
      }
    }
    chart.addSeries(name, x, y).setMarker(SeriesMarkers.NONE);
  }
}
