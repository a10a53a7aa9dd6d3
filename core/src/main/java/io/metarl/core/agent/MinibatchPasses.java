package io.metarl.core.agent;

import io.metarl.api.agent.RolloutBatch;
import io.metarl.core.nn.ActorCriticNetwork;
import io.metarl.core.nn.ActorCriticNetwork.Trace;
import java.util.Arrays;

/**
 * The forward and backward passes over one minibatch of a rollout, for updates that take several
 * steps per rollout (PPO). A minibatch is a set of <em>units</em>: with a recurrent network, whole
 * lanes, each replayed over every step of the rollout from the memory state it had when the rollout
 * began (with its trial-start resets), as recurrent PPO needs (garage's RL2PPO, pytorch_rl2); with a
 * feed-forward network, single samples ({@code t * lanes + lane}). Units are split over
 * {@code shards} threads, each with its own trace and gradient; outputs are gathered in unit order and
 * gradients summed in shard order, so a given number of shards always gives the same result.
 *
 * <p>Output layout: sample {@code j = t * m + k} is step {@code t} of the minibatch's unit {@code k}
 * ({@code m} units; one step for feed-forward units); {@link #rolloutIndex} maps it to the rollout.
 */
final class MinibatchPasses {
  private final ActorCriticNetwork network;
  private final Features features;
  private final RecurrentState memory;
  private final int units;
  private final int p;
  private final int shards;
  private final java.util.function.Supplier<ShardRunner> runners;
  private ShardRunner runner;
  private final Trace[] traces;
  private final double[][] grads;
  private final double[][] h;
  private final double[][] c;
  private final double[][] dPolicy;
  private final double[][] dValue;
  private int[] shardLo;
  private int steps;
  private int m;
  /** Policy outputs of the last forward pass, {@code [m * steps][p]}. */
  double[] policy = new double[0];
  /** Values of the last forward pass. */
  double[] value = new double[0];
  /** Rollout sample of each minibatch sample of the last forward pass. */
  int[] rolloutIndex = new int[0];
  /** The policy head's input of the last forward pass (gSDE only; empty otherwise). */
  double[] policyFeatures = new double[0];
  private final int featureWidth;

  /** @param runners makes (once, on the first split pass) the threads of split passes */
  MinibatchPasses(ActorCriticNetwork network, Features features, RecurrentState memory, int shards,
      java.util.function.Supplier<ShardRunner> runners) {
    this.network = network;
    this.features = features;
    this.memory = memory;
    this.units = network.units();
    this.p = network.spec().policyOutputs();
    this.shards = shards;
    this.runners = runners;
    this.traces = new Trace[shards];
    this.grads = new double[shards][];
    this.h = new double[shards][];
    this.c = new double[shards][];
    this.dPolicy = new double[shards][];
    this.dValue = new double[shards][];
    this.featureWidth = network.spec().stateDependentNoise() ? network.policyFeatureWidth() : 0;
  }

  /** Whether units are whole lanes (a recurrent network) rather than samples. */
  boolean sequences() {
    return units > 0;
  }

  /** The number of units of {@code b}: its lanes with a recurrent network, its samples otherwise. */
  int unitCount(RolloutBatch b) {
    return sequences() ? b.lanes : b.steps * b.lanes;
  }

  /** The forward pass over units {@code chosen} of {@code b} at {@code params}. */
  void forward(RolloutBatch b, int[] chosen, double[] params) {
    steps = sequences() ? b.steps : 1;
    m = chosen.length;
    int n = steps * m;
    if (policy.length != n * p) {
      policy = new double[n * p];
      value = new double[n];
      rolloutIndex = new int[n];
      policyFeatures = new double[n * featureWidth];
    }
    for (int t = 0; t < steps; t++) {
      for (int k = 0; k < m; k++) {
        rolloutIndex[t * m + k] = sequences() ? t * b.lanes + chosen[k] : chosen[k];
      }
    }
    int parts = Math.min(shards, m);
    shardLo = new int[parts + 1];
    for (int s = 0; s <= parts; s++) {
      shardLo[s] = (int) ((long) m * s / parts);
    }
    if (parts == 1) {
      forwardShard(b, 0, params);
    } else {
      if (runner == null) {
        runner = runners.get();
      }
      runner.run(s -> {
        if (s < parts) {
          forwardShard(b, s, params);
        }
      });
    }
  }

  private void forwardShard(RolloutBatch b, int s, double[] params) {
    int lo = shardLo[s];
    int width = shardLo[s + 1] - lo;
    Trace tr = traces[s];
    if (tr == null || tr.steps != steps || tr.lanes != width) {
      tr = network.newTrace(steps, width);
      traces[s] = tr;
      h[s] = new double[width * units];
      c[s] = new double[width * units];
    }
    boolean[] reset = tr.reset();
    for (int t = 0; t < steps; t++) {
      for (int k = 0; k < width; k++) {
        int sample = rolloutIndex[t * m + lo + k];
        int bt = sample / b.lanes;
        int lane = sample % b.lanes;
        features.fill(b.inputs[bt], lane, lane + 1, tr.input(), t * width + k);
        reset[t * width + k] = b.inputs[bt].trialStart[lane];
      }
    }
    if (units > 0) {
      for (int k = 0; k < width; k++) {
        int lane = rolloutIndex[lo + k];
        System.arraycopy(memory.hStart, lane * units, h[s], k * units, units);
        System.arraycopy(memory.cStart, lane * units, c[s], k * units, units);
      }
    }
    network.forward(params, tr, h[s], c[s]);
    for (int t = 0; t < steps; t++) {
      System.arraycopy(tr.policy, t * width * p, policy, (t * m + lo) * p, width * p);
      System.arraycopy(tr.value, t * width, value, t * m + lo, width);
      if (featureWidth > 0) {
        System.arraycopy(network.policyFeatures(tr), t * width * featureWidth, policyFeatures, (t * m + lo) * featureWidth,
            width * featureWidth);
      }
    }
  }

  /**
   * Adds to {@code grad} the gradient of the last forward pass's outputs, given the loss's derivatives
   * with respect to them (minibatch layout).
   */
  void backward(double[] params, double[] dPol, double[] dVal, double[] grad) {
    int parts = shardLo.length - 1;
    if (parts == 1) {
      backwardShard(0, params, dPol, dVal, grad);
      return;
    }
    runner.run(s -> {
      if (s < parts) {
        if (grads[s] == null || grads[s].length != grad.length) {
          grads[s] = new double[grad.length];
        } else {
          Arrays.fill(grads[s], 0);
        }
        backwardShard(s, params, dPol, dVal, grads[s]);
      }
    });
    for (int s = 0; s < parts; s++) {
      double[] g = grads[s];
      for (int i = 0; i < grad.length; i++) {
        grad[i] += g[i];
      }
    }
  }

  private void backwardShard(int s, double[] params, double[] dPol, double[] dVal, double[] grad) {
    int lo = shardLo[s];
    int width = shardLo[s + 1] - lo;
    int n = steps * width;
    if (dValue[s] == null || dValue[s].length != n) {
      dPolicy[s] = new double[n * p];
      dValue[s] = new double[n];
    }
    for (int t = 0; t < steps; t++) {
      System.arraycopy(dPol, (t * m + lo) * p, dPolicy[s], t * width * p, width * p);
      System.arraycopy(dVal, t * m + lo, dValue[s], t * width, width);
    }
    network.backward(params, traces[s], dPolicy[s], dValue[s], grad);
  }
}
