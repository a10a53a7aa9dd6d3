package io.metarl.extensions.epg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.metarl.core.experiment.CellExecutor;
import io.metarl.core.experiment.Engines;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code metarl epg evolve}: the outer loop of EPG. Each epoch evaluates a population of perturbed
 * losses (each member: a fresh policy trained on a sampled task with its loss, fitness = the final
 * policy's mean return; a {@link MemberUnit} run on the engine of {@code metarl.epg.execution}, local
 * threads by default), applies the ES update, prints best/mean/median fitness with an ETA, and
 * writes into the output directory:
 * <ul>
 *   <li>{@code checkpoint/state.json}: phi, Adam's moments, the epoch and the history (resumable; the
 *       same seed and settings resume to exactly the parameters an uninterrupted run reaches);
 *   <li>{@code loss.json}: the current evolved loss ({@link EvolvedLoss}), rewritten every epoch;
 *   <li>{@code fitness.csv} and {@code fitness.png}: the fitness curve over epochs.
 * </ul>
 */
public final class Evolution {
  /** Format tag of the checkpoint. */
  public static final String CHECKPOINT_FORMAT = "metarl-epg-checkpoint/1";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One epoch in the history.
   *
   * @param epoch 0-based epoch
   * @param best best fitness
   * @param mean mean fitness
   * @param median median fitness
   * @param worst lowest fitness
   * @param referenceWeight the bootstrap weight a used
   * @param seconds wall-clock of the epoch
   */
  public record EpochRecord(int epoch, double best, double mean, double median, double worst, double referenceWeight,
      double seconds) {}

  /**
   * The outcome.
   *
   * @param phi final parameters
   * @param history every epoch (including resumed ones)
   * @param resumedFrom epochs found in the checkpoint (0 for a fresh run)
   */
  public record Outcome(double[] phi, List<EpochRecord> history, int resumedFrom) {}

  private Evolution() {}

  /**
   * Runs (or resumes) the evolution of {@code run} into {@code out}.
   *
   * @param maxEpochs stop after this many epochs in this invocation (for tests and time-boxed runs;
   *     {@code Integer.MAX_VALUE} for all)
   */
  public static Outcome run(EpgRun run, Path out, PrintStream log, int maxEpochs) throws IOException {
    try (CellExecutor executor = executor(run)) {
      return run(run, out, log, maxEpochs, executor);
    }
  }

  /**
   * The executor {@code metarl.epg.execution} asks for ({@link Engines}); the local engine's
   * parallelism defaults to {@code outer.workers}.
   *
   * @throws io.metarl.core.config.ConfigValidationException for an unknown engine or a bad setting
   */
  public static CellExecutor executor(EpgRun run) {
    Config exec = run.metarl().hasPath("epg.execution") ? run.metarl().getConfig("epg.execution") : ConfigFactory.empty();
    String engine = exec.hasPath("engine") ? String.valueOf(exec.getValue("engine").unwrapped()) : Engines.DEFAULT;
    if (engine.equals(Engines.DEFAULT) && !exec.hasPath("parallelism")) {
      exec = exec.withValue("parallelism", ConfigValueFactory.fromAnyRef(run.settings().outer().workers(), "metarl.epg.outer.workers"));
    }
    return Engines.create(exec, "metarl.epg.execution", run.registry().classLoader());
  }

  /**
   * Runs (or resumes) the evolution of {@code run} into {@code out}, evaluating every population
   * member as a {@link MemberUnit} on {@code executor} (not closed here).
   *
   * @param maxEpochs stop after this many epochs in this invocation
   */
  public static Outcome run(EpgRun run, Path out, PrintStream log, int maxEpochs, CellExecutor executor) throws IOException {
    EpgSettings s = run.settings();
    OuterSettings outer = s.outer();
    LossNetworkSpec spec = run.lossSpec();
    double[] init = spec.initialParameters(new SplittableRandom(EvolutionStrategy.mix(run.seed(), 0x1417L)));
    EvolutionStrategy es = new EvolutionStrategy(outer, init, run.seed());
    List<EpochRecord> history = new ArrayList<>();
    Path ckpt = out.resolve("checkpoint").resolve("state.json");
    int resumed = 0;
    if (Files.exists(ckpt)) {
      resumed = restore(ckpt, run.digest(), es, history);
      log.printf("resuming from %s at epoch %d/%d%n", ckpt, resumed, outer.epochs());
    }
    Files.createDirectories(out);
    log.printf("EPG: %s, phi has %d parameters, population %d, lifetime %d steps, %d epochs, %d at a time%n",
        run.environment(), spec.parameterCount(), outer.population(), s.inner().lifetime(), outer.epochs(),
        executor.parallelism());
    long start = System.nanoTime();
    int done = 0;
    EvolutionStrategy.Population population = MemberUnit.population(run);
    while (es.epoch() < outer.epochs() && done < maxEpochs) {
      int epoch = es.epoch();
      double a = outer.referenceWeight(epoch);
      EvolutionStrategy.Epoch e = es.step(population, executor);
      double[] f = e.fitness();
      history.add(new EpochRecord(epoch, e.best(), e.mean(), e.median(),
          java.util.Arrays.stream(f).min().orElse(Double.NaN), a, e.seconds()));
      done++;
      double perEpoch = (System.nanoTime() - start) / 1e9 / done;
      double eta = perEpoch * (outer.epochs() - es.epoch());
      log.printf("epoch %d/%d  a=%.2f  best %.2f  mean %.2f  median %.2f  (%.1f s, ETA %s)%n", epoch + 1,
          outer.epochs(), a, e.best(), e.mean(), e.median(), e.seconds(), duration(eta));
      save(ckpt, run, es, history);
      writeArtifacts(out, run, es, history);
    }
    return new Outcome(es.parameters(), List.copyOf(history), resumed);
  }

  /** {@code 1h02m}, {@code 3m20s}, {@code 12s}. */
  static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s >= 3600) {
      return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
    }
    if (s >= 60) {
      return String.format("%dm%02ds", s / 60, s % 60);
    }
    return s + "s";
  }

  private static void writeArtifacts(Path out, EpgRun run, EvolutionStrategy es, List<EpochRecord> history)
      throws IOException {
    EpochRecord last = history.get(history.size() - 1);
    Map<String, Object> prov = new LinkedHashMap<>();
    prov.put("environment", run.environment());
    prov.put("seed", run.seed());
    prov.put("epochs", es.epoch());
    prov.put("last-median-fitness", last.median());
    prov.put("config-digest", run.digest());
    EvolvedLoss.of(run.lossSpec(), run.spec(), es.parameters(), prov).save(out.resolve("loss.json"));
    StringBuilder csv = new StringBuilder("epoch,best,mean,median,worst,reference_weight,seconds\n");
    for (EpochRecord r : history) {
      csv.append(String.format(java.util.Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.6f,%.4f,%.3f%n", r.epoch() + 1, r.best(),
          r.mean(), r.median(), r.worst(), r.referenceWeight(), r.seconds()));
    }
    Files.writeString(out.resolve("fitness.csv"), csv);
    plot(out.resolve("fitness.png"), "EPG fitness (" + run.environment() + ")", history);
  }

  /** Writes the fitness curve (best, mean, median per epoch). */
  static void plot(Path png, String title, List<EpochRecord> history) throws IOException {
    System.setProperty("java.awt.headless", "true");
    int n = history.size();
    double[] x = new double[n];
    double[] best = new double[n];
    double[] mean = new double[n];
    double[] median = new double[n];
    for (int i = 0; i < n; i++) {
      EpochRecord r = history.get(i);
      x[i] = r.epoch() + 1;
      best[i] = r.best();
      mean[i] = r.mean();
      median[i] = r.median();
    }
    XYChart chart = new XYChartBuilder().width(900).height(500).title(title).xAxisTitle("outer epoch")
        .yAxisTitle("fitness (final-policy return)").build();
    chart.addSeries("best", x, best).setMarker(SeriesMarkers.NONE);
    chart.addSeries("mean", x, mean).setMarker(SeriesMarkers.NONE);
    chart.addSeries("median", x, median).setMarker(SeriesMarkers.NONE);
    BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  private static void save(Path file, EpgRun run, EvolutionStrategy es, List<EpochRecord> history) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", CHECKPOINT_FORMAT);
    root.put("config-digest", run.digest());
    root.put("epoch", es.epoch());
    root.put("phi", Codec.encode(es.parameters()));
    EvolutionStrategy.OuterAdam adam = es.optimiser();
    root.put("adam-m", Codec.encode(adam.firstMoments()));
    root.put("adam-v", Codec.encode(adam.secondMoments()));
    root.put("adam-t", adam.iterations());
    ArrayNode h = root.putArray("history");
    for (EpochRecord r : history) {
      ObjectNode o = h.addObject();
      o.put("epoch", r.epoch());
      // doubles as exact text (Base64) so a resumed history is bit-identical
      o.put("values", Codec.encode(new double[] {r.best(), r.mean(), r.median(), r.worst(), r.referenceWeight(), r.seconds()}));
    }
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling("state.json.tmp");
    JSON.writeValue(tmp.toFile(), root);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static int restore(Path file, String digest, EvolutionStrategy es, List<EpochRecord> history) throws IOException {
    JsonNode root = JSON.readTree(file.toFile());
    if (!CHECKPOINT_FORMAT.equals(root.path("format").asText())) {
      throw new IllegalArgumentException(file + " is not an EPG checkpoint (format " + CHECKPOINT_FORMAT + ")");
    }
    if (!digest.equals(root.path("config-digest").asText())) {
      throw new IllegalArgumentException(file + " was written by a run with other settings (seed, environment or"
          + " epg block differ); use another --out directory or delete the checkpoint");
    }
    double[] phi = Codec.decode(root.path("phi").asText());
    int epoch = root.path("epoch").asInt();
    es.restore(phi, epoch);
    es.optimiser().restore(Codec.decode(root.path("adam-m").asText()), Codec.decode(root.path("adam-v").asText()),
        root.path("adam-t").asInt());
    for (JsonNode o : root.path("history")) {
      double[] v = Codec.decode(o.path("values").asText());
      history.add(new EpochRecord(o.path("epoch").asInt(), v[0], v[1], v[2], v[3], v[4], v[5]));
    }
    return epoch;
  }
}
