package io.metarl.extensions.epg;

import io.metarl.api.loss.PolicyLoss;
import io.metarl.core.config.OptimizerSettings;
import io.metarl.core.nn.Optimizer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * An evolved loss L_phi ({@link LossNetwork}) as the policy loss of an actor-critic agent
 * ({@code agent.policy-loss.plugin = epg}).
 *
 * <p>Per lane it keeps a buffer of the last N steps (raw observation, action, reward, done flag and
 * the policy output the step was trained with), as {@link Lifetime} does for its single environment.
 * An update's batch of T steps per lane is appended (in {@link #evaluate}, tentatively) to each lane's
 * buffer; L_phi is evaluated on each lane's buffer with the lane's T new rows as the minibatch, and the
 * loss is the mean over lanes (so the mean over the batch's samples). Observations are normalised with
 * running statistics that include the batch (openai/EPG's normaliser); the loss's 32-value memory
 * {@code tanh(mu)} starts from phi and is trained by the project's {@link Optimizer} (Adam,
 * {@code memory-learning-rate}, no clipping) on
 * {@code dL/dmu} in {@link #advance}, as the inner loop of {@link Lifetime} does.
 *
 * <p>The gradient reaches the policy outputs of the batch's rows, through the head and both
 * convolutions. Rows from earlier updates enter the context with the policy outputs they had then and
 * are constants: the agent can back-propagate only through the rollout it just replayed (the
 * {@link Lifetime} inner loop recomputes the whole buffer with the current policy instead).
 * Discrete policies: L_phi reads probabilities, so {@code dL/dp} is mapped to the logits with
 * {@link PolicyLoss#probabilityToLogitGradient}. Box policies: L_phi reads the means and log-stds the
 * agent hands over (the agent's means are not squashed as {@link Lifetime}'s are).
 */
public final class EpgPolicyLoss implements PolicyLoss {
  private final EvolvedLoss evolved;
  private final LossNetworkSpec spec;
  private final LossNetwork network;
  private final double memoryLearningRate;
  private final int obs;
  private final int actions;
  private final int features;
  private final int outputs;
  private final int n;
  private final int m;
  // State of the lifetime.
  private int lanes;
  private int filled;
  private float[][] rawObs;
  private double[][] rowTail;
  private double[][] rowPolicy;
  private Normalizer norm;
  private double[] mu;
  private double[] mem;
  private Optimizer memAdam;
  // The memory gradient of the last evaluate, for advance.
  private Batch lastBatch;
  private double[] lastMemoryGradient;

  /**
   * @param evolved the loss (its spaces are checked against each batch)
   * @param memoryLearningRate Adam step size of the memory
   */
  public EpgPolicyLoss(EvolvedLoss evolved, double memoryLearningRate) {
    this.evolved = evolved;
    this.spec = evolved.spec();
    this.network = new LossNetwork(spec);
    this.memoryLearningRate = memoryLearningRate;
    this.obs = evolved.observationSize();
    this.actions = evolved.actions();
    this.features = spec.features();
    this.outputs = spec.policyOutputs();
    this.n = spec.buffer();
    this.m = spec.memory();
    if (features != obs + actions + 2 || outputs != (evolved.discrete() ? actions : 2 * actions)) {
      throw new IllegalArgumentException("the loss network's shape (" + features + " features, " + outputs
          + " policy outputs) does not fit its spaces (" + obs + " observations, " + actions + " actions)");
    }
    reset(0);
  }

  @Override
  public void reset(long seed) {
    lanes = 0;
    filled = 0;
    rawObs = null;
    rowTail = null;
    rowPolicy = null;
    norm = new Normalizer(obs);
    mu = Arrays.copyOfRange(evolved.phi(), spec.memoryOffset(), spec.memoryOffset() + m);
    mem = new double[m];
    for (int j = 0; j < m; j++) {
      mem[j] = Math.tanh(mu[j]);
    }
    memAdam = new Optimizer(new OptimizerSettings("adam", memoryLearningRate, 0.99, 1e-8, 0), m);
    lastBatch = null;
    lastMemoryGradient = null;
  }

  private void check(Batch b) {
    if (b.discrete != evolved.discrete() || b.actionSize != actions || b.observationSize != obs) {
      throw new IllegalArgumentException("the evolved loss was made for " + obs + " observations and " + actions
          + (evolved.discrete() ? " discrete actions" : "-dimensional continuous actions") + "; this batch has "
          + b.observationSize + " observations and " + b.actionSize
          + (b.discrete ? " discrete actions" : "-dimensional continuous actions"));
    }
    if (b.steps > n) {
      throw new IllegalArgumentException("an update of " + b.steps + " steps per lane does not fit the evolved loss's buffer of "
          + n + " steps: use a training.rollout-length of at most " + n);
    }
    if (lanes == 0) {
      lanes = b.lanes;
      rawObs = new float[lanes][n * obs];
      rowTail = new double[lanes][n * (actions + 2)];
      rowPolicy = new double[lanes][n * outputs];
    } else if (b.lanes != lanes) {
      throw new IllegalArgumentException("this loss's lifetime began with " + lanes + " lanes; a batch has " + b.lanes);
    }
  }

  @Override
  public double evaluate(Batch b, double[] gradient) {
    check(b);
    int steps = b.steps;
    Normalizer stats = norm.copy();
    for (int i = 0; i < b.size(); i++) {
      stats.update(b.observations, i * obs);
    }
    double[] probs = b.discrete ? b.probabilities() : null;
    double[] dMem = new double[m];
    double[] feats = new double[n * features];
    double[] policy = new double[n * outputs];
    double[] dPolicy = new double[n * outputs];
    int[] rows = new int[steps];
    for (int t = 0; t < steps; t++) {
      rows[t] = n - steps + t;
    }
    int history = Math.min(filled, n - steps);
    double total = 0;
    for (int l = 0; l < lanes; l++) {
      Arrays.fill(feats, 0);
      Arrays.fill(policy, 0);
      Arrays.fill(dPolicy, 0);
      // Rows n - steps - history .. n - steps - 1: the lane's history (newest last); older rows stay 0
      // (zero padding until the buffer is full).
      for (int r = n - steps - history; r < n - steps; r++) {
        int src = r + steps; // stored buffer row (oldest first, newest at n - 1)
        stats.normalise(rawObs[l], src * obs, feats, r * features);
        System.arraycopy(rowTail[l], src * (actions + 2), feats, r * features + obs, actions + 2);
        System.arraycopy(rowPolicy[l], src * outputs, policy, r * outputs, outputs);
      }
      for (int t = 0; t < steps; t++) {
        int i = b.index(t, l);
        int r = n - steps + t;
        fillRow(b, i, stats, probs, feats, policy, r);
      }
      total += network.evaluate(evolved.phi(), feats, policy, mem, rows, 1.0 / lanes, dPolicy, dMem);
      for (int t = 0; t < steps; t++) {
        int i = b.index(t, l);
        int r = n - steps + t;
        System.arraycopy(dPolicy, r * outputs, gradient, i * outputs, outputs);
      }
    }
    if (b.discrete) {
      double[] dProb = gradient.clone();
      PolicyLoss.probabilityToLogitGradient(probs, dProb, actions, gradient);
    }
    lastBatch = b;
    lastMemoryGradient = dMem;
    return total / lanes;
  }

  /** Writes sample {@code i}'s buffer row {@code r}: features and the policy output L_phi reads. */
  private void fillRow(Batch b, int i, Normalizer stats, double[] probs, double[] feats, double[] policy, int r) {
    stats.normalise(b.observations, i * obs, feats, r * features);
    int a = r * features + obs;
    if (b.discrete) {
      feats[a + b.discreteActions[i]] = 1;
      System.arraycopy(probs, i * outputs, policy, r * outputs, outputs);
    } else {
      for (int j = 0; j < actions; j++) {
        feats[a + j] = b.continuousActions[i * actions + j];
      }
      System.arraycopy(b.policyOutputs, i * outputs, policy, r * outputs, outputs);
    }
    feats[a + actions] = b.rewards[i];
    feats[a + actions + 1] = b.terminated[i] || b.truncated[i] ? 1 : 0;
  }

  @Override
  public void advance(Batch b) {
    if (b != lastBatch) {
      evaluate(b, new double[b.policyOutputs.length]);
    }
    double[] dMem = lastMemoryGradient;
    int steps = b.steps;
    double[] probs = b.discrete ? b.probabilities() : null;
    for (int l = 0; l < lanes; l++) {
      // Shift the buffer by `steps` rows and append the batch's rows (raw observations are kept).
      System.arraycopy(rawObs[l], steps * obs, rawObs[l], 0, (n - steps) * obs);
      System.arraycopy(rowTail[l], steps * (actions + 2), rowTail[l], 0, (n - steps) * (actions + 2));
      System.arraycopy(rowPolicy[l], steps * outputs, rowPolicy[l], 0, (n - steps) * outputs);
      for (int t = 0; t < steps; t++) {
        int i = b.index(t, l);
        int r = n - steps + t;
        System.arraycopy(b.observations, i * obs, rawObs[l], r * obs, obs);
        int tail = r * (actions + 2);
        Arrays.fill(rowTail[l], tail, tail + actions + 2, 0);
        if (b.discrete) {
          rowTail[l][tail + b.discreteActions[i]] = 1;
          System.arraycopy(probs, i * outputs, rowPolicy[l], r * outputs, outputs);
        } else {
          for (int j = 0; j < actions; j++) {
            rowTail[l][tail + j] = b.continuousActions[i * actions + j];
          }
          System.arraycopy(b.policyOutputs, i * outputs, rowPolicy[l], r * outputs, outputs);
        }
        rowTail[l][tail + actions] = b.rewards[i];
        rowTail[l][tail + actions + 1] = b.terminated[i] || b.truncated[i] ? 1 : 0;
      }
    }
    for (int i = 0; i < b.size(); i++) {
      norm.update(b.observations, i * obs);
    }
    filled = Math.min(filled + steps, n);
    if (m > 0) {
      double[] gMu = new double[m];
      boolean finite = true;
      for (int j = 0; j < m; j++) {
        gMu[j] = dMem[j] * (1 - mem[j] * mem[j]);
        finite &= Double.isFinite(gMu[j]);
      }
      if (finite) {
        memAdam.step(mu, gMu);
        for (int j = 0; j < m; j++) {
          mem[j] = Math.tanh(mu[j]);
        }
      }
    }
    lastBatch = null;
    lastMemoryGradient = null;
  }

  /** The memory {@code tanh(mu)} (a copy), for tests. */
  double[] memory() {
    return mem.clone();
  }

  @Override
  public byte[] state() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(0x45504731); // "EPG1"
      out.writeInt(lanes);
      out.writeInt(filled);
      for (int l = 0; l < lanes; l++) {
        for (float v : rawObs[l]) {
          out.writeFloat(v);
        }
        for (double v : rowTail[l]) {
          out.writeDouble(v);
        }
        for (double v : rowPolicy[l]) {
          out.writeDouble(v);
        }
      }
      norm.write(out);
      // mu, then Adam's first and second moments (the optimiser's state is the two, in that order)
      for (double v : mu) {
        out.writeDouble(v);
      }
      for (double v : memAdam.state()) {
        out.writeDouble(v);
      }
      out.writeInt(memAdam.iterations());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @Override
  public void restore(byte[] state) {
    reset(0);
    if (state.length == 0) {
      return;
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
      if (in.readInt() != 0x45504731) {
        throw new IllegalArgumentException("not the state of an epg policy loss");
      }
      lanes = in.readInt();
      filled = in.readInt();
      if (lanes < 0 || filled < 0 || filled > n) {
        throw new IllegalArgumentException("corrupt epg policy-loss state (lanes " + lanes + ", filled " + filled + ")");
      }
      if (lanes > 0) {
        rawObs = new float[lanes][n * obs];
        rowTail = new double[lanes][n * (actions + 2)];
        rowPolicy = new double[lanes][n * outputs];
      }
      for (int l = 0; l < lanes; l++) {
        for (int i = 0; i < rawObs[l].length; i++) {
          rawObs[l][i] = in.readFloat();
        }
        for (int i = 0; i < rowTail[l].length; i++) {
          rowTail[l][i] = in.readDouble();
        }
        for (int i = 0; i < rowPolicy[l].length; i++) {
          rowPolicy[l][i] = in.readDouble();
        }
      }
      norm.read(in);
      for (int j = 0; j < m; j++) {
        mu[j] = in.readDouble();
      }
      double[] moments = new double[2 * m];
      for (int j = 0; j < moments.length; j++) {
        moments[j] = in.readDouble();
      }
      memAdam.restore(moments, in.readInt());
      for (int j = 0; j < m; j++) {
        mem[j] = Math.tanh(mu[j]);
      }
      if (in.available() != 0) {
        throw new IllegalArgumentException("epg policy-loss state has " + in.available() + " trailing bytes");
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("truncated epg policy-loss state (" + e.getMessage() + ")", e);
    }
  }
}
