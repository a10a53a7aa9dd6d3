package io.metarl.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.metarl.api.env.Discrete;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.core.agent.ActorCriticModel;
import io.metarl.core.wiring.Run;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The throughput suite behind {@code metarl bench}: every figure is measured with {@link Bench} beside
 * a baseline measured in the same run, so that the ratio holds even on a busy machine.
 *
 * <ul>
 *   <li>{@code env.<name>}: raw steps/s of one environment stepped directly (reset at episode ends);
 *       baseline: the same environment through core's {@code Lanes} with 16 lanes (the trainer's path:
 *       every observation validated, meta inputs, bookkeeping, autoreset). The ratio is the cost of
 *       the generic path.
 *   <li>{@code policy.<net>.lanes<L>}: our batched {@code Policy.act} (features, forward, sampling) in
 *       lane-steps/s; baseline: the DL4J twin ({@link Dl4jTwins}) run once for all lanes
 *       ({@code ComputationGraph.output} / {@code rnnTimeStep}); {@code ...per-lane}: baseline DL4J
 *       called once per lane (batch 1, so its rate does not depend on the lane count).
 *   <li>{@code learner.<net>}: samples/s of one {@code Learner.learn} (forward, loss, backward through
 *       time, RMSProp) on a filled rollout; baseline: DL4J {@code fit} of the twin on the same shape.
 *   <li>{@code train.<run>}: env-steps/s of core's {@code Trainer} with 16 lanes; baseline: the same loop
 *       with 1 lane.
 *   <li>{@code train.<run>.threads2}: the same loop with {@code learner-threads = 2}; baseline: with 1;
 *       both on the wall clock (whatever {@code --cpu-clock} says), so the machine must have 2 idle cores.
 *   <li>{@code epg.lifetime.cartpole}: training env-steps/s of one EPG inner-loop lifetime
 *       (extensions-epg's {@code Lifetime}, {@value #EPG_LIFETIME} steps, a fresh MLP 64-64 policy on a
 *       task of {@code examples/epg-cartpole.conf}'s CartPole family) updated with an evolved loss L_phi
 *       (phi initialised from a fixed seed); baseline: the same lifetime with the reference A2C loss.
 *       The ratio is the inner loop's cost of L_phi (issue #13).
 * </ul>
 */
public final class ThroughputSuite {
  private static final int[] LANES = {1, 16, 256};
  /** Environment steps of one EPG lifetime in {@code epg.lifetime.*} (one chunk of work). */
  public static final int EPG_LIFETIME = 2048;
  private final Bench bench;
  private final Predicate<String> filter;
  private final PrintWriter log;
  private final double profileSeconds;
  private final List<Figure> figures = new ArrayList<>();
  private final Map<String, Map<String, Double>> profiles = new LinkedHashMap<>();
  private final Bench wallBench;

  /**
   * @param settings timing settings
   * @param filter which figures to measure, by name (null for all)
   * @param log where progress lines go
   * @param profileSeconds seconds of sampling per end-to-end loop (0: no profile)
   */
  public ThroughputSuite(Bench.Settings settings, Pattern filter, PrintWriter log, double profileSeconds) {
    this.bench = new Bench(settings);
    // Figures that use more than one thread are timed on the wall clock: the CPU clock of the measuring
    // thread would leave out the other threads' work.
    this.wallBench = new Bench(new Bench.Settings(settings.warmups(), settings.reps(), settings.repSeconds(), false));
    this.filter = filter == null ? n -> true : n -> filter.matcher(n).find();
    this.log = log;
    this.profileSeconds = profileSeconds;
  }

  /** Measures every selected figure; returns them in order. */
  public List<Figure> run() {
    environments();
    policies();
    learners();
    training();
    epg();
    return List.copyOf(figures);
  }

  /** The profiles of the end-to-end loops measured by {@link #run()}: loop name to part to share. */
  public Map<String, Map<String, Double>> profiles() {
    return profiles;
  }

  private boolean wants(String name) {
    return filter.test(name);
  }

  private void add(Figure f, Bench.Measurement value, Bench.Measurement baseline) {
    figures.add(f);
    log.printf(Locale.ROOT, "  %-34s %14s %-14s (spread %3.0f%%)  vs %14s (spread %3.0f%%)  x%.2f  [%s]%n", f.name(),
        number(f.value()), f.unit(), 100 * value.spread(), number(f.baselineValue()), 100 * baseline.spread(), f.ratio(),
        f.baselineName());
  }

  // ------------------------------------------------------------------ figures

  private void environments() {
    Workloads.EnvCase[] cases = {Workloads.bandit(), Workloads.cartPole(), Workloads.lunarLander()};
    int[] chunk = {200_000, 50_000, 1_000};
    for (int i = 0; i < cases.length; i++) {
      Workloads.EnvCase env = cases[i];
      String name = "env." + env.name();
      if (!wants(name)) {
        continue;
      }
      Bench.Measurement direct = bench.measure(Workloads.directStepping(env, chunk[i]));
      Bench.Measurement lanes = bench.measure(Workloads.lanesStepping(env, 16, Math.max(1, chunk[i] / 16)));
      add(Figure.of(name, direct.median(), "steps/s", "same env through core Lanes x16", lanes.median()), direct, lanes);
    }
  }

  private void policies() {
    boolean mlp = false;
    boolean lstm = false;
    for (int l : LANES) {
      mlp |= wants("policy.mlp64x64.lanes" + l) || wants("policy.mlp64x64.lanes" + l + ".per-lane");
      lstm |= wants("policy.lstm48.lanes" + l) || wants("policy.lstm48.lanes" + l + ".per-lane");
    }
    if (mlp) {
      Run run = Workloads.a2cCartPole();
      EnvironmentSpec spec = run.tasks().spec();
      int obs = spec.observationSpace().flatSize();
      int actions = ((Discrete) spec.actionSpace()).n();
      ComputationGraph graph = Dl4jTwins.mlp(obs, List.of(64, 64), actions);
      Bench.Measurement perLane = null;
      for (int lanes : LANES) {
        String name = "policy.mlp64x64.lanes" + lanes;
        int calls = lanes == 1 ? 200 : lanes == 16 ? 50 : 5;
        Bench.Measurement ours = null;
        if (wants(name)) {
          ours = bench.measure(Workloads.ourPolicy(run.agent(), lanes, calls));
          Bench.Measurement dl4j = bench.measure(Workloads.dl4jMlpPolicy(graph, obs, lanes, Math.max(2, calls / 5)));
          add(Figure.of(name, ours.median(), "lane-steps/s", "dl4j ComputationGraph.output, all lanes in one call", dl4j.median()), ours, dl4j);
        }
        if (lanes > 1 && wants(name + ".per-lane")) {
          if (ours == null) {
            ours = bench.measure(Workloads.ourPolicy(run.agent(), lanes, calls));
          }
          if (perLane == null) {
            perLane = bench.measure(Workloads.dl4jMlpPolicy(graph, obs, 1, 20));
          }
          add(Figure.of(name + ".per-lane", ours.median(), "lane-steps/s", "dl4j ComputationGraph.output, one call per lane", perLane.median()), ours, perLane);
        }
      }
    }
    if (lstm) {
      Run run = Workloads.rl2Bandit();
      EnvironmentSpec spec = run.tasks().spec();
      int actions = ((Discrete) spec.actionSpace()).n();
      int inputs = spec.observationSpace().flatSize() + actions + 2;
      Bench.Measurement perLane = null;
      for (int lanes : LANES) {
        String name = "policy.lstm48.lanes" + lanes;
        int calls = lanes == 1 ? 200 : lanes == 16 ? 50 : 5;
        Bench.Measurement ours = null;
        if (wants(name)) {
          ours = bench.measure(Workloads.ourPolicy(run.agent(), lanes, calls));
          MultiLayerNetwork net = Dl4jTwins.lstm(inputs, 48, actions + 1);
          Bench.Measurement dl4j = bench.measure(Workloads.dl4jLstmPolicy(net, inputs, lanes, Math.max(2, calls / 5)));
          add(Figure.of(name, ours.median(), "lane-steps/s", "dl4j rnnTimeStep, all lanes in one call", dl4j.median()), ours, dl4j);
        }
        if (lanes > 1 && wants(name + ".per-lane")) {
          if (ours == null) {
            ours = bench.measure(Workloads.ourPolicy(run.agent(), lanes, calls));
          }
          if (perLane == null) {
            MultiLayerNetwork net = Dl4jTwins.lstm(inputs, 48, actions + 1);
            perLane = bench.measure(Workloads.dl4jLstmPolicy(net, inputs, 1, 20));
          }
          add(Figure.of(name + ".per-lane", ours.median(), "lane-steps/s", "dl4j rnnTimeStep, one call per lane", perLane.median()), ours, perLane);
        }
      }
    }
  }

  private void learners() {
    String mlpName = "learner.mlp64x64.16x20";
    if (wants(mlpName)) {
      Run run = Workloads.a2cCartPole();
      EnvironmentSpec spec = run.tasks().spec();
      int obs = spec.observationSpace().flatSize();
      int actions = ((Discrete) spec.actionSpace()).n();
      Bench.Measurement ours = bench.measure(Workloads.ourLearner(run.agent(), 20, 16));
      Bench.Measurement dl4j = bench.measure(Workloads.dl4jMlpFit(Dl4jTwins.mlp(obs, List.of(64, 64), actions), obs, actions, 20 * 16));
      add(Figure.of(mlpName, ours.median(), "samples/s", "dl4j ComputationGraph.fit, 320 samples", dl4j.median()), ours, dl4j);
    }
    String lstmName = "learner.lstm48.16x100";
    if (wants(lstmName)) {
      Run run = Workloads.rl2Bandit();
      EnvironmentSpec spec = run.tasks().spec();
      int actions = ((Discrete) spec.actionSpace()).n();
      int inputs = spec.observationSpace().flatSize() + actions + 2;
      Bench.Measurement ours = bench.measure(Workloads.ourLearner(run.agent(), 100, 16));
      Bench.Measurement dl4j = bench.measure(Workloads.dl4jLstmFit(Dl4jTwins.lstm(inputs, 48, actions + 1), inputs, actions + 1, 100, 16));
      add(Figure.of(lstmName, ours.median(), "samples/s", "dl4j MultiLayerNetwork.fit, 16 sequences x 100 (BPTT)", dl4j.median()), ours, dl4j);
    }
  }

  private void training() {
    String a2c = "train.a2c-cartpole.lanes16";
    if (wants(a2c)) {
      Run run = Workloads.a2cCartPole();
      Bench.Measurement many = bench.measure(Workloads.training(run, 16, 20, 1_000_000, 16 * 20 * 8));
      Bench.Measurement one = bench.measure(Workloads.training(run, 1, 20, 1_000_000, 16 * 20 * 8));
      add(Figure.of(a2c, many.median(), "env-steps/s", "same Trainer loop, lanes=1", one.median()), many, one);
      profile(a2c, Workloads.training(run, 16, 20, 1_000_000, 16 * 20 * 8));
    }
    String logged = "train.a2c-cartpole.lanes16.tensorboard";
    if (wants(logged)) {
      // The cost of logging: the same loop with the TensorBoard listener writing every episode and update.
      Run run = Workloads.a2cCartPole();
      var listener = Workloads.tensorboard(run);
      Bench.Measurement with = bench.measure(Workloads.training(run, 16, 20, 1_000_000, 16 * 20 * 8, List.of(listener)));
      Bench.Measurement without = bench.measure(Workloads.training(run, 16, 20, 1_000_000, 16 * 20 * 8));
      listener.onEnd();
      add(Figure.of(logged, with.median(), "env-steps/s", "same Trainer loop without the listener", without.median()), with, without);
    }
    String rl2 = "train.rl2-bandit.lanes16";
    if (wants(rl2)) {
      Run run = Workloads.rl2Bandit();
      // Chunks of 8 updates at 16 lanes (a new Trainer each, so the first update of a chunk has to replay
      // the rollout's forward pass; the later ones reuse the acting passes, as all but the first of a run do).
      Bench.Measurement many = bench.measure(Workloads.training(run, 16, 100, 1, 16 * 100 * 8));
      Bench.Measurement one = bench.measure(Workloads.training(run, 1, 100, 1, 16 * 100 * 8));
      add(Figure.of(rl2, many.median(), "env-steps/s", "same Trainer loop, lanes=1", one.median()), many, one);
      profile(rl2, Workloads.training(run, 16, 100, 1, 16 * 100 * 8));
    }
    // learner-threads = 2: each step's forward pass and each update split over two threads by lanes.
    // Wall clock for both sides, so the ratio is the speed-up on this machine (it needs 2 idle cores).
    String lstm48 = "metarl.agent.memory.units=48";
    twoThreads("train.a2c-cartpole.lanes16.threads2", "a2c", "cartpole", List.of(), 16, 20, 1_000_000, 8);
    twoThreads("train.rl2-bandit.lanes16.threads2", "rl2", "bandit-dependent", List.of(lstm48), 16, 100, 1, 8);
    // The same with 64 lanes (the batch of the fine-tuning stage, examples/rl2-bandit-dependent-finetune.conf).
    twoThreads("train.rl2-bandit.lanes64.threads2", "rl2", "bandit-dependent", List.of(lstm48), 64, 10, 1, 8);
  }

  /**
   * Figure {@code name}: the Trainer loop of {@code agent} on {@code environment} (with {@code overrides})
   * with {@code learner-threads = 2} against 1, both on the wall clock, {@code rollouts} rollouts per chunk.
   */
  private void twoThreads(String name, String agent, String environment, List<String> overrides, int lanes,
      int rolloutLength, int episodesPerTrial, int rollouts) {
    if (!wants(name)) {
      return;
    }
    List<String> withThreads = new ArrayList<>(overrides);
    withThreads.add("metarl.agent.learner-threads=2");
    Run two = Workloads.run(agent, environment, withThreads.toArray(String[]::new));
    Run one = Workloads.run(agent, environment, overrides.toArray(String[]::new));
    long chunk = (long) lanes * rolloutLength * rollouts;
    Bench.Measurement m2 = wallBench.measure(Workloads.training(two, lanes, rolloutLength, episodesPerTrial, chunk));
    Bench.Measurement m1 = wallBench.measure(Workloads.training(one, lanes, rolloutLength, episodesPerTrial, chunk));
    two.agent().close();
    add(Figure.of(name, m2.median(), "env-steps/s", "same loop, learner-threads=1 (both on the wall clock)", m1.median()),
        m2, m1);
  }

  private void epg() {
    String name = "epg.lifetime.cartpole";
    if (wants(name)) {
      // One chunk is one whole lifetime (acting, buffer, an update every 64 steps), so each repetition
      // holds at least one lifetime; both losses run the same sequence of tasks and seeds.
      var run = Workloads.epgCartPole();
      Bench.Measurement evolved = bench.measure(Workloads.epgLifetime(run, Workloads.epgPhi(run, 1), EPG_LIFETIME));
      Bench.Measurement reference = bench.measure(Workloads.epgLifetime(run, null, EPG_LIFETIME));
      add(Figure.of(name, evolved.median(), "env-steps/s",
          "same lifetime, reference A2C loss (" + EPG_LIFETIME + " steps)", reference.median()), evolved, reference);
    }
  }

  private void profile(String name, Bench.Chunk chunk) {
    if (profileSeconds <= 0) {
      return;
    }
    long end = System.nanoTime() + (long) (profileSeconds * 1e9);
    SamplingProfiler p = SamplingProfiler.start(Thread.currentThread());
    try {
      while (System.nanoTime() < end) {
        chunk.run();
      }
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      p.close();
    }
    Map<String, Double> shares = p.shares();
    profiles.put(name, shares);
    StringBuilder sb = new StringBuilder();
    shares.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "%s %.0f%%; ", k, 100 * v)));
    log.printf(Locale.ROOT, "  profile of %s (%d samples): %s%n", name, p.samples(), sb);
  }

  // ------------------------------------------------------------------ output

  /** The figures as a table. */
  public static String table(List<Figure> figures) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "| %-32s | %14s | %-12s | %-52s | %14s | %7s |%n", "figure", "value", "unit", "baseline",
        "baseline value", "ratio"));
    sb.append(String.format(Locale.ROOT, "|%s|%s:|%s|%s|%s:|%s:|%n", "-".repeat(34), "-".repeat(15), "-".repeat(14), "-".repeat(54),
        "-".repeat(15), "-".repeat(8)));
    for (Figure f : figures) {
      sb.append(String.format(Locale.ROOT, "| %-32s | %14s | %-12s | %-52s | %14s | %7.2f |%n", f.name(), number(f.value()), f.unit(),
          f.baselineName(), number(f.baselineValue()), f.ratio()));
    }
    return sb.toString();
  }

  /** The figures as JSON: a list of {@code {name, value, unit, baseline_name, baseline_value, ratio}}. */
  public static String json(List<Figure> figures) {
    ObjectMapper mapper = new ObjectMapper();
    ArrayNode list = mapper.createArrayNode();
    for (Figure f : figures) {
      ObjectNode o = list.addObject();
      o.put("name", f.name());
      putNumber(o, "value", f.value());
      o.put("unit", f.unit());
      o.put("baseline_name", f.baselineName());
      putNumber(o, "baseline_value", f.baselineValue());
      putNumber(o, "ratio", f.ratio());
    }
    try {
      return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(list);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void putNumber(ObjectNode o, String key, double v) {
    if (Double.isFinite(v)) {
      o.put(key, v);
    } else {
      o.putNull(key);
    }
  }

  /** Writes {@link #json} to {@code file}, creating its directory. */
  public static void writeJson(List<Figure> figures, Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Files.writeString(file, json(figures) + "\n");
  }

  /** A one-line description of the machine and JVM the figures come from. */
  public static String machine() {
    String omp = System.getenv("OMP_NUM_THREADS");
    return String.format(Locale.ROOT, "java %s (%s), %d processors, os %s %s, OMP_NUM_THREADS=%s, ActorCriticModel from %s",
        System.getProperty("java.version"), System.getProperty("java.vm.name"), Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name"), System.getProperty("os.arch"), omp == null ? "(unset)" : omp,
        ActorCriticModel.class.getProtectionDomain().getCodeSource() == null ? "?"
            : Path.of(ActorCriticModel.class.getProtectionDomain().getCodeSource().getLocation().getPath()).getFileName());
  }

  /** A one-line description of the timing settings. */
  public static String describe(Bench.Settings s) {
    return String.format(Locale.ROOT, "timing: %d warm-up + %d measured repetitions of >= %.2f s each, median; clock: %s",
        s.warmups(), s.reps(), s.repSeconds(), s.cpuClock() ? "measuring thread's CPU time" : "wall time");
  }

  static String number(double v) {
    if (!Double.isFinite(v)) {
      return "n/a";
    }
    if (Math.abs(v) >= 100) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    return String.format(Locale.ROOT, "%.3g", v);
  }

  /**
   * Runs the suite from the command line: {@code [--quick] [--out FILE.json] [--filter REGEX]
   * [--no-profile] [--cpu-clock]}.
   */
  public static void main(String[] args) throws IOException {
    boolean quick = false;
    boolean profile = true;
    boolean cpu = false;
    Path out = null;
    Pattern filter = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--no-profile" -> profile = false;
        case "--cpu-clock" -> cpu = true;
        case "--out" -> out = Path.of(args[++i]);
        case "--filter" -> filter = Pattern.compile(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + "; expected [--quick] [--out FILE.json] [--filter REGEX] [--no-profile] [--cpu-clock]");
      }
    }
    Bench.Settings s = (quick ? Bench.Settings.quick() : Bench.Settings.full()).withCpuClock(cpu);
    PrintWriter w = new PrintWriter(System.out, true);
    w.println(machine());
    w.println(describe(s));
    ThroughputSuite suite = new ThroughputSuite(s, filter, w, profile ? (quick ? 1.5 : 4.0) : 0);
    List<Figure> figures = suite.run();
    w.println();
    w.print(table(figures));
    if (out != null) {
      writeJson(figures, out);
      w.println("wrote " + out);
    }
    w.flush();
  }
}
