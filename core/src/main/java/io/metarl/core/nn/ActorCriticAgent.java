package io.metarl.core.nn;

import io.metarl.api.agent.Agent;
import io.metarl.api.agent.Differentiable;
import io.metarl.api.agent.Learner;
import io.metarl.api.agent.MetaMemory;
import io.metarl.api.agent.Mode;
import io.metarl.api.agent.Policy;
import io.metarl.api.agent.PolicyInput;
import io.metarl.api.agent.PolicyOutput;
import io.metarl.api.agent.RolloutBatch;
import io.metarl.api.agent.UpdateResult;
import io.metarl.api.env.Box;
import io.metarl.api.env.Discrete;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.api.loss.PolicyLoss;
import io.metarl.api.agent.Resumable;
import io.metarl.core.config.OptimizerSettings;
import io.metarl.core.rollout.Rng;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The actor-critic agent behind the {@code a2c}, {@code a3c} and {@code rl2} plugins: one set of global
 * parameters and an optimiser; each worker's {@link Learner} acts from a local copy of the parameters,
 * computes the gradient of its loss on its own rollouts (the configured {@link PolicyLoss}, default
 * {@link PolicyGradientLoss a2c-pg}, plus the critic's value loss), applies it to the global
 * parameters (under a lock) and re-reads them. With one worker this is synchronous A2C; with several,
 * each in its own thread, it is A3C (Mnih et al. 2016). With a memory it is RL² (Duan et al. 2016):
 * an LSTM over the observation and the previous action, reward and done flag, whose state is kept per
 * lane, reset at a trial's start and carried across the trial's episodes.
 *
 * <p>With {@code learner-threads = n > 1} each learner splits its lanes into n shards: every step's
 * forward pass and every update's replay and backward pass run one shard per thread ({@link ShardRunner});
 * sampling, the loss and the optimiser step stay in the worker's thread, and the shards' gradients are
 * added in shard order, so a run is reproducible for a given n.
 */
public final class ActorCriticAgent implements Agent {
  private static final int MAGIC = 0x4D524C50; // "MRLP"
  private final EnvironmentSpec env;
  private final ActorCriticSettings settings;
  private final ActorCriticNetwork network;
  private final Features features;
  private final Optimizer optimizer;
  private final double[] params;
  private final String name;
  private final Supplier<PolicyLoss> policyLoss;
  // The helper threads of every learner's split steps (learner-threads > 1), stopped by close().
  private final java.util.List<ShardRunner> runners = new java.util.ArrayList<>();
  // The parameters before the optimiser step, to undo a step that made one non-finite.
  private double[] rollback;

  /**
   * An agent with the built-in policy loss {@code a2c-pg} ({@link PolicyGradientLoss}) with the
   * settings' entropy coefficient.
   *
   * @param name the plugin name (recorded in checkpoints)
   * @param env the environment spec
   * @param settings the agent's settings
   * @param optimizer the optimiser settings
   * @param seed seeds the initial parameters
   */
  public ActorCriticAgent(String name, EnvironmentSpec env, ActorCriticSettings settings, OptimizerSettings optimizer, long seed) {
    this(name, env, settings, optimizer, seed, () -> new PolicyGradientLoss(settings.entropyCoefficient()));
  }

  /**
   * @param name the plugin name (recorded in checkpoints)
   * @param env the environment spec
   * @param settings the agent's settings (its entropy coefficient is used by {@code a2c-pg} only)
   * @param optimizer the optimiser settings
   * @param seed seeds the initial parameters
   * @param policyLoss makes one policy loss per learner ({@link PolicyLosses#fromAgentSection})
   */
  public ActorCriticAgent(String name, EnvironmentSpec env, ActorCriticSettings settings, OptimizerSettings optimizer, long seed,
      Supplier<PolicyLoss> policyLoss) {
    this.name = name;
    this.policyLoss = policyLoss;
    this.env = env;
    this.settings = settings;
    this.features = new Features(env, settings.memoryUnits() > 0);
    int discrete = env.actionSpace() instanceof Discrete d ? d.n() : 0;
    int continuous = env.actionSpace() instanceof Box b ? b.flatSize() : 0;
    this.network = new ActorCriticNetwork(new NetworkSpec(features.size(), settings.hidden(), settings.activation(),
        settings.sharedTorso(), settings.memoryUnits(), discrete, continuous, settings.initialLogStd()));
    this.params = network.initialParameters(new SplittableRandom(seed));
    this.optimizer = new Optimizer(optimizer, network.parameterCount());
  }

  @Override
  public EnvironmentSpec spec() {
    return env;
  }

  @Override
  public int workers() {
    return settings.workers();
  }

  @Override
  public boolean recurrent() {
    return settings.memoryUnits() > 0;
  }

  @Override
  public synchronized void trainingProgress(double fraction) {
    optimizer.progress(fraction);
  }

  @Override
  public long parameterCount() {
    return network.parameterCount();
  }

  /** The network (for tests and the plain-Java/DL4J parity checks). */
  public ActorCriticNetwork network() {
    return network;
  }

  /** A copy of the global parameters. */
  public synchronized double[] parameters() {
    return params.clone();
  }

  @Override
  public Learner learner(int worker, int lanes, long seed) {
    return new Worker(lanes, seed, true);
  }

  @Override
  public Policy policy(int lanes, long seed) {
    return new Worker(lanes, seed, false);
  }

  private synchronized ShardRunner newRunner(int shards) {
    ShardRunner r = new ShardRunner(shards, "metarl-learner-" + runners.size());
    runners.add(r);
    return r;
  }

  @Override
  public synchronized void close() {
    for (ShardRunner r : runners) {
      r.close();
    }
    runners.clear();
  }

  private synchronized double apply(double[] grad, double[] local) {
    if (rollback == null) {
      rollback = new double[params.length];
    }
    double[] before = rollback;
    System.arraycopy(params, 0, before, 0, params.length);
    double norm = optimizer.step(params, grad);
    for (int i = 0; i < params.length; i++) {
      if (!Double.isFinite(params[i])) {
        System.arraycopy(before, 0, params, 0, params.length);
        throw new IllegalStateException("parameter " + i + " became non-finite after the optimizer step (gradient norm "
            + norm + "); the update was undone");
      }
    }
    System.arraycopy(params, 0, local, 0, params.length);
    return norm;
  }

  private synchronized void read(double[] local) {
    System.arraycopy(params, 0, local, 0, params.length);
  }

  @Override
  public synchronized void save(Path dir) throws IOException {
    Files.writeString(dir.resolve("network.txt"), describe() + "\n");
    write(dir.resolve("parameters.bin"), params);
    double[] opt = optimizer.state();
    try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(dir.resolve("optimizer.bin"))))) {
      out.writeInt(MAGIC);
      out.writeInt(optimizer.iterations());
      out.writeInt(opt.length);
      for (double v : opt) {
        out.writeDouble(v);
      }
    }
  }

  @Override
  public synchronized void load(Path dir) throws IOException {
    Path desc = dir.resolve("network.txt");
    if (!Files.isRegularFile(desc)) {
      throw new IOException(desc + " is missing: not an actor-critic checkpoint");
    }
    String saved = Files.readString(desc).trim();
    if (!saved.equals(describe())) {
      throw new IOException(desc + ": the checkpoint's network (" + saved + ") differs from the configured one (" + describe() + ")");
    }
    double[] loaded = read(dir.resolve("parameters.bin"), params.length);
    Path optFile = dir.resolve("optimizer.bin");
    try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(optFile)))) {
      if (in.readInt() != MAGIC) {
        throw new IOException(optFile + " is not a metarl optimizer file");
      }
      int iterations = in.readInt();
      int n = in.readInt();
      if (n != optimizer.state().length) {
        throw new IOException(optFile + " holds " + n + " optimizer values, the configured optimizer has " + optimizer.state().length);
      }
      double[] st = new double[n];
      for (int i = 0; i < n; i++) {
        st[i] = in.readDouble();
      }
      optimizer.restore(st, iterations);
    } catch (EOFException e) {
      throw new IOException(optFile + " is truncated", e);
    }
    System.arraycopy(loaded, 0, params, 0, params.length);
  }

  private String describe() {
    NetworkSpec s = network.spec();
    return name + " input=" + s.inputSize() + " hidden=" + s.hidden() + " activation=" + s.activation()
        + " shared=" + s.sharedTorso() + " lstm=" + s.lstmUnits() + " discrete=" + s.discreteActions()
        + " continuous=" + s.continuousActions() + " parameters=" + network.parameterCount();
  }

  private static void write(Path file, double[] values) throws IOException {
    try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file)))) {
      out.writeInt(MAGIC);
      out.writeInt(values.length);
      for (double v : values) {
        out.writeDouble(v);
      }
    }
  }

  private static double[] read(Path file, int expected) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + " is missing");
    }
    try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
      if (in.readInt() != MAGIC) {
        throw new IOException(file + " is not a metarl parameter file");
      }
      int n = in.readInt();
      if (n != expected) {
        throw new IOException(file + " holds " + n + " parameters, the configured network has " + expected);
      }
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = in.readDouble();
        if (!Double.isFinite(v[i])) {
          throw new IOException(file + " holds a non-finite parameter at index " + i);
        }
      }
      return v;
    } catch (EOFException e) {
      throw new IOException(file + " is truncated", e);
    }
  }

  /** A worker's learner, or (not learning) a frozen inference policy. */
  private final class Worker implements Learner, MetaMemory, Resumable {
    private final int lanes;
    private final boolean learning;
    private Rng rng;
    private final double[] local;
    private final int units = network.units();
    private final double[] h;
    private final double[] c;
    private final double[] hStart;
    private final double[] cStart;
    // Memory a forward pass may overwrite where h/c or hStart/cStart must stay as they are.
    private final double[] hScratch;
    private final double[] cScratch;
    private final ActorCriticNetwork.Trace actTrace;
    private final ActorCriticNetwork.Trace valueTrace;
    private ActorCriticNetwork.Trace learnTrace;
    // Acting into the learn trace: act number t of a rollout runs the forward pass of step t of learnTrace
    // (of each shard's trace with learner-threads > 1) with ActorCriticNetwork.forwardStep, which is what
    // the replay before the update would compute again, bit for bit, from the same parameters, inputs and
    // initial memory; the update then skips the replay. acted counts the steps acted into the traces since
    // the last update; -1 when they do not hold this rollout's activations (the first rollout, after a
    // replay of some batch, a resume or an extra act).
    private int acted = -1;
    private double[] checkInput;
    private final double[] prob;
    private final int p = network.spec().policyOutputs();
    private final PolicyLoss loss;
    // Split updates (learner-threads > 1): shard k owns lanes shardLo[k] .. shardLo[k + 1] - 1 and has
    // its own trace and gradient; the shards' gradients are summed in shard order, so a given number of
    // shards always gives the same result whichever thread finishes first.
    private final int shards;
    private final int[] shardLo;
    private final ActorCriticNetwork.Trace[] shardTrace;
    private final double[][] shardGrad;
    private final double[][] shardDPolicy;
    private final double[][] shardDValue;
    private final ShardRunner runner;
    // Split acting: per shard a one-step trace; per shard a copy of its lanes' memory (acting and
    // replay); the acting outputs gathered in lane order. Allocated only with more than one shard.
    private final ActorCriticNetwork.Trace[] actShardTrace;
    private final double[][] shardH;
    private final double[][] shardC;
    private final double[] actPolicy;
    private final double[] actValue;
    // The replayed outputs at full-batch layout (sample t * lanes + lane): the learn trace's own arrays
    // with one shard, gathered from the shards otherwise.
    private double[] replayPolicy;
    private double[] replayValue;

    Worker(int lanes, long seed, boolean learning) {
      this.lanes = lanes;
      this.learning = learning;
      this.rng = new Rng(seed);
      this.loss = learning ? policyLoss.get() : null;
      if (loss != null) {
        loss.reset(seed);
      }
      this.local = new double[network.parameterCount()];
      read(local);
      this.h = new double[lanes * units];
      this.c = new double[lanes * units];
      this.hStart = new double[lanes * units];
      this.cStart = new double[lanes * units];
      this.hScratch = new double[lanes * units];
      this.cScratch = new double[lanes * units];
      this.actTrace = network.newTrace(1, lanes);
      this.valueTrace = network.newTrace(1, lanes);
      this.prob = new double[p];
      this.shards = learning ? Math.min(settings.learnerThreads(), lanes) : 1;
      this.shardLo = new int[shards + 1];
      for (int k = 0; k <= shards; k++) {
        shardLo[k] = (int) ((long) lanes * k / shards);
      }
      this.shardTrace = new ActorCriticNetwork.Trace[shards];
      this.shardGrad = new double[shards][];
      this.shardDPolicy = new double[shards][];
      this.shardDValue = new double[shards][];
      this.runner = shards > 1 ? newRunner(shards) : null;
      this.actShardTrace = new ActorCriticNetwork.Trace[shards];
      this.shardH = new double[shards][];
      this.shardC = new double[shards][];
      if (shards > 1) {
        for (int k = 0; k < shards; k++) {
          int width = shardLo[k + 1] - shardLo[k];
          actShardTrace[k] = network.newTrace(1, width);
          shardH[k] = new double[width * units];
          shardC[k] = new double[width * units];
        }
      }
      this.actPolicy = shards > 1 ? new double[lanes * p] : null;
      this.actValue = shards > 1 ? new double[lanes] : null;
    }

    /**
     * The acting forward pass split by lanes over the shards; outputs gathered into actPolicy/actValue.
     * As with one shard, step t of a rollout is acted into step t of each shard's learn trace when
     * those hold this rollout ({@code acted}), else into the shards' one-step traces.
     */
    private void actSharded(PolicyInput in) {
      int step = nextActedStep();
      boolean intoShardTraces = step >= 0;
      int t = Math.max(step, 0);
      runner.run(k -> {
        int lo = shardLo[k];
        int width = shardLo[k + 1] - lo;
        ActorCriticNetwork.Trace tr = intoShardTraces ? shardTrace[k] : actShardTrace[k];
        int first = t * width;
        features.fill(in, lo, lo + width, tr.input(), first);
        System.arraycopy(in.trialStart, lo, tr.reset(), first, width);
        double[] hk = shardH[k];
        double[] ck = shardC[k];
        System.arraycopy(h, lo * units, hk, 0, width * units);
        System.arraycopy(c, lo * units, ck, 0, width * units);
        network.forwardStep(local, tr, t, hk, ck);
        System.arraycopy(hk, 0, h, lo * units, width * units);
        System.arraycopy(ck, 0, c, lo * units, width * units);
        System.arraycopy(tr.policy, first * p, actPolicy, lo * p, width * p);
        System.arraycopy(tr.value, first, actValue, lo, width);
      });
    }

    /**
     * {@link #replay} split by lanes over the shards (skipped when the shards' traces hold the batch's
     * acting passes, see {@link #actedInto}); the outputs are gathered into replayPolicy/replayValue.
     */
    private void replaySharded(RolloutBatch b) {
      int steps = b.steps;
      int n = steps * lanes;
      if (replayPolicy == null || replayValue.length != n) {
        replayPolicy = new double[n * p];
        replayValue = new double[n];
      }
      boolean reuse = actedInto(b);
      acted = -1;
      runner.run(k -> {
        int lo = shardLo[k];
        int width = shardLo[k + 1] - lo;
        ActorCriticNetwork.Trace tr = shardTrace[k];
        if (tr == null || tr.steps != steps) {
          tr = network.newTrace(steps, width);
          shardTrace[k] = tr;
        }
        if (!reuse) {
          boolean[] reset = tr.reset();
          for (int t = 0; t < steps; t++) {
            features.fill(b.inputs[t], lo, lo + width, tr.input(), t * width);
            System.arraycopy(b.inputs[t].trialStart, lo, reset, t * width, width);
          }
          double[] hk = shardH[k];
          double[] ck = shardC[k];
          System.arraycopy(hStart, lo * units, hk, 0, width * units);
          System.arraycopy(cStart, lo * units, ck, 0, width * units);
          network.forward(local, tr, hk, ck);
        }
        for (int t = 0; t < steps; t++) {
          System.arraycopy(tr.policy, t * width * p, replayPolicy, (t * lanes + lo) * p, width * p);
          System.arraycopy(tr.value, t * width, replayValue, t * lanes + lo, width);
        }
      });
    }

    /** The backward pass split by lanes over the shards; the shards' gradients summed into {@code grad}. */
    private void backwardSharded(int steps, double[] dPolicy, double[] dValue, double[] grad) {
      runner.run(k -> {
        int lo = shardLo[k];
        int width = shardLo[k + 1] - lo;
        ActorCriticNetwork.Trace tr = shardTrace[k];
        if (shardDValue[k] == null || shardDValue[k].length != steps * width) {
          shardDPolicy[k] = new double[steps * width * p];
          shardDValue[k] = new double[steps * width];
        }
        double[] dp = shardDPolicy[k];
        double[] dv = shardDValue[k];
        for (int t = 0; t < steps; t++) {
          System.arraycopy(dPolicy, (t * lanes + lo) * p, dp, t * width * p, width * p);
          System.arraycopy(dValue, t * lanes + lo, dv, t * width, width);
        }
        if (shardGrad[k] == null) {
          shardGrad[k] = new double[grad.length];
        } else {
          Arrays.fill(shardGrad[k], 0);
        }
        network.backward(local, tr, dp, dv, shardGrad[k]);
      });
      for (int k = 0; k < shards; k++) {
        double[] g = shardGrad[k];
        for (int i = 0; i < grad.length; i++) {
          grad[i] += g[i];
        }
      }
    }

    @Override
    public int lanes() {
      return lanes;
    }

    @Override
    public void act(PolicyInput in, Mode mode, PolicyOutput out) {
      double[] logits;
      double[] values;
      int first = 0; // the first sample of this step in logits and values
      if (shards > 1) {
        actSharded(in);
        logits = actPolicy;
        values = actValue;
      } else {
        int t = nextActedStep();
        ActorCriticNetwork.Trace tr = t >= 0 ? learnTrace : actTrace;
        t = Math.max(t, 0);
        first = t * lanes;
        features.fill(in, tr.input(), first);
        System.arraycopy(in.trialStart, 0, tr.reset(), first, lanes);
        network.forwardStep(local, tr, t, h, c);
        logits = tr.policy;
        values = tr.value;
      }
      for (int l = 0; l < lanes; l++) {
        out.values[l] = (float) values[first + l];
        int o = (first + l) * p;
        if (network.spec().discrete()) {
          out.actions.discrete[l] = mode == Mode.GREEDY ? argmax(logits, o) : sample(logits, o);
        } else {
          int ls = network.logStdOffset();
          for (int j = 0; j < p; j++) {
            double mean = logits[o + j];
            out.actions.continuous[l * p + j] = (float) (mode == Mode.GREEDY ? mean
                : mean + Math.exp(local[ls + j]) * gaussian());
          }
        }
      }
    }

    private int argmax(double[] z, int o) {
      int best = 0;
      for (int j = 1; j < p; j++) {
        if (z[o + j] > z[o + best]) {
          best = j;
        }
      }
      return best;
    }

    private int sample(double[] z, int o) {
      double sum = ActorCriticLoss.shiftedExp(z, o, p, prob);
      double u = rng.nextDouble() * sum;
      for (int j = 0; j < p - 1; j++) {
        u -= prob[j];
        if (u < 0) {
          return j;
        }
      }
      return p - 1;
    }

    private double gaussian() {
      // Box-Muller from our own generator (reproducible; no global random state).
      double u1 = 1.0 - rng.nextDouble();
      double u2 = rng.nextDouble();
      return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    @Override
    public void values(PolicyInput in, float[] out) {
      features.fill(in, valueTrace.input(), 0);
      System.arraycopy(in.trialStart, 0, valueTrace.reset(), 0, lanes);
      System.arraycopy(h, 0, hScratch, 0, h.length);
      System.arraycopy(c, 0, cScratch, 0, c.length);
      network.forward(local, valueTrace, hScratch, cScratch);
      for (int l = 0; l < lanes; l++) {
        out[l] = (float) valueTrace.value[l];
      }
    }

    @Override
    public UpdateResult learn(RolloutBatch b) {
      if (!learning) {
        throw new UnsupportedOperationException("a frozen inference policy does not learn");
      }
      LossGradient g = lossGradientAndTerms(b);
      double norm = apply(g.grad, local);
      loss.advance(g.batch);
      System.arraycopy(h, 0, hStart, 0, h.length);
      System.arraycopy(c, 0, cStart, 0, c.length);
      acted = learnTrace(0) != null ? 0 : -1;
      Map<String, Double> m = new LinkedHashMap<>();
      m.put("loss", g.policyLoss + settings.valueCoefficient() * g.valueLoss);
      m.put("loss_policy", g.policyLoss);
      m.put("loss_value", g.valueLoss);
      m.put("entropy", g.entropy);
      m.put("value_error", g.valueError);
      m.put("grad_norm", norm);
      m.put("learning_rate", optimizer.learningRate());
      return new UpdateResult(m);
    }

    private record LossGradient(double[] grad, double policyLoss, double valueLoss, double entropy, double valueError,
        PolicyLoss.Batch batch) {}

    /** Replays the rollout from the memory state it began with (truncated BPTT) into learnTrace. */
    private void replay(RolloutBatch b) {
      acted = -1;
      int n = b.steps * lanes;
      if (learnTrace == null || learnTrace.value.length != n) {
        learnTrace = network.newTrace(b.steps, lanes);
      }
      for (int t = 0; t < b.steps; t++) {
        features.fill(b.inputs[t], learnTrace.input(), t * lanes);
        System.arraycopy(b.inputs[t].trialStart, 0, learnTrace.reset(), t * lanes, lanes);
      }
      System.arraycopy(hStart, 0, hScratch, 0, hStart.length);
      System.arraycopy(cStart, 0, cScratch, 0, cStart.length);
      network.forward(local, learnTrace, hScratch, cScratch);
    }

    /** Shard k's learn trace (with one shard, learnTrace); null until the first update has made it. */
    private ActorCriticNetwork.Trace learnTrace(int k) {
      return shards == 1 ? learnTrace : shardTrace[k];
    }

    /**
     * The step of the rollout this act fills in the learn traces (and counts it in {@code acted}), or
     * -1 to act into the one-step traces: a frozen policy, no learn trace yet, or they do not hold this
     * rollout or are full.
     */
    private int nextActedStep() {
      ActorCriticNetwork.Trace tr = learning ? learnTrace(0) : null;
      if (tr != null && acted >= 0 && acted < tr.steps) {
        return acted++;
      }
      acted = -1;
      return -1;
    }

    /**
     * Whether learnTrace holds the forward pass of {@code b} at the current parameters: every step of
     * it was acted into the trace since the last update, with the batch's inputs (checked, so a
     * caller that learns from another batch than it acted on still gets a replay).
     */
    private boolean actedInto(RolloutBatch b) {
      if (acted != b.steps) {
        return false;
      }
      for (int k = 0; k < shards; k++) {
        ActorCriticNetwork.Trace tr = learnTrace(k);
        int lo = shardLo[k];
        int width = shardLo[k + 1] - lo;
        if (tr == null || tr.steps != b.steps || tr.lanes != width) {
          return false;
        }
        double[] traced = tr.input();
        if (checkInput == null || checkInput.length < traced.length) {
          checkInput = new double[traced.length];
        }
        boolean[] reset = tr.reset();
        for (int t = 0; t < b.steps; t++) {
          features.fill(b.inputs[t], lo, lo + width, checkInput, t * width);
          for (int l = 0; l < width; l++) {
            if (reset[t * width + l] != b.inputs[t].trialStart[lo + l]) {
              return false;
            }
          }
        }
        if (!Arrays.equals(checkInput, 0, traced.length, traced, 0, traced.length)) {
          return false;
        }
      }
      return true;
    }

    private int[] discreteActions(RolloutBatch b) {
      int[] discrete = new int[b.steps * lanes];
      for (int t = 0; t < b.steps; t++) {
        System.arraycopy(b.actions[t].discrete, 0, discrete, t * lanes, lanes);
      }
      return discrete;
    }

    private double[] continuousActions(RolloutBatch b) {
      double[] continuous = new double[b.steps * lanes * p];
      for (int t = 0; t < b.steps; t++) {
        float[] a = b.actions[t].continuous;
        for (int i = 0; i < a.length; i++) {
          continuous[t * lanes * p + i] = a[i];
        }
      }
      return continuous;
    }

    private LossGradient lossGradientAndTerms(RolloutBatch b) {
      int n = b.steps * lanes;
      if (shards > 1) {
        replaySharded(b);
      } else {
        if (!actedInto(b)) {
          replay(b);
        }
        replayPolicy = learnTrace.policy;
        replayValue = learnTrace.value;
      }
      double[] adv = new double[n];
      double[] ret = new double[n];
      for (int i = 0; i < n; i++) {
        adv[i] = b.advantages[i];
        ret[i] = b.returns[i];
      }
      if (settings.normalizeAdvantages() && n > 1) {
        double mean = 0;
        for (double a : adv) {
          mean += a;
        }
        mean /= n;
        double var = 0;
        for (double a : adv) {
          var += (a - mean) * (a - mean);
        }
        double sd = Math.sqrt(var / n) + 1e-8;
        for (int i = 0; i < n; i++) {
          adv[i] = (adv[i] - mean) / sd;
        }
      }
      boolean discrete = network.spec().discrete();
      int ls = network.logStdOffset();
      double[] logStd = discrete ? null : Arrays.copyOfRange(local, ls, ls + p);
      PolicyLoss.Batch batch = batch(b, adv, ret);
      double[] dOut = new double[batch.policyOutputs.length];
      double policyLoss = loss.evaluate(batch, dOut);
      double[] dPolicy;
      double[] dLogStd = null;
      if (discrete) {
        dPolicy = dOut;
      } else {
        // Box outputs: per sample p means, then p log-stds; our log-std is state-independent, so the
        // per-sample log-std gradients are summed over the batch.
        dPolicy = new double[n * p];
        dLogStd = new double[p];
        for (int s = 0; s < n; s++) {
          System.arraycopy(dOut, s * 2 * p, dPolicy, s * p, p);
          for (int j = 0; j < p; j++) {
            dLogStd[j] += dOut[s * 2 * p + p + j];
          }
        }
      }
      double[] dValue = new double[n];
      double valueLoss = ActorCriticLoss.valueTerm(n, replayValue, ret, settings.valueCoefficient(), dValue);
      double entropy = ActorCriticLoss.entropy(network.spec(), n, replayPolicy, logStd);
      double[] grad = new double[local.length];
      if (shards > 1) {
        backwardSharded(b.steps, dPolicy, dValue, grad);
      } else {
        network.backward(local, learnTrace, dPolicy, dValue, grad);
      }
      if (dLogStd != null) {
        for (int j = 0; j < p; j++) {
          grad[ls + j] += dLogStd[j];
        }
      }
      if (!Double.isFinite(policyLoss) || !Double.isFinite(valueLoss) || !Double.isFinite(entropy)) {
        throw new IllegalStateException("non-finite loss: policy term " + policyLoss + ", value term " + valueLoss
            + ", entropy " + entropy);
      }
      for (int i = 0; i < grad.length; i++) {
        if (!Double.isFinite(grad[i])) {
          throw new IllegalStateException("non-finite gradient at parameter " + i + " (policy loss " + policyLoss
              + ", value loss " + valueLoss + ", entropy " + entropy + ")");
        }
      }
      double verr = 0;
      for (int i = 0; i < n; i++) {
        verr += Math.abs(replayValue[i] - ret[i]);
      }
      return new LossGradient(grad, policyLoss, valueLoss, entropy, verr / n, batch);
    }

    /** The policy loss's view of a replayed rollout (learnTrace holds the outputs at the current parameters). */
    private PolicyLoss.Batch batch(RolloutBatch b, double[] adv, double[] ret) {
      int n = b.steps * lanes;
      boolean discrete = network.spec().discrete();
      int obs = b.observationSize;
      float[] observations = new float[n * obs];
      boolean[] trialStart = new boolean[n];
      for (int t = 0; t < b.steps; t++) {
        System.arraycopy(b.inputs[t].observations, 0, observations, t * lanes * obs, lanes * obs);
        System.arraycopy(b.inputs[t].trialStart, 0, trialStart, t * lanes, lanes);
      }
      double[] outputs;
      float[] continuous = new float[0];
      if (discrete) {
        outputs = replayPolicy.clone();
      } else {
        int ls = network.logStdOffset();
        outputs = new double[n * 2 * p];
        continuous = new float[n * p];
        for (int s = 0; s < n; s++) {
          System.arraycopy(replayPolicy, s * p, outputs, s * 2 * p, p);
          System.arraycopy(local, ls, outputs, s * 2 * p + p, p);
        }
        for (int t = 0; t < b.steps; t++) {
          System.arraycopy(b.actions[t].continuous, 0, continuous, t * lanes * p, lanes * p);
        }
      }
      return new PolicyLoss.Batch(b.steps, lanes, obs, discrete, p, observations,
          discrete ? discreteActions(b) : new int[0], continuous, b.rewards.clone(), b.terminated.clone(),
          b.truncated.clone(), trialStart, adv, ret, replayValue.clone(), outputs);
    }

    @Override
    public Optional<Differentiable> differentiable() {
      return learning ? Optional.of(differentiableView) : Optional.empty();
    }

    private final Differentiable differentiableView = new Differentiable() {
      @Override
      public double[] parameters() {
        return local.clone();
      }

      @Override
      public double[] gradient(RolloutBatch b, double[] policyWeights, double[] valueWeights) {
        int n = b.steps * lanes;
        replay(b);
        double[] dPolicy = new double[n * p];
        double[] dValue = valueWeights.clone();
        double[] grad = new double[local.length];
        double[] z = learnTrace.policy;
        if (network.spec().discrete()) {
          int[] actions = discreteActions(b);
          double[] prob = new double[p];
          for (int s = 0; s < n; s++) {
            int o = s * p;
            double sum = ActorCriticLoss.shiftedExp(z, o, p, prob);
            for (int j = 0; j < p; j++) {
              dPolicy[o + j] = policyWeights[s] * ((j == actions[s] ? 1 : 0) - prob[j] / sum);
            }
          }
        } else {
          double[] actions = continuousActions(b);
          int ls = network.logStdOffset();
          for (int s = 0; s < n; s++) {
            for (int j = 0; j < p; j++) {
              double var = Math.exp(2 * local[ls + j]);
              double diff = actions[s * p + j] - z[s * p + j];
              dPolicy[s * p + j] = policyWeights[s] * diff / var;
              grad[ls + j] += policyWeights[s] * (diff * diff / var - 1);
            }
          }
        }
        network.backward(local, learnTrace, dPolicy, dValue, grad);
        return grad;
      }

      @Override
      public double[] lossGradient(RolloutBatch b) {
        return lossGradientAndTerms(b).grad;
      }

      @Override
      public double learningRate() {
        return optimizer.learningRate();
      }
    };

    @Override
    public void writeState(java.io.DataOutputStream out) throws IOException {
      out.writeLong(rng.state());
      for (double[] a : new double[][] {h, c, hStart, cStart}) {
        out.writeInt(a.length);
        for (double v : a) {
          out.writeDouble(v);
        }
      }
      byte[] lossState = loss == null ? new byte[0] : loss.state();
      out.writeInt(lossState.length);
      out.write(lossState);
    }

    @Override
    public void readState(java.io.DataInputStream in) throws IOException {
      rng = Rng.restore(in.readLong());
      acted = -1;
      for (double[] a : new double[][] {h, c, hStart, cStart}) {
        int n = in.readInt();
        if (n != a.length) {
          throw new IOException("saved learner memory has " + n + " values, this learner has " + a.length);
        }
        for (int i = 0; i < n; i++) {
          a[i] = in.readDouble();
        }
      }
      // The policy loss's state; absent from checkpoints written before policy losses were plugins.
      byte[] lossState = new byte[0];
      if (in.available() > 0) {
        int len = in.readInt();
        if (len < 0 || len > in.available()) {
          throw new IOException("saved policy-loss state claims " + len + " bytes, " + in.available() + " remain");
        }
        lossState = in.readNBytes(len);
      }
      if (loss != null) {
        try {
          loss.restore(lossState);
        } catch (IllegalArgumentException e) {
          throw new IOException("cannot restore the policy loss's state: " + e.getMessage(), e);
        }
      }
      read(local);
    }

    @Override
    public Optional<MetaMemory> memory() {
      return units > 0 ? Optional.of(this) : Optional.empty();
    }

    @Override
    public int units() {
      return units;
    }

    @Override
    public void reset(int lane) {
      Arrays.fill(h, lane * units, (lane + 1) * units, 0.0);
      Arrays.fill(c, lane * units, (lane + 1) * units, 0.0);
    }

    @Override
    public float[] hiddenState(int lane) {
      float[] out = new float[units];
      for (int j = 0; j < units; j++) {
        out[j] = (float) h[lane * units + j];
      }
      return out;
    }

    @Override
    public float[] cellState(int lane) {
      float[] out = new float[units];
      for (int j = 0; j < units; j++) {
        out[j] = (float) c[lane * units + j];
      }
      return out;
    }
  }
}
