package io.metarl.core.agent;

import io.metarl.api.agent.PolicyInput;
import io.metarl.api.agent.RolloutBatch;
import io.metarl.core.nn.ActorCriticNetwork;
import io.metarl.core.nn.ActorCriticNetwork.Trace;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The forward and backward passes of one learner over its lanes: acting, bootstrap values, the
 * replay of a rollout before its update, and the backward pass, optionally split by lanes over
 * {@code shards} threads ({@code learner-threads}).
 *
 * <p>Acting into the learn trace: act number t of a rollout runs the forward pass of step t of the
 * learn trace (of each shard's trace with several shards) with {@link ActorCriticNetwork#forwardStep},
 * which is what the replay before the update would compute again, bit for bit, from the same
 * parameters, inputs and initial memory; the update then skips the replay. {@code acted} counts the
 * steps acted into the traces since the last update; -1 when they do not hold this rollout's
 * activations (the first rollout, after a replay of some batch, a resume or an extra act).
 *
 * <p>Split passes: shard k owns lanes {@code shardLo[k] .. shardLo[k + 1] - 1} and has its own traces,
 * memory copy and gradient; outputs are gathered in lane order and the shards' gradients summed in
 * shard order, so a given number of shards always gives the same result whichever thread finishes
 * first.
 */
final class RolloutPasses {
  private final ActorCriticNetwork network;
  private final Features features;
  private final Supplier<double[]> params;
  private final RecurrentState memory;
  private final int lanes;
  private final int units;
  private final int p;
  private final boolean learning;
  private final Trace actTrace;
  private final Trace valueTrace;
  private Trace learnTrace;
  private int acted = -1;
  private double[] checkInput;
  // Split passes (shards > 1): per shard a learn trace, a one-step acting trace, a copy of its lanes'
  // memory, output-gradient buffers and a gradient.
  private final int shards;
  private final int[] shardLo;
  private final Trace[] shardTrace;
  private final double[][] shardGrad;
  private final double[][] shardDPolicy;
  private final double[][] shardDValue;
  private final ShardRunner runner;
  private final Trace[] actShardTrace;
  private final double[][] shardH;
  private final double[][] shardC;
  private final double[] actPolicy;
  private final double[] actValue;
  // The replayed outputs at full-batch layout (sample t * lanes + lane): the learn trace's own arrays
  // with one shard, gathered from the shards otherwise.
  private double[] replayPolicy;
  private double[] replayValue;

  /** The outputs of the last {@link #act}: policy outputs and values, this step's lanes from {@link #actFirst}. */
  double[] actPolicyOut;
  double[] actValueOut;
  int actFirst;
  /** The policy head's input of the last {@link #act} (same samples), kept for gSDE only. */
  double[] actFeaturesOut;
  // gSDE: the policy features are gathered from split passes too (width per sample, null without gSDE)
  private final int featureWidth;
  private final double[] actFeatures;
  private double[] replayFeatures;

  /**
   * @param params the parameters to compute with (read at each pass)
   * @param shards lanes are split over this many threads (1: the caller's thread only)
   * @param runner the threads of a split pass, or null with one shard
   */
  RolloutPasses(ActorCriticNetwork network, Features features, Supplier<double[]> params, RecurrentState memory,
      int lanes, boolean learning, int shards, ShardRunner runner) {
    this.network = network;
    this.features = features;
    this.params = params;
    this.memory = memory;
    this.lanes = lanes;
    this.units = network.units();
    this.p = network.spec().policyOutputs();
    this.learning = learning;
    this.actTrace = network.newTrace(1, lanes);
    this.valueTrace = network.newTrace(1, lanes);
    this.shards = shards;
    this.shardLo = new int[shards + 1];
    for (int k = 0; k <= shards; k++) {
      shardLo[k] = (int) ((long) lanes * k / shards);
    }
    this.shardTrace = new Trace[shards];
    this.shardGrad = new double[shards][];
    this.shardDPolicy = new double[shards][];
    this.shardDValue = new double[shards][];
    this.runner = runner;
    this.actShardTrace = new Trace[shards];
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
    this.featureWidth = network.spec().stateDependentNoise() ? network.policyFeatureWidth() : 0;
    this.actFeatures = shards > 1 && featureWidth > 0 ? new double[lanes * featureWidth] : null;
  }

  /** One acting step for every lane, advancing the memory; outputs in {@link #actPolicyOut}/{@link #actValueOut}. */
  void act(PolicyInput in) {
    if (shards > 1) {
      actSharded(in);
      actPolicyOut = actPolicy;
      actValueOut = actValue;
      actFeaturesOut = actFeatures;
      actFirst = 0;
    } else {
      int t = nextActedStep();
      Trace tr = t >= 0 ? learnTrace : actTrace;
      t = Math.max(t, 0);
      int first = t * lanes;
      features.fill(in, tr.input(), first);
      System.arraycopy(in.trialStart, 0, tr.reset(), first, lanes);
      network.forwardStep(params.get(), tr, t, memory.h, memory.c);
      actPolicyOut = tr.policy;
      actValueOut = tr.value;
      actFeaturesOut = featureWidth > 0 ? network.policyFeatures(tr) : null;
      actFirst = first;
    }
  }

  /** V(s) of every lane of {@code in} in its current memory state; the memory is not advanced. */
  void values(PolicyInput in, float[] out) {
    features.fill(in, valueTrace.input(), 0);
    System.arraycopy(in.trialStart, 0, valueTrace.reset(), 0, lanes);
    memory.scratchFromCurrent();
    network.forward(params.get(), valueTrace, memory.hScratch, memory.cScratch);
    for (int l = 0; l < lanes; l++) {
      out[l] = (float) valueTrace.value[l];
    }
  }

  /**
   * Makes {@link #replayPolicy()}/{@link #replayValue()} hold the forward pass of {@code b} at the
   * current parameters from the memory state the rollout began with (truncated BPTT): reused from
   * acting when the traces hold it, replayed otherwise.
   */
  void forwardForUpdate(RolloutBatch b) {
    if (shards > 1) {
      replaySharded(b);
    } else {
      if (!actedInto(b)) {
        replay(b);
      }
      replayPolicy = learnTrace.policy;
      replayValue = learnTrace.value;
      replayFeatures = featureWidth > 0 ? network.policyFeatures(learnTrace) : null;
    }
  }

  /** The policy head's input of the last {@link #forwardForUpdate} (gSDE only; null otherwise). */
  double[] replayFeatures() {
    return replayFeatures;
  }

  /** Policy outputs of the last {@link #forwardForUpdate} (sample {@code t * lanes + lane}). */
  double[] replayPolicy() {
    return replayPolicy;
  }

  /** Values of the last {@link #forwardForUpdate}. */
  double[] replayValue() {
    return replayValue;
  }

  /** Adds the gradient of the last {@link #forwardForUpdate}'s outputs, given d/d outputs, to {@code grad}. */
  void backward(int steps, double[] dPolicy, double[] dValue, double[] grad) {
    if (shards > 1) {
      backwardSharded(steps, dPolicy, dValue, grad);
    } else {
      network.backward(params.get(), learnTrace, dPolicy, dValue, grad);
    }
  }

  /** After an update: the next rollout's acting passes go into the learn traces. */
  void updated() {
    acted = learnTrace(0) != null ? 0 : -1;
  }

  /** The traces no longer hold the current rollout (a resume). */
  void invalidate() {
    acted = -1;
  }

  /**
   * Replays {@code b} unsplit, whatever the shards, from the rollout's starting memory; returns its
   * policy outputs. For gradient queries that must not disturb the split traces.
   */
  double[] replayWhole(RolloutBatch b) {
    replay(b);
    return learnTrace.policy;
  }

  /** The backward pass over the trace of the last {@link #replayWhole}. */
  void backwardWhole(double[] dPolicy, double[] dValue, double[] grad) {
    network.backward(params.get(), learnTrace, dPolicy, dValue, grad);
  }

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
    memory.scratchFromStart();
    network.forward(params.get(), learnTrace, memory.hScratch, memory.cScratch);
  }

  /** Shard k's learn trace (with one shard, learnTrace); null until the first update has made it. */
  private Trace learnTrace(int k) {
    return shards == 1 ? learnTrace : shardTrace[k];
  }

  /**
   * The step of the rollout this act fills in the learn traces (and counts it in {@code acted}), or
   * -1 to act into the one-step traces: a frozen policy, no learn trace yet, or they do not hold this
   * rollout or are full.
   */
  private int nextActedStep() {
    Trace tr = learning ? learnTrace(0) : null;
    if (tr != null && acted >= 0 && acted < tr.steps) {
      return acted++;
    }
    acted = -1;
    return -1;
  }

  /**
   * Whether the learn traces hold the forward pass of {@code b} at the current parameters: every step
   * of it was acted into them since the last update, with the batch's inputs (checked, so a caller
   * that learns from another batch than it acted on still gets a replay).
   */
  private boolean actedInto(RolloutBatch b) {
    if (acted != b.steps) {
      return false;
    }
    for (int k = 0; k < shards; k++) {
      Trace tr = learnTrace(k);
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

  /**
   * The acting forward pass split by lanes over the shards; outputs gathered into actPolicy/actValue.
   * As with one shard, step t of a rollout is acted into step t of each shard's learn trace when
   * those hold this rollout ({@code acted}), else into the shards' one-step traces.
   */
  private void actSharded(PolicyInput in) {
    int step = nextActedStep();
    boolean intoShardTraces = step >= 0;
    int t = Math.max(step, 0);
    double[] w = params.get();
    runner.run(k -> {
      int lo = shardLo[k];
      int width = shardLo[k + 1] - lo;
      Trace tr = intoShardTraces ? shardTrace[k] : actShardTrace[k];
      int first = t * width;
      features.fill(in, lo, lo + width, tr.input(), first);
      System.arraycopy(in.trialStart, lo, tr.reset(), first, width);
      double[] hk = shardH[k];
      double[] ck = shardC[k];
      System.arraycopy(memory.h, lo * units, hk, 0, width * units);
      System.arraycopy(memory.c, lo * units, ck, 0, width * units);
      network.forwardStep(w, tr, t, hk, ck);
      System.arraycopy(hk, 0, memory.h, lo * units, width * units);
      System.arraycopy(ck, 0, memory.c, lo * units, width * units);
      System.arraycopy(tr.policy, first * p, actPolicy, lo * p, width * p);
      System.arraycopy(tr.value, first, actValue, lo, width);
      if (featureWidth > 0) {
        System.arraycopy(network.policyFeatures(tr), first * featureWidth, actFeatures, lo * featureWidth,
            width * featureWidth);
      }
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
      replayFeatures = featureWidth > 0 ? new double[n * featureWidth] : null;
    }
    boolean reuse = actedInto(b);
    acted = -1;
    double[] w = params.get();
    runner.run(k -> {
      int lo = shardLo[k];
      int width = shardLo[k + 1] - lo;
      Trace tr = shardTrace[k];
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
        System.arraycopy(memory.hStart, lo * units, hk, 0, width * units);
        System.arraycopy(memory.cStart, lo * units, ck, 0, width * units);
        network.forward(w, tr, hk, ck);
      }
      for (int t = 0; t < steps; t++) {
        System.arraycopy(tr.policy, t * width * p, replayPolicy, (t * lanes + lo) * p, width * p);
        System.arraycopy(tr.value, t * width, replayValue, t * lanes + lo, width);
        if (featureWidth > 0) {
          System.arraycopy(network.policyFeatures(tr), t * width * featureWidth, replayFeatures,
              (t * lanes + lo) * featureWidth, width * featureWidth);
        }
      }
    });
  }

  /** The backward pass split by lanes over the shards; the shards' gradients summed into {@code grad}. */
  private void backwardSharded(int steps, double[] dPolicy, double[] dValue, double[] grad) {
    double[] w = params.get();
    runner.run(k -> {
      int lo = shardLo[k];
      int width = shardLo[k + 1] - lo;
      Trace tr = shardTrace[k];
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
      network.backward(w, tr, dp, dv, shardGrad[k]);
    });
    for (int k = 0; k < shards; k++) {
      double[] g = shardGrad[k];
      for (int i = 0; i < grad.length; i++) {
        grad[i] += g[i];
      }
    }
  }
}
