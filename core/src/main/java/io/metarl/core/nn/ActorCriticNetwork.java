package io.metarl.core.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A small actor-critic network in plain Java (double precision), with hand-written backpropagation
 * (through time for the LSTM). Small policies are dominated by per-call overhead in ND4J (DESIGN.md
 * section 5), so the hot path runs here; {@code NetworkParityTest} checks forward pass and gradients
 * against Deeplearning4j's own layers, and {@code GradientCheckTest} against finite differences.
 *
 * <p>The parameters live outside the network in one flat {@code double[]} (so that workers can keep
 * local copies and optimisers see one vector). Layout: actor torso (W, b per layer), critic torso
 * when not shared, LSTM (W_x, W_h, b; gates in the order input, forget, cell, output), policy head (W,
 * b), log standard deviations (continuous actions only), value head (W, b). Dense weights are stored
 * row-major as {@code [out][in]}.
 *
 * <p>The products run on the register-tiled kernels of {@link Kernels} over all samples of a pass (the
 * LSTM's input projection for all {@code steps x lanes} samples before the recurrence; per step only
 * {@code Wh·h}), and the backward pass forms the weight gradients as products over all samples after
 * the sequential part. Work arrays live in the {@link Trace}, so a pass allocates nothing once the
 * trace has been used. {@code TiledKernelsTest} compares all this with the straightforward per-sample
 * implementation it replaced.
 */
public final class ActorCriticNetwork {
  private final NetworkSpec spec;
  private final List<Dense> actorTorso = new ArrayList<>();
  private final List<Dense> criticTorso = new ArrayList<>();
  private final int lstmIn;
  private final int units;
  private final int wxOff;
  private final int whOff;
  private final int lbOff;
  private final Dense policyHead;
  private final int logStdOff;
  private final Dense valueHead;
  private final int parameterCount;
  /** Per gate row of the LSTM: the argument scale and tanh weight of {@link Kernels#sigmoidOrTanh}. */
  /** The LSTM's passes (null without memory). */
  private final LstmLayer lstm;

  /** A dense layer's place in the parameter vector. */
  private record Dense(int in, int out, int w, int b) {}

  /** Lays out the parameters of {@code spec}. */
  public ActorCriticNetwork(NetworkSpec spec) {
    this.spec = spec;
    int off = 0;
    int width = spec.inputSize();
    for (int h : spec.hidden()) {
      actorTorso.add(new Dense(width, h, off, off + h * width));
      off += h * width + h;
      width = h;
    }
    int actorWidth = width;
    int criticWidth = width;
    if (!spec.sharedTorso()) {
      width = spec.inputSize();
      for (int h : spec.hidden()) {
        criticTorso.add(new Dense(width, h, off, off + h * width));
        off += h * width + h;
        width = h;
      }
      criticWidth = width;
    }
    this.lstmIn = actorWidth;
    this.units = spec.lstmUnits();
    if (units > 0) {
      wxOff = off;
      off += 4 * units * lstmIn;
      whOff = off;
      off += 4 * units * units;
      lbOff = off;
      off += 4 * units;
      actorWidth = units;
      criticWidth = units;
    } else {
      wxOff = whOff = lbOff = -1;
    }
    lstm = units > 0 ? new LstmLayer(lstmIn, units, wxOff, whOff, lbOff, !actorTorso.isEmpty()) : null;
    int p = spec.policyOutputs();
    policyHead = new Dense(actorWidth, p, off, off + p * actorWidth);
    off += p * actorWidth + p;
    if (!spec.discrete()) {
      logStdOff = off;
      off += spec.stateDependentNoise() ? actorWidth * p : p;
    } else {
      logStdOff = -1;
    }
    valueHead = new Dense(criticWidth, 1, off, off + criticWidth);
    off += criticWidth + 1;
    this.parameterCount = off;
  }

  /** The shape. */
  public NetworkSpec spec() {
    return spec;
  }

  /** Number of parameters. */
  public int parameterCount() {
    return parameterCount;
  }

  /** Offset of the log standard deviations in the parameter vector (-1 for discrete actions). */
  public int logStdOffset() {
    return logStdOff;
  }

  /** LSTM units (0 without memory). */
  public int units() {
    return units;
  }

  /**
   * Initial parameters: Glorot-uniform hidden layers, a policy head scaled by 0.01 (near-uniform
   * initial policy), a value head scaled by 1, zero biases except the LSTM's forget gate (1).
   */
  public double[] initialParameters(SplittableRandom rng) {
    return initialParameters(rng, Initialization.DEFAULT);
  }

  /** Initial parameters drawn by {@code init} (see {@link Initialization}). */
  public double[] initialParameters(SplittableRandom rng, Initialization init) {
    double[] params = new double[parameterCount];
    for (Dense d : actorTorso) {
      init.fill(params, d.w, d.in, d.out, init.hiddenGain(), rng);
    }
    for (Dense d : criticTorso) {
      init.fill(params, d.w, d.in, d.out, init.hiddenGain(), rng);
    }
    if (units > 0) {
      for (int g = 0; g < 4; g++) {
        init.fill(params, wxOff + g * units * lstmIn, lstmIn, units, 1.0, rng);
        init.fill(params, whOff + g * units * units, units, units, 1.0, rng);
      }
      for (int j = 0; j < units; j++) {
        params[lbOff + units + j] = 1.0;
      }
    }
    init.fill(params, policyHead.w, policyHead.in, policyHead.out, init.policyGain(), rng);
    init.fill(params, valueHead.w, valueHead.in, valueHead.out, init.valueGain(), rng);
    if (logStdOff >= 0) {
      for (int i = 0; i < logStdCount(); i++) {
        params[logStdOff + i] = spec.initialLogStd();
      }
    }
    return params;
  }

  /**
   * How many log standard deviations the parameters hold: one per action dimension, or with
   * state-dependent noise one per (policy feature, action dimension), feature-major.
   */
  public int logStdCount() {
    if (logStdOff < 0) {
      return 0;
    }
    return spec.stateDependentNoise() ? policyHead.in * spec.policyOutputs() : spec.policyOutputs();
  }

  /** Width of the policy head's input: the features state-dependent noise is applied to. */
  public int policyFeatureWidth() {
    return policyHead.in;
  }

  /**
   * The policy head's input of the trace's samples ({@code [n][policyFeatureWidth]}: the LSTM's
   * output, the last actor layer's, or the network input), valid after a forward pass.
   */
  public double[] policyFeatures(Trace tr) {
    if (units > 0) {
      return tr.hidden;
    }
    return actorTorso.isEmpty() ? tr.input : tr.actorActs[actorTorso.size() - 1];
  }

  /** Activations of a forward pass over {@code steps x lanes} samples, kept for the backward pass. */
  public final class Trace {
    /** Time steps of the trace. */
    public final int steps;
    /** Lanes of the trace. */
    public final int lanes;
    final double[] input;
    final double[][] actorActs;
    final double[][] criticActs;
    final double[] hPrev;
    final double[] cPrev;
    final double[] gates;
    final double[] cell;
    final double[] tanhCell;
    final double[] hidden;
    final boolean[] reset;
    /** Policy head outputs (logits or means), {@code [n][policyOutputs]}. */
    public final double[] policy;
    /** Value head outputs, {@code [n]}. */
    public final double[] value;

    Trace(int steps, int lanes) {
      this.steps = steps;
      this.lanes = lanes;
      int n = steps * lanes;
      input = new double[n * spec.inputSize()];
      actorActs = new double[actorTorso.size()][];
      for (int k = 0; k < actorTorso.size(); k++) {
        actorActs[k] = new double[n * actorTorso.get(k).out];
      }
      criticActs = new double[criticTorso.size()][];
      for (int k = 0; k < criticTorso.size(); k++) {
        criticActs[k] = new double[n * criticTorso.get(k).out];
      }
      int h = Math.max(units, 0);
      hPrev = new double[n * h];
      cPrev = new double[n * h];
      gates = new double[n * 4 * h];
      cell = new double[n * h];
      tanhCell = new double[n * h];
      hidden = new double[n * h];
      reset = new boolean[n];
      policy = new double[n * spec.policyOutputs()];
      value = new double[n];
    }

    /** The network input buffer, {@code [steps * lanes][inputSize]}, time-major; fill before forward. */
    public double[] input() {
      return input;
    }

    /** Per-sample flags: zero the memory of the lane before this step. */
    public boolean[] reset() {
      return reset;
    }

    /** Reusable work arrays of the forward and backward passes (the trace belongs to one thread). */
    private final double[][] scratch = new double[SCRATCH_SLOTS][];

    /** The work array {@code slot} with at least {@code size} elements; its contents are arbitrary. */
    double[] scratch(int slot, int size) {
      double[] a = scratch[slot];
      if (a == null || a.length < size) {
        a = new double[size];
        scratch[slot] = a;
      }
      return a;
    }

    /** As {@link #scratch(int, int)}, with the first {@code size} elements zeroed. */
    double[] zeroed(int slot, int size) {
      double[] a = scratch(slot, size);
      java.util.Arrays.fill(a, 0, size, 0.0);
      return a;
    }
  }

  // Scratch slots of a trace. Slots in use at the same time must differ.
  static final int S_DHEAD = 0;
  static final int S_DVALUE = 1;
  static final int S_DLSTMX = 2;
  static final int S_DZ = 3;
  static final int S_DX0 = 4; // S_DX0 and S_DX0 + 1 alternate between torso layers
  static final int S_DZT = 6;
  static final int S_XT = 7;
  static final int S_WT = 8;
  static final int S_HT = 9;
  static final int S_WHT = 10;
  static final int S_DH = 11;
  static final int S_DC = 12;
  private static final int SCRATCH_SLOTS = 13;

  /** A trace for {@code steps x lanes} samples. */
  public Trace newTrace(int steps, int lanes) {
    return new Trace(steps, lanes);
  }

  /**
   * Forward pass over the trace's input.
   *
   * @param params parameters
   * @param tr the trace (its input and reset flags filled in)
   * @param h memory state h per lane ({@code lanes * units}), read as the initial state and
   *     overwritten with the final one; ignored without an LSTM
   * @param c memory state c per lane, likewise
   */
  public void forward(double[] params, Trace tr, double[] h, double[] c) {
    forward(params, tr, 0, tr.steps, h, c);
  }

  /**
   * The forward pass of step {@code t} of the trace alone: bit for bit what {@link #forward} computes
   * for that step's samples when {@code h} and {@code c} hold the memory state before it (every product
   * element is one serial chain whatever the tile, see {@link Kernels}, and the nonlinearities are
   * element-wise). Calling it for {@code t = 0, 1, ...} fills the trace as one {@code forward} would, so
   * a learner that acts this way needs no second forward pass before the backward one.
   *
   * @throws IndexOutOfBoundsException if {@code t} is not a step of the trace
   */
  public void forwardStep(double[] params, Trace tr, int t, double[] h, double[] c) {
    java.util.Objects.checkIndex(t, tr.steps);
    forward(params, tr, t, 1, h, c);
  }

  /** The forward pass of steps {@code t0 .. t0 + count - 1} of the trace. */
  private void forward(double[] params, Trace tr, int t0, int count, double[] h, double[] c) {
    int s0 = t0 * tr.lanes;
    int n = count * tr.lanes;
    double[] actorFeat = torso(params, actorTorso, tr.input, tr.actorActs, s0, n);
    double[] criticFeat = spec.sharedTorso() ? actorFeat : torso(params, criticTorso, tr.input, tr.criticActs, s0, n);
    if (units > 0) {
      lstm.forward(params, tr, actorFeat, t0, count, h, c);
      actorFeat = tr.hidden;
      criticFeat = tr.hidden;
    }
    dense(params, policyHead, actorFeat, tr.policy, s0, n, null);
    dense(params, valueHead, criticFeat, tr.value, s0, n, null);
  }

  private double[] torso(double[] params, List<Dense> layers, double[] x, double[][] acts, int s0, int n) {
    double[] in = x;
    for (int k = 0; k < layers.size(); k++) {
      dense(params, layers.get(k), in, acts[k], s0, n, spec.activation());
      in = acts[k];
    }
    return in;
  }

  /** {@code y = act(b + W x)} for samples {@code s0 .. s0 + n - 1}, tiled over samples and outputs. */
  private static void dense(double[] p, Dense d, double[] x, double[] y, int s0, int n, Activation act) {
    for (int s = s0; s < s0 + n; s++) {
      System.arraycopy(p, d.b, y, s * d.out, d.out);
    }
    Kernels.multiplyAddTransposed(x, s0 * d.in, d.in, n, p, d.w, d.in, d.out, d.in, y, s0 * d.out, d.out, 1);
    if (act == Activation.TANH) {
      Kernels.tanh(y, s0 * d.out, n * d.out);
    } else if (act != null) {
      for (int i = s0 * d.out, e = (s0 + n) * d.out; i < e; i++) {
        y[i] = act.apply(y[i]);
      }
    }
  }


  /** tanh, the function of {@link Kernels#tanh(double[], int, int)} (a vectorisable evaluation, to 6e-16). */
  static double tanh(double x) {
    return Kernels.tanh(x);
  }

  /**
   * Backward pass: accumulates into {@code grad} the gradient of a loss whose derivatives with respect
   * to the outputs are {@code dPolicy} ({@code [n][policyOutputs]}) and {@code dValue} ({@code [n]}).
   * Gradients do not flow into the initial memory state or across a reset (truncated BPTT).
   */
  public void backward(double[] params, Trace tr, double[] dPolicy, double[] dValue, double[] grad) {
    int n = tr.steps * tr.lanes;
    double[] actorFeat = actorTorso.isEmpty() ? tr.input : tr.actorActs[actorTorso.size() - 1];
    double[] criticFeat = spec.sharedTorso() ? actorFeat
        : criticTorso.isEmpty() ? tr.input : tr.criticActs[criticTorso.size() - 1];
    double[] headIn = units > 0 ? tr.hidden : actorFeat;
    double[] valueIn = units > 0 ? tr.hidden : criticFeat;
    // The heads' input gradients are only needed when something with parameters lies below them.
    boolean actorBelow = units > 0 || !actorTorso.isEmpty();
    boolean criticBelow = units > 0 || (spec.sharedTorso() ? !actorTorso.isEmpty() : !criticTorso.isEmpty());
    double[] dHead = actorBelow ? tr.zeroed(S_DHEAD, n * policyHead.in) : null;
    denseBackward(params, policyHead, headIn, dPolicy, dHead, grad, n, tr);
    double[] dValueIn = null;
    if (criticBelow) {
      dValueIn = units > 0 || spec.sharedTorso() ? dHead : tr.zeroed(S_DVALUE, n * valueHead.in);
    }
    denseBackward(params, valueHead, valueIn, dValue, dValueIn, grad, n, tr);
    double[] dActorFeat = dHead;
    if (units > 0) {
      dActorFeat = lstm.backward(params, tr, actorFeat, dHead, grad);
    }
    torsoBackward(params, actorTorso, tr.input, tr.actorActs, dActorFeat, grad, n, tr);
    if (!spec.sharedTorso()) {
      torsoBackward(params, criticTorso, tr.input, tr.criticActs, dValueIn, grad, n, tr);
    }
  }

  private void torsoBackward(double[] p, List<Dense> layers, double[] input, double[][] acts, double[] dOut,
      double[] grad, int n, Trace tr) {
    double[] dy = dOut;
    Activation act = spec.activation();
    for (int k = layers.size() - 1; k >= 0; k--) {
      Dense d = layers.get(k);
      double[] y = acts[k];
      int size = n * d.out;
      double[] dz = tr.scratch(S_DZ, size);
      if (act == Activation.TANH) {
        for (int i = 0; i < size; i++) {
          dz[i] = dy[i] * (1 - y[i] * y[i]);
        }
      } else {
        for (int i = 0; i < size; i++) {
          dz[i] = dy[i] * act.derivativeFromOutput(y[i]);
        }
      }
      double[] x = k == 0 ? input : acts[k - 1];
      double[] dx = k == 0 ? null : tr.zeroed(S_DX0 + (k & 1), n * d.in);
      denseBackward(p, d, x, dz, dx, grad, n, tr);
      dy = dx;
    }
  }

  /**
   * dz: gradient w.r.t. the layer's pre-activation output ({@code [n][out]}); accumulates into dx
   * ({@code [n][in]}) when non-null. The weight gradient {@code dZᵀ·X} is one tiled product over
   * transposed copies of dz and x, so each gradient element is written once.
   */
  private static void denseBackward(double[] p, Dense d, double[] x, double[] dz, double[] dx, double[] grad, int n,
      Trace tr) {
    Kernels.addColumnSums(dz, n, d.out, grad, d.b);
    double[] dzT = tr.scratch(S_DZT, d.out * n);
    double[] xT = tr.scratch(S_XT, d.in * n);
    Kernels.transpose(dz, 0, n, d.out, dzT, 0);
    Kernels.transpose(x, 0, n, d.in, xT, 0);
    Kernels.multiplyAddTransposed(dzT, 0, n, d.out, xT, 0, n, d.in, n, grad, d.w, d.in, 1);
    if (dx != null) {
      double[] wT = tr.scratch(S_WT, d.in * d.out);
      Kernels.transpose(p, d.w, d.out, d.in, wT, 0);
      Kernels.multiplyAddTransposed(dz, 0, d.out, n, wT, 0, d.out, d.in, d.out, dx, 0, d.in, 1);
    }
  }

}
