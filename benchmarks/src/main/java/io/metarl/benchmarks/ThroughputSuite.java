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
 *   <li>{@code train.a2c-cartpole.lanes16.tensorboard}: the A2C loop with the TensorBoard listener, each
 *       chunk ending with a synchronous flush (so encoding and writing count on the measuring thread
 *       whatever the clock); baseline: the same loop without it, in interleaved repetitions
 *       ({@link Bench#measurePair}). The ratio is what logging costs.
 *   <li>{@code pytorch.*}: metarl beside the PyTorch reference scripts of {@code benchmarks/pytorch}
 *       ({@link PyTorchReference}), when a python with torch is found (else one line says so):
 *       {@code pytorch.rl2-bandit.lanes<L>} (RL² A2C, LSTM 48, rollout 10, L = 16, 64, 256; metarl's
 *       Trainer first, then the script with the same timing settings), {@code pytorch.policy.<net>.lanes256}
 *       (our {@code Policy.act} against PyTorch's forward pass and sampling) and
 *       {@code pytorch.ppo-cartpole.8x256} (PPO, 8 lanes x 256 steps, 10 epochs x 4 minibatches: metarl's
 *       {@code ppo} agent against the script's).
 *   <li>{@code train.ppo-cartpole.8x256}: env-steps/s of the PPO loop (8 lanes x 256 steps, 10 epochs x 4
 *       minibatches); baseline: the A2C loop on the same lanes and rollout, measured in the same run.
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
    pytorch();
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
      // Each chunk ends with a synchronous flush, so that encoding and writing (the background thread's
      // work in a run) are timed on the measuring thread with either clock; interleaved repetitions, so
      // that a drift of the load or of the JIT does not land on one side only.
      Run run = Workloads.a2cCartPole();
      var listener = Workloads.tensorboard(run);
      listener.onStart(io.metarl.core.train.TrainingJob.runInfo(run));
      Bench.Chunk train = Workloads.training(run, 16, 20, 1_000_000, 16 * 20 * 8, List.of(listener));
      Bench.Chunk logging = () -> {
        long steps = train.run();
        listener.flush();
        return steps;
      };
      // At least 9 rounds (--quick has 3 repetitions): a few per cent are hard to see on a busy machine.
      Bench.Settings st = bench.settings();
      Bench pairs = new Bench(new Bench.Settings(st.warmups(), Math.max(st.reps(), 9), st.repSeconds(), st.cpuClock()));
      Bench.Measurement[] m = pairs.measurePair(logging, Workloads.training(run, 16, 20, 1_000_000, 16 * 20 * 8));
      listener.onEnd();
      add(Figure.of(logged, m[0].median(), "env-steps/s", "same Trainer loop without the listener (interleaved)",
          m[1].median()), m[0], m[1]);
      Bench.Measurement paired = Bench.pairedRatios(m[0], m[1]);
      log.printf(Locale.ROOT, "    the TensorBoard listener costs %.1f%% of the loop's throughput (median of %d paired rounds,"
          + " %.1f%% to %.1f%%; target <= 5%%)%s%n", 100 * (1 - paired.median()), paired.rates().length,
          100 * (1 - paired.max()), 100 * (1 - paired.min()),
          paired.max() - paired.min() > 0.2 ? "; the rounds disagree by more than 20%: too noisy to judge, rerun with"
              + " --cpu-clock or on an idle machine" : "");
    }
    String ppo = "train.ppo-cartpole.8x256";
    if (wants(ppo)) {
      // PPO's ten passes over each rollout against A2C's one, same lanes and rollout length
      Bench.Chunk ppoLoop = Workloads.training(Workloads.ppoCartPole(), 8, 256, 1_000_000, 8 * 256 * 4);
      warm(ppoLoop, 1.0);
      Bench.Measurement mine = bench.measure(ppoLoop);
      Bench.Measurement a2cLoop = bench.measure(Workloads.training(Workloads.a2cCartPole(), 8, 256, 1_000_000, 8 * 256 * 4));
      add(Figure.of(ppo, mine.median(), "env-steps/s", "the A2C loop, same 8 lanes x 256 steps", a2cLoop.median()),
          mine, a2cLoop);
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

  // ------------------------------------------------------------------ PyTorch reference

  private static final int[] TORCH_LANES = {16, 64, 256};
  private static final String TORCH_RL2 = "PyTorch RL² A2C, 1 thread (rl2_a2c_bandit.py)";

  private void pytorch() {
    List<Integer> rl2 = new ArrayList<>();
    for (int l : TORCH_LANES) {
      if (wants("pytorch.rl2-bandit.lanes" + l)) {
        rl2.add(l);
      }
    }
    boolean lstm = wants("pytorch.policy.lstm48.lanes256");
    boolean mlp = wants("pytorch.policy.mlp64x64.lanes256");
    boolean ppo = wants("pytorch.ppo-cartpole.8x256");
    if (rl2.isEmpty() && !lstm && !mlp && !ppo) {
      return;
    }
    PyTorchReference.Probe probe = PyTorchReference.probe();
    if (!probe.available()) {
      log.println("  pytorch reference: not run, " + probe.problem());
      return;
    }
    PyTorchReference ref;
    try {
      ref = PyTorchReference.open(probe);
    } catch (java.io.IOException e) {
      log.println("  pytorch reference: not run, " + e.getMessage());
      return;
    }
    log.printf(Locale.ROOT, "  pytorch reference: %s with torch %s%n", ref.python(), ref.torchVersion());
    long timeout = (long) Math.max(120, 40 * (bench.settings().warmups() + bench.settings().reps())
        * Math.max(bench.settings().repSeconds(), 0.25));
    boolean[] described = {false};
    java.util.function.Consumer<com.fasterxml.jackson.databind.JsonNode> describe = r -> {
      if (!described[0]) {
        log.println("    " + PyTorchReference.describe(r));
        described[0] = true;
      }
    };
    if (!rl2.isEmpty()) {
      // metarl first (its Trainer, learner-threads 1), then the script with the same timing settings
      Run run = Workloads.rl2Bandit();
      // One second of unmeasured training first, so that a run of these figures alone (--filter) does
      // not time the JIT's first compilations at the first lane count (--quick warms up for 0.5 s only).
      warm(Workloads.training(run, rl2.get(0), 10, 1, (long) rl2.get(0) * 10 * 8), 1.0);
      Map<Integer, Bench.Measurement> ours = new LinkedHashMap<>();
      for (int lanes : rl2) {
        int rollouts = Math.max(8, 1024 / lanes);
        ours.put(lanes, bench.measure(Workloads.training(run, lanes, 10, 1, (long) lanes * 10 * rollouts)));
      }
      List<String> args = new ArrayList<>(List.of("--lanes", String.join(",", rl2.stream().map(String::valueOf).toList()),
          "--rollout", "10"));
      args.addAll(PyTorchReference.timing(bench.settings()));
      try {
        var r = ref.run("rl2_a2c_bandit.py", args, timeout);
        describe.accept(r);
        for (var res : r.path("results")) {
          int lanes = res.path("lanes").asInt();
          Bench.Measurement theirs = PyTorchReference.measurement(res);
          Bench.Measurement mine = ours.get(lanes);
          if (mine != null) {
            add(Figure.of("pytorch.rl2-bandit.lanes" + lanes, mine.median(), "env-steps/s", TORCH_RL2, theirs.median()),
                mine, theirs);
          }
        }
      } catch (java.io.IOException e) {
        log.println("  pytorch reference: rl2_a2c_bandit.py failed: " + e.getMessage());
      }
    }
    if (lstm || mlp) {
      Bench.Measurement lstmOurs = null;
      Bench.Measurement mlpOurs = null;
      if (lstm) {
        Bench.Chunk c = Workloads.ourPolicy(Workloads.rl2Bandit().agent(), 256, 5);
        warm(c, 1.0);
        lstmOurs = bench.measure(c);
      }
      if (mlp) {
        Bench.Chunk c = Workloads.ourPolicy(Workloads.a2cCartPole().agent(), 256, 5);
        warm(c, 1.0);
        mlpOurs = bench.measure(c);
      }
      List<String> args = new ArrayList<>(List.of("--lanes", "256"));
      args.addAll(PyTorchReference.timing(bench.settings()));
      try {
        var r = ref.run("policy_inference.py", args, timeout);
        describe.accept(r);
        for (String net : List.of("lstm48", "mlp64x64")) {
          Bench.Measurement mine = net.equals("lstm48") ? lstmOurs : mlpOurs;
          if (mine == null) {
            continue;
          }
          Bench.Measurement act = null;
          double forward = Double.NaN;
          for (var res : r.path("results")) {
            if (res.path("net").asText().equals(net) && res.path("lanes").asInt() == 256) {
              if (res.path("kind").asText().equals("act")) {
                act = PyTorchReference.measurement(res);
              } else {
                forward = res.path("median").asDouble();
              }
            }
          }
          if (act == null) {
            continue;
          }
          add(Figure.of("pytorch.policy." + net + ".lanes256", mine.median(), "lane-steps/s",
              "PyTorch forward + sampling, 1 thread", act.median()), mine, act);
          log.printf(Locale.ROOT, "    us per lane-step: metarl %.3f, PyTorch %.3f (forward pass alone %.3f)%n",
              1e6 / mine.median(), 1e6 / act.median(), 1e6 / forward);
        }
      } catch (java.io.IOException e) {
        log.println("  pytorch reference: policy_inference.py failed: " + e.getMessage());
      }
    }
    if (ppo) {
      Bench.Chunk loop = Workloads.training(Workloads.ppoCartPole(), 8, 256, 1_000_000, 8 * 256 * 4);
      warm(loop, 1.0);
      Bench.Measurement mine = bench.measure(loop);
      try {
        var r = ref.run("ppo_cartpole.py", PyTorchReference.timing(bench.settings()), timeout);
        describe.accept(r);
        Bench.Measurement theirs = PyTorchReference.measurement(r.path("results").path(0));
        add(Figure.of("pytorch.ppo-cartpole.8x256", mine.median(), "env-steps/s",
            "PyTorch PPO 8x256, 10x4 minibatches, 1 thread (ppo_cartpole.py)", theirs.median()), mine, theirs);
      } catch (java.io.IOException e) {
        log.println("  pytorch reference: ppo_cartpole.py failed: " + e.getMessage());
      }
    }
  }

  /** Runs {@code chunk} unmeasured for at least {@code seconds} of wall time. */
  private static void warm(Bench.Chunk chunk, double seconds) {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    try {
      do {
        chunk.run();
      } while (System.nanoTime() < end);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
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
