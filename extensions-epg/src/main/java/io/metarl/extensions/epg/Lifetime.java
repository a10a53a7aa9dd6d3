package io.metarl.extensions.epg;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.metarl.api.agent.RolloutBatch;
import io.metarl.api.env.Box;
import io.metarl.api.env.Discrete;
import io.metarl.api.env.Environment;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.api.env.Step;
import io.metarl.api.loss.PolicyLoss;
import io.metarl.api.plugin.PluginContext;
import io.metarl.api.plugin.PolicyLossProvider;
import io.metarl.api.returns.ReturnEstimator;
import io.metarl.api.task.Task;
import io.metarl.core.config.OptimizerSettings;
import io.metarl.core.nn.Activation;
import io.metarl.core.nn.ActorCriticNetwork;
import io.metarl.core.nn.NetworkSpec;
import io.metarl.core.nn.Optimizer;
import io.metarl.core.returns.GaeEstimator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * EPG's inner loop: a fresh policy lives {@code lifetime} steps on one task and is updated every M steps
 * by Adam on the gradient of {@code (1 - a) L_phi + a L_ref}, then plays {@code eval-episodes} episodes;
 * their mean return is the fitness. Behaviour of openai/EPG {@code epg/rollout.py run_batch_rl} and
 * {@code epg/agents.py GenericAgent.update} (commit bb73d77), ported, not copied:
 * <ul>
 *   <li>a buffer of the last N steps (zero-padded at the front until full) feeds the loss network;
 *       observations are normalised with running statistics updated at each update, rewards and done
 *       flags are raw;
 *   <li>each update permutes the last M steps, splits them into M / minibatch batches and, per batch,
 *       recomputes the policy outputs of the whole buffer, evaluates L_phi and back-propagates into the
 *       policy and the memory;
 *   <li>the memory is {@code tanh(mu)} with {@code mu} initialised from phi and trained by the inner loop.
 * </ul>
 * The policy is the policy head of the project's {@link ActorCriticNetwork} ({@code policy-hidden} tanh
 * torso; logits, or Gaussian means and a state-independent log-std), read by L_phi through
 * {@link PolicyOutputs}; one shared {@link Optimizer} (Adam, {@code learning-rate}, global clip
 * {@code max-grad-norm}) steps its parameters and the memory together. The reference loss L_ref is the
 * project's A2C policy term, the {@code a2c-pg} policy loss ({@code -mean(A log pi(a|s)) - beta H},
 * reached by name through the api), with {@link GaeEstimator} advantages (through the api
 * {@link ReturnEstimator} on a {@link RolloutBatch}; normalised per update; returns stop at every episode
 * end, truncation included, because bootstrapping truncated episodes from an extrapolating value network
 * made it diverge on point-goal) from a critic with its own torso: the value head of a second
 * {@code ActorCriticNetwork} (its one-logit policy head unused), fitted by squared error with its own
 * Adam. Two networks rather than one with two torsos because the full-buffer pass of L_phi needs the
 * policy alone, and one network computes both torsos; a critic sharing the policy's torso stopped A2C
 * from learning point-goal. openai/EPG bootstraps with PPO instead; we use A2C so that the test compares
 * against the project's own A2C. Everything is seeded from {@code seed}; the same inputs give the same
 * result.
 */
public final class Lifetime {
  /** The plugin name of the reference loss's policy term. */
  static final String REFERENCE_POLICY_LOSS = "a2c-pg";

  /**
   * What a lifetime produced.
   *
   * @param fitness mean return of the final policy over the evaluation episodes
   * @param evalReturns those returns
   * @param curve (training step at episode end, episode return) for every training episode
   * @param trainSteps environment steps of training
   * @param trainSeconds wall-clock seconds of training (acting and updates)
   * @param updateSeconds of which updates
   */
  public record Result(double fitness, double[] evalReturns, List<double[]> curve, long trainSteps,
      double trainSeconds, double updateSeconds) {

    /** Mean return of the training episodes (the area under the return-per-episode curve, per episode). */
    public double auc() {
      if (curve.isEmpty()) {
        return Double.NaN;
      }
      double s = 0;
      for (double[] p : curve) {
        s += p[1];
      }
      return s / curve.size();
    }

    /** Training environment steps per second. */
    public double stepsPerSecond() {
      return trainSteps / Math.max(trainSeconds, 1e-9);
    }
  }

  private final InnerSettings settings;
  private final LossNetworkSpec lossSpec;
  private final EnvironmentSpec env;
  private final ActorCriticNetwork network;
  private final ActorCriticNetwork critic;
  private final PolicyOutputs outputs;
  private final OptimizerSettings optimizer;
  private final OptimizerSettings criticOptimizer;
  private final ReturnEstimator returns;
  private final PluginContext plugins;
  private final PolicyLossProvider reference;
  private final Config referenceSection;
  private final boolean discrete;
  private final int obsSize;
  private final int actionSize;
  private final float[] low;
  private final float[] high;

  /**
   * @param settings the inner loop's settings
   * @param env the spaces of the tasks
   * @param lossSpec the loss network's shape (its buffer size is used even for the reference loss)
   * @param plugins where the reference loss's policy term ({@code a2c-pg}) is found by name
   */
  public Lifetime(InnerSettings settings, EnvironmentSpec env, LossNetworkSpec lossSpec, PluginContext plugins) {
    this.settings = settings;
    this.lossSpec = lossSpec;
    this.env = env;
    if (!(env.observationSpace() instanceof Box)) {
      throw new IllegalArgumentException("EPG needs a Box observation space, got " + env.observationSpace());
    }
    this.obsSize = env.observationSpace().flatSize();
    this.discrete = env.actionSpace() instanceof Discrete;
    this.actionSize = env.actionSpace().flatSize();
    if (discrete) {
      low = high = null;
    } else {
      Box b = (Box) env.actionSpace();
      low = b.low();
      high = b.high();
    }
    this.network = new ActorCriticNetwork(networkSpec(settings, env));
    this.critic = new ActorCriticNetwork(new NetworkSpec(obsSize, network.spec().hidden(), Activation.TANH, true, 0,
        1, 0, 0.0));
    this.outputs = new PolicyOutputs(network, low, high);
    this.optimizer = new OptimizerSettings("adam", settings.learningRate(), 0.99, 1e-8, settings.maxGradNorm());
    this.criticOptimizer = new OptimizerSettings("adam", settings.learningRate(), 0.99, 1e-8, 0);
    this.returns = new GaeEstimator(settings.gamma(), settings.lambda());
    this.plugins = plugins;
    this.reference = plugins.provider(PolicyLossProvider.class, REFERENCE_POLICY_LOSS);
    this.referenceSection = ConfigFactory.parseMap(Map.of("entropy-coefficient", settings.entropy()))
        .withFallback(plugins.pluginSection(REFERENCE_POLICY_LOSS, ConfigFactory.empty()));
    if (lossSpec.features() != featureSize(env) || lossSpec.policyOutputs() != outputs.width()) {
      throw new IllegalArgumentException("loss network expects " + lossSpec.features() + " features and "
          + lossSpec.policyOutputs() + " policy outputs; the environment gives " + featureSize(env) + " and "
          + outputs.width());
    }
  }

  /**
   * The shape of the policy's network: a tanh torso of {@code policy-hidden} under the policy head
   * (logits, or Gaussian means with a state-independent log-std starting at 0); its value head is unused.
   */
  static NetworkSpec networkSpec(InnerSettings settings, EnvironmentSpec env) {
    boolean discrete = env.actionSpace() instanceof Discrete;
    int a = env.actionSpace().flatSize();
    return new NetworkSpec(env.observationSpace().flatSize(), Arrays.stream(settings.hidden()).boxed().toList(),
        Activation.TANH, true, 0, discrete ? a : 0, discrete ? 0 : a, 0.0);
  }

  /** F for an environment: observation + action (one-hot or continuous) + reward + done. */
  public static int featureSize(EnvironmentSpec env) {
    return env.observationSpace().flatSize() + env.actionSpace().flatSize() + 2;
  }

  /** P for an environment: action probabilities, or mean and log-std. */
  public static int policyOutputSize(EnvironmentSpec env) {
    return env.actionSpace() instanceof Discrete ? env.actionSpace().flatSize() : 2 * env.actionSpace().flatSize();
  }

  /** The policy's network. */
  public ActorCriticNetwork network() {
    return network;
  }

  /** The reference loss's critic: the value head of this network (its policy head is unused). */
  public ActorCriticNetwork critic() {
    return critic;
  }

  /**
   * Runs one lifetime.
   *
   * @param phi loss parameters (may be null when {@code refWeight == 1})
   * @param refWeight a in {@code (1 - a) L_phi + a L_ref}
   * @param task the task
   * @param seed seeds the policy's initialisation, the action sampling and the episode resets
   */
  public Result run(double[] phi, double refWeight, Task task, long seed) {
    if (phi == null && refWeight < 1) {
      throw new IllegalArgumentException("an evolved loss is needed when the reference weight is below 1");
    }
    long start = System.nanoTime();
    SplittableRandom rng = new SplittableRandom(seed);
    SplittableRandom init = rng.split();
    SplittableRandom acting = rng.split();
    SplittableRandom resets = rng.split();
    SplittableRandom batches = rng.split();
    State st = new State(phi, refWeight, init);
    List<double[]> curve = new ArrayList<>();
    double updateNanos = 0;
    try (Environment e = task.newEnvironment()) {
      float[] obs = e.reset(resets.nextLong());
      ActorCriticNetwork.Trace one = network.newTrace(1, 1);
      double[] out = new double[outputs.width()];
      double[] action = new double[actionSize];
      double epReturn = 0;
      int epLength = 0;
      for (int step = 0; step < settings.lifetime(); step++) {
        int a = st.act(obs, one, out, acting, action);
        Step r = act(e, a, action);
        epReturn += r.reward();
        epLength++;
        boolean truncated = r.truncated() || settings.maxEpisodeSteps() > 0 && epLength >= settings.maxEpisodeSteps();
        boolean done = r.terminated() || truncated;
        st.push(obs, action, a, r.reward(), done, r.observation());
        if (done) {
          curve.add(new double[] {step + 1, epReturn});
          epReturn = 0;
          epLength = 0;
          obs = e.reset(resets.nextLong());
        } else {
          obs = r.observation();
        }
        if ((step + 1) % settings.updateEvery() == 0) {
          long u = System.nanoTime();
          st.update(batches);
          updateNanos += System.nanoTime() - u;
        }
      }
      double trainSeconds = (System.nanoTime() - start) / 1e9;
      double[] evals = new double[settings.evalEpisodes()];
      for (int k = 0; k < evals.length; k++) {
        obs = e.reset(resets.nextLong());
        int len = 0;
        while (true) {
          int a = st.act(obs, one, out, acting, action);
          Step r = act(e, a, action);
          evals[k] += r.reward();
          len++;
          if (r.done() || settings.maxEpisodeSteps() > 0 && len >= settings.maxEpisodeSteps() || len >= 1_000_000) {
            break;
          }
          obs = r.observation();
        }
      }
      double fit = Arrays.stream(evals).average().orElse(Double.NaN);
      return new Result(fit, evals, curve, settings.lifetime(), trainSeconds, updateNanos / 1e9);
    }
  }

  private Step act(Environment e, int a, double[] action) {
    if (discrete) {
      return e.step(a);
    }
    float[] f = new float[actionSize];
    for (int i = 0; i < actionSize; i++) {
      double v = action[i];
      if (!Double.isFinite(v)) {
        v = 0;
      }
      f[i] = (float) Math.max(low[i], Math.min(high[i], v));
    }
    return e.step(f);
  }

  /**
   * The data of one update and the inner loss of its minibatches with its gradients: what the
   * optimisers step on. The loss is {@code (1 - a) L_phi + a L_pg} for the policy's parameters and the
   * memory's pre-activation {@code mu}, plus (when {@code a > 0}) the critic's {@code mean (V - R)^2 / 2}
   * for the critic's parameters. Buffer rows are oldest first (row {@code n - 1} the newest).
   */
  final class Update {
    final double[] phi;
    final double refWeight;
    final LossNetwork lossNet;
    final PolicyLoss referenceLoss;
    /** Features of the buffer rows, {@code n x F} (zero rows before the buffer is full). */
    final double[] features;
    /** Normalised observations of the buffer rows, {@code n x obs}. */
    final double[] observations;
    /** Raw observations of the buffer rows (what the reference loss's batch carries), {@code n x obs}. */
    final float[] rawObservations;
    /** Discrete actions per row (Discrete) or empty. */
    final int[] discreteActions;
    /** Continuous actions per row, {@code n x d}, as sampled (Box) or empty. */
    final float[] continuousActions;
    /** Normalised advantages and value targets of the rows of the reference loss (0 elsewhere). */
    final double[] advantages;
    final double[] targets;
    /** Reused traces (one thread): the policy's keyed by row count, the critic's by minus the row count. */
    private final Map<Integer, ActorCriticNetwork.Trace> traces;

    Update(double[] phi, double refWeight, LossNetwork lossNet, PolicyLoss referenceLoss,
        Map<Integer, ActorCriticNetwork.Trace> traces) {
      int n = lossSpec.buffer();
      this.phi = phi;
      this.refWeight = refWeight;
      this.lossNet = lossNet;
      this.referenceLoss = referenceLoss;
      this.traces = traces;
      features = new double[n * lossSpec.features()];
      observations = new double[n * obsSize];
      rawObservations = new float[n * obsSize];
      discreteActions = new int[discrete ? n : 0];
      continuousActions = new float[discrete ? 0 : n * actionSize];
      advantages = new double[n];
      targets = new double[n];
    }

    /**
     * The inner loss of the minibatch {@code batch} (buffer rows) at policy parameters {@code theta},
     * memory pre-activation {@code mu} and critic parameters {@code value} (unused when {@code a = 0});
     * adds its gradients to {@code gTheta}, {@code gMu} and {@code gValue} unless they are null.
     * With an evolved loss the policy outputs of the whole buffer are recomputed (L_phi's convolutions
     * read them all); the reference loss alone needs only the minibatch's rows.
     */
    double loss(double[] theta, double[] mu, double[] value, int[] batch, double[] gTheta, double[] gMu,
        double[] gValue) {
      boolean full = lossNet != null;
      int rows = full ? lossSpec.buffer() : batch.length;
      ActorCriticNetwork.Trace tr = traces.computeIfAbsent(rows, r -> network.newTrace(r, 1));
      if (full) {
        System.arraycopy(observations, 0, tr.input(), 0, observations.length);
      } else {
        for (int i = 0; i < batch.length; i++) {
          System.arraycopy(observations, batch[i] * obsSize, tr.input(), i * obsSize, obsSize);
        }
      }
      network.forward(theta, tr, null, null);
      int w = outputs.width();
      double[] out = new double[rows * w];
      outputs.fill(theta, tr.policy, rows, out);
      boolean backward = gTheta != null;
      double[] dOut = backward ? new double[rows * w] : null;
      double loss = 0;
      int m = mu.length;
      double[] mem = new double[m];
      for (int j = 0; j < m; j++) {
        mem[j] = Math.tanh(mu[j]);
      }
      double[] dMem = new double[m];
      if (full) {
        loss += (1 - refWeight) * lossNet.evaluate(phi, features, out, mem, batch, 1 - refWeight, dOut, dMem);
      }
      double[] dLogits = null;
      if (refWeight > 0) {
        ActorCriticNetwork.Trace vt = traces.computeIfAbsent(-batch.length, r -> critic.newTrace(batch.length, 1));
        for (int i = 0; i < batch.length; i++) {
          System.arraycopy(observations, batch[i] * obsSize, vt.input(), i * obsSize, obsSize);
        }
        critic.forward(value, vt, null, null);
        double[] dV = backward ? new double[batch.length] : null;
        int b = batch.length;
        int[] da = new int[discrete ? b : 0];
        float[] ca = new float[discrete ? 0 : b * actionSize];
        float[] o = new float[b * obsSize];
        double[] adv = new double[b];
        double[] ret = new double[b];
        double[] val = new double[b];
        int hw = discrete ? actionSize : w; // a2c-pg reads logits, or means and log-stds
        double[] policy = new double[b * hw];
        double valueLoss = 0;
        for (int i = 0; i < b; i++) {
          int row = batch[i];
          int pr = full ? row : i;
          System.arraycopy(rawObservations, row * obsSize, o, i * obsSize, obsSize);
          if (discrete) {
            da[i] = discreteActions[row];
            System.arraycopy(tr.policy, pr * actionSize, policy, i * hw, hw);
          } else {
            System.arraycopy(continuousActions, row * actionSize, ca, i * actionSize, actionSize);
            System.arraycopy(out, pr * w, policy, i * hw, hw);
          }
          adv[i] = advantages[row];
          ret[i] = targets[row];
          val[i] = vt.value[i];
          double err = val[i] - ret[i];
          valueLoss += 0.5 * err * err / b;
          if (backward) {
            dV[i] = err / b;
          }
        }
        PolicyLoss.Batch rb = new PolicyLoss.Batch(b, 1, obsSize, discrete, actionSize, o, da, ca, new float[b],
            new boolean[b], new boolean[b], new boolean[b], adv, ret, val, policy);
        double[] g = new double[b * hw];
        loss += refWeight * referenceLoss.evaluate(rb, g) + valueLoss;
        if (backward) {
          critic.backward(value, vt, new double[batch.length], dV, gValue);
          if (discrete) {
            dLogits = new double[rows * actionSize];
            for (int i = 0; i < b; i++) {
              int pr = full ? batch[i] : i;
              for (int j = 0; j < actionSize; j++) {
                dLogits[pr * actionSize + j] = refWeight * g[i * hw + j];
              }
            }
          } else {
            for (int i = 0; i < b; i++) {
              int pr = full ? batch[i] : i;
              for (int j = 0; j < w; j++) {
                dOut[pr * w + j] += refWeight * g[i * w + j];
              }
            }
          }
        }
      }
      if (!backward) {
        return loss;
      }
      double[] dHead = new double[rows * network.spec().policyOutputs()];
      outputs.backward(out, dOut, rows, dHead, gTheta);
      if (dLogits != null) {
        for (int i = 0; i < dHead.length; i++) {
          dHead[i] += dLogits[i];
        }
      }
      network.backward(theta, tr, dHead, new double[rows], gTheta);
      for (int j = 0; j < m; j++) {
        gMu[j] += dMem[j] * (1 - mem[j] * mem[j]);
      }
      return loss;
    }
  }

  /**
   * The critic's initial parameters: {@link ActorCriticNetwork#initialParameters}, with the value head's
   * weights (the last {@code width + 1} parameters are its W, then b, in the network's documented layout)
   * set to +-1, their signs kept: openai/EPG's initialisation of a width-1 output layer (every input
   * column scaled to norm 1). With the default Glorot scale the value head fits returns of -40 too slowly
   * for a 4096-step lifetime: A2C's mean final return on 8 point-goal tasks was -32 with it, -21 with
   * this (-20 before the move onto the shared network).
   */
  double[] criticParameters(SplittableRandom init) {
    double[] p = critic.initialParameters(init);
    List<Integer> hidden = critic.spec().hidden();
    int width = hidden.isEmpty() ? critic.spec().inputSize() : hidden.get(hidden.size() - 1);
    for (int i = p.length - 1 - width; i < p.length - 1; i++) {
      p[i] = p[i] < 0 ? -1.0 : 1.0;
    }
    return p;
  }

  /** The per-lifetime state: network parameters, memory, optimiser, buffer. */
  private final class State {
    final double[] phi;
    final double refWeight;
    /** The network's parameters, then mu (the one vector the optimiser steps). */
    final double[] params;
    final double[] theta;
    final double[] mu;
    final Optimizer opt;
    final double[] value;
    final Optimizer valueOpt;
    final LossNetwork lossNet;
    final PolicyLoss referenceLoss;
    final RolloutBatch rollout;
    final Map<Integer, ActorCriticNetwork.Trace> traces = new HashMap<>();
    final Normalizer norm = new Normalizer(obsSize);
    final int n = lossSpec.buffer();
    final float[][] obs = new float[n][];
    final float[][] next = new float[n][];
    final double[][] act = new double[n][];
    final int[] actIndex = new int[n];
    final double[] reward = new double[n];
    final boolean[] done = new boolean[n];
    int nextSlot;
    int filled;
    int sinceUpdate;

    State(double[] phi, double refWeight, SplittableRandom init) {
      this.phi = phi;
      this.refWeight = refWeight;
      this.theta = network.initialParameters(init);
      int m = lossSpec.memory();
      this.mu = new double[m];
      if (phi != null) {
        System.arraycopy(phi, lossSpec.memoryOffset(), mu, 0, m);
      }
      this.params = new double[theta.length + m];
      this.opt = new Optimizer(optimizer, params.length);
      this.value = refWeight > 0 ? criticParameters(init) : null;
      this.valueOpt = refWeight > 0 ? new Optimizer(criticOptimizer, value.length) : null;
      this.lossNet = refWeight < 1 ? new LossNetwork(lossSpec) : null;
      this.referenceLoss = refWeight > 0 ? reference.create(referenceSection, env, plugins) : null;
      if (referenceLoss != null) {
        referenceLoss.reset(0);
      }
      this.rollout = refWeight > 0 ? new RolloutBatch(env.observationSpace(), env.actionSpace(),
          Math.min(settings.updateEvery(), n), 1) : null;
    }

    /** Samples an action for observation {@code o} with the current policy. */
    int act(float[] o, ActorCriticNetwork.Trace one, double[] out, SplittableRandom rng, double[] action) {
      norm.normalise(o, one.input(), 0);
      network.forward(theta, one, null, null);
      outputs.fill(theta, one.policy, 1, out);
      return outputs.sample(out, 0, rng, action);
    }

    void push(float[] o, double[] a, int ai, double r, boolean d, float[] nxt) {
      int i = nextSlot;
      obs[i] = o;
      next[i] = nxt;
      act[i] = a.clone();
      actIndex[i] = ai;
      reward[i] = r;
      done[i] = d;
      nextSlot = (nextSlot + 1) % n;
      filled = Math.min(filled + 1, n);
      sinceUpdate++;
    }

    /** Slot of the k-th oldest entry. */
    int slot(int k) {
      return Math.floorMod(nextSlot - filled + k, n);
    }

    void update(SplittableRandom rng) {
      int fresh = Math.min(sinceUpdate, filled);
      for (int k = filled - fresh; k < filled; k++) {
        norm.update(obs[slot(k)]);
      }
      sinceUpdate = 0;
      Update u = new Update(phi, refWeight, lossNet, referenceLoss, traces);
      int f = lossSpec.features();
      int pad = n - filled;
      for (int r = pad; r < n; r++) {
        int sl = slot(r - pad);
        norm.normalise(obs[sl], u.observations, r * obsSize);
        System.arraycopy(obs[sl], 0, u.rawObservations, r * obsSize, obsSize);
        System.arraycopy(u.observations, r * obsSize, u.features, r * f, obsSize);
        for (int j = 0; j < actionSize; j++) {
          u.features[r * f + obsSize + j] = act[sl][j];
        }
        u.features[r * f + obsSize + actionSize] = reward[sl];
        u.features[r * f + obsSize + actionSize + 1] = done[sl] ? 1 : 0;
        if (discrete) {
          u.discreteActions[r] = actIndex[sl];
        } else {
          for (int j = 0; j < actionSize; j++) {
            u.continuousActions[r * actionSize + j] = (float) act[sl][j];
          }
        }
      }
      int recent = Math.min(settings.updateEvery(), filled);
      int first = n - recent;
      if (refWeight > 0) {
        advantages(first, u);
      }
      int batchesPerEpoch = Math.max(1, recent / settings.minibatch());
      int[] rows = new int[recent];
      double[] grad = new double[params.length];
      double[] gTheta = new double[theta.length];
      double[] gMu = new double[mu.length];
      double[] gValue = value == null ? null : new double[value.length];
      for (int e = 0; e < settings.epochsPerUpdate(); e++) {
        for (int i = 0; i < recent; i++) {
          rows[i] = first + i;
        }
        for (int i = recent - 1; i > 0; i--) {
          int j = rng.nextInt(i + 1);
          int t = rows[i];
          rows[i] = rows[j];
          rows[j] = t;
        }
        for (int b = 0; b < batchesPerEpoch; b++) {
          int lo = (int) ((long) b * recent / batchesPerEpoch);
          int hi = (int) ((long) (b + 1) * recent / batchesPerEpoch);
          Arrays.fill(gTheta, 0);
          Arrays.fill(gMu, 0);
          if (gValue != null) {
            Arrays.fill(gValue, 0);
          }
          u.loss(theta, mu, value, Arrays.copyOfRange(rows, lo, hi), gTheta, gMu, gValue);
          if (gValue != null) {
            valueOpt.step(value, gValue);
          }
          System.arraycopy(gTheta, 0, grad, 0, theta.length);
          System.arraycopy(gMu, 0, grad, theta.length, mu.length);
          double s = 0;
          for (double g : grad) {
            s += g * g;
          }
          if (!Double.isFinite(s)) {
            continue; // skip a non-finite update
          }
          System.arraycopy(theta, 0, params, 0, theta.length);
          System.arraycopy(mu, 0, params, theta.length, mu.length);
          opt.step(params, grad);
          System.arraycopy(params, 0, theta, 0, theta.length);
          System.arraycopy(params, theta.length, mu, 0, mu.length);
        }
      }
    }

    /**
     * GAE advantages (normalised) and value targets of buffer rows {@code first .. n-1}, from the value
     * head at the current parameters, by the shared estimator.
     */
    void advantages(int first, Update u) {
      int count = n - first;
      ActorCriticNetwork.Trace tr = critic.newTrace(count + 1, 1);
      System.arraycopy(u.observations, first * obsSize, tr.input(), 0, count * obsSize);
      int pad = n - filled;
      norm.normalise(next[slot(n - 1 - pad)], tr.input(), count * obsSize);
      critic.forward(value, tr, null, null);
      RolloutBatch b = rollout;
      for (int t = 0; t < count; t++) {
        int sl = slot(first + t - pad);
        b.rewards[t] = (float) reward[sl];
        b.terminated[t] = done[sl]; // returns stop at every episode end (see the class comment)
        b.truncated[t] = false;
        b.values[t] = (float) tr.value[t];
      }
      b.lastValues[0] = (float) tr.value[count];
      returns.estimate(b);
      double mean = 0;
      for (int t = 0; t < count; t++) {
        mean += b.advantages[t];
      }
      mean /= count;
      double var = 0;
      for (int t = 0; t < count; t++) {
        var += (b.advantages[t] - mean) * (b.advantages[t] - mean);
      }
      double sd = Math.sqrt(var / count);
      for (int t = 0; t < count; t++) {
        double a = b.advantages[t];
        u.advantages[first + t] = count > 1 ? (a - mean) / (sd + 1e-8) : a;
        u.targets[first + t] = b.returns[t];
      }
    }
  }
}
