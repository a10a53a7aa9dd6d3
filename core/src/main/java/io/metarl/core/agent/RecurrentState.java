package io.metarl.core.agent;

import io.metarl.api.agent.MetaMemory;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * The per-lane LSTM state of a learner or policy ({@code lanes x units}, lane-major): the current
 * state {@code h, c}, the state each lane had when the current rollout began (where the update's
 * truncated back-propagation starts), and scratch copies for passes that must leave both untouched.
 * With zero units it is empty and every operation is a no-op. Which lanes are zeroed, and when, is
 * decided by the network from {@link io.metarl.api.agent.PolicyInput#trialStart}; {@link #reset}
 * zeroes one lane on request.
 */
final class RecurrentState implements MetaMemory {
  final int units;
  final int lanes;
  final double[] h;
  final double[] c;
  final double[] hStart;
  final double[] cStart;
  final double[] hScratch;
  final double[] cScratch;

  RecurrentState(int lanes, int units) {
    this.lanes = lanes;
    this.units = units;
    this.h = new double[lanes * units];
    this.c = new double[lanes * units];
    this.hStart = new double[lanes * units];
    this.cStart = new double[lanes * units];
    this.hScratch = new double[lanes * units];
    this.cScratch = new double[lanes * units];
  }

  /** The next rollout begins in the current state. */
  void markRolloutStart() {
    System.arraycopy(h, 0, hStart, 0, h.length);
    System.arraycopy(c, 0, cStart, 0, c.length);
  }

  /** Scratch holding the current state (a pass that must not advance it). */
  void scratchFromCurrent() {
    System.arraycopy(h, 0, hScratch, 0, h.length);
    System.arraycopy(c, 0, cScratch, 0, c.length);
  }

  /** Scratch holding the rollout's starting state (a replay). */
  void scratchFromStart() {
    System.arraycopy(hStart, 0, hScratch, 0, hStart.length);
    System.arraycopy(cStart, 0, cScratch, 0, cStart.length);
  }

  void write(DataOutputStream out) throws IOException {
    for (double[] a : new double[][] {h, c, hStart, cStart}) {
      out.writeInt(a.length);
      for (double v : a) {
        out.writeDouble(v);
      }
    }
  }

  void read(DataInputStream in) throws IOException {
    for (double[] a : new double[][] {h, c, hStart, cStart}) {
      int n = in.readInt();
      if (n != a.length) {
        throw new IOException("saved learner memory has " + n + " values, this learner has " + a.length);
      }
      for (int i = 0; i < n; i++) {
        a[i] = in.readDouble();
      }
    }
  }

  @Override
  public int units() {
    return units;
  }

  @Override
  public int lanes() {
    return lanes;
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
