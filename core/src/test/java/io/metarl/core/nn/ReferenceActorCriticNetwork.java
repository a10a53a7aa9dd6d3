package io.metarl.core.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@link ActorCriticNetwork} as of commit 4eb4ce6, before the register-tiled kernels: straightforward
 * per-sample dot products and per-sample gradient accumulation, with its own {@code Math.exp}-based
 * tanh and sigmoid. The reference of {@code TiledKernelsTest}; same parameter layout.
 */
final class ReferenceActorCriticNetwork {
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

  /** A dense layer's place in the parameter vector. */
  private record Dense(int in, int out, int w, int b) {}

  /** Lays out the parameters of {@code spec}. */
  ReferenceActorCriticNetwork(NetworkSpec spec) {
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
    int p = spec.policyOutputs();
    policyHead = new Dense(actorWidth, p, off, off + p * actorWidth);
    off += p * actorWidth + p;
    if (!spec.discrete()) {
      logStdOff = off;
      off += p;
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
    double[] params = new double[parameterCount];
    for (Dense d : actorTorso) {
      glorot(params, d.w, d.in, d.out, 1.0, rng);
    }
    for (Dense d : criticTorso) {
      glorot(params, d.w, d.in, d.out, 1.0, rng);
    }
    if (units > 0) {
      for (int g = 0; g < 4; g++) {
        glorot(params, wxOff + g * units * lstmIn, lstmIn, units, 1.0, rng);
        glorot(params, whOff + g * units * units, units, units, 1.0, rng);
      }
      for (int j = 0; j < units; j++) {
        params[lbOff + units + j] = 1.0;
      }
    }
    glorot(params, policyHead.w, policyHead.in, policyHead.out, 0.01, rng);
    glorot(params, valueHead.w, valueHead.in, valueHead.out, 1.0, rng);
    if (logStdOff >= 0) {
      for (int i = 0; i < spec.continuousActions(); i++) {
        params[logStdOff + i] = spec.initialLogStd();
      }
    }
    return params;
  }

  private static void glorot(double[] p, int off, int in, int out, double scale, SplittableRandom rng) {
    double limit = scale * Math.sqrt(6.0 / (in + out));
    for (int i = 0; i < in * out; i++) {
      p[off + i] = rng.nextDouble(-limit, limit);
    }
  }

  /** Activations of a forward pass over {@code steps x lanes} samples, kept for the backward pass. */
  public final class Trace {
    final int steps;
    final int lanes;
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
  }

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
    int lanes = tr.lanes;
    int n = tr.steps * lanes;
    double[] actorFeat = torso(params, actorTorso, tr.input, tr.actorActs, n);
    double[] criticFeat = spec.sharedTorso() ? actorFeat : torso(params, criticTorso, tr.input, tr.criticActs, n);
    if (units > 0) {
      lstmForward(params, tr, actorFeat, h, c);
      actorFeat = tr.hidden;
      criticFeat = tr.hidden;
    }
    dense(params, policyHead, actorFeat, tr.policy, n, null);
    dense(params, valueHead, criticFeat, tr.value, n, null);
  }

  private double[] torso(double[] params, List<Dense> layers, double[] x, double[][] acts, int n) {
    double[] in = x;
    for (int k = 0; k < layers.size(); k++) {
      dense(params, layers.get(k), in, acts[k], n, spec.activation());
      in = acts[k];
    }
    return in;
  }

  private static void dense(double[] p, Dense d, double[] x, double[] y, int n, Activation act) {
    int s = 0;
    // Two samples per pass share every weight load; each sum is accumulated exactly as dot() does, so
    // the results are bit-identical to one sample at a time.
    double[] pair = new double[2];
    for (; s + 1 < n; s += 2) {
      int xo = s * d.in;
      int yo = s * d.out;
      for (int o = 0; o < d.out; o++) {
        dot2(p, d.w + o * d.in, x, xo, xo + d.in, d.in, pair);
        double sa = p[d.b + o] + pair[0];
        double sb = p[d.b + o] + pair[1];
        y[yo + o] = act == null ? sa : apply(act, sa);
        y[yo + d.out + o] = act == null ? sb : apply(act, sb);
      }
    }
    for (; s < n; s++) {
      int xo = s * d.in;
      int yo = s * d.out;
      for (int o = 0; o < d.out; o++) {
        double sum = p[d.b + o] + dot(p, d.w + o * d.in, x, xo, d.in);
        y[yo + o] = act == null ? sum : apply(act, sum);
      }
    }
  }

  /**
   * Two dot products of the same row {@code a[ao..ao+n)} with {@code b[bo1..]} and {@code b[bo2..]},
   * sharing each load of {@code a}; each is accumulated exactly as {@link #dot} does (bit-identical).
   */
  static void dot2(double[] a, int ao, double[] b, int bo1, int bo2, int n, double[] out) {
    double a0 = 0;
    double a1 = 0;
    double a2 = 0;
    double a3 = 0;
    double b0 = 0;
    double b1 = 0;
    double b2 = 0;
    double b3 = 0;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      double w0 = a[ao + i];
      double w1 = a[ao + i + 1];
      double w2 = a[ao + i + 2];
      double w3 = a[ao + i + 3];
      a0 += w0 * b[bo1 + i];
      a1 += w1 * b[bo1 + i + 1];
      a2 += w2 * b[bo1 + i + 2];
      a3 += w3 * b[bo1 + i + 3];
      b0 += w0 * b[bo2 + i];
      b1 += w1 * b[bo2 + i + 1];
      b2 += w2 * b[bo2 + i + 2];
      b3 += w3 * b[bo2 + i + 3];
    }
    for (; i < n; i++) {
      a0 += a[ao + i] * b[bo1 + i];
      b0 += a[ao + i] * b[bo2 + i];
    }
    out[0] = (a0 + a1) + (a2 + a3);
    out[1] = (b0 + b1) + (b2 + b3);
  }

  /** A dot product with four independent accumulators (the JIT does not vectorise FP reductions). */
  static double dot(double[] a, int ao, double[] b, int bo, int n) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      s0 += a[ao + i] * b[bo + i];
      s1 += a[ao + i + 1] * b[bo + i + 1];
      s2 += a[ao + i + 2] * b[bo + i + 2];
      s3 += a[ao + i + 3] * b[bo + i + 3];
    }
    for (; i < n; i++) {
      s0 += a[ao + i] * b[bo + i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  private void lstmForward(double[] p, Trace tr, double[] x, double[] h, double[] c) {
    int lanes = tr.lanes;
    int hs = units;
    double[] z = new double[lanes * 4 * hs];
    double[] pair = new double[2];
    for (int t = 0; t < tr.steps; t++) {
      for (int l = 0; l < lanes; l++) {
        int s = t * lanes + l;
        if (tr.reset[s]) {
          java.util.Arrays.fill(h, l * hs, (l + 1) * hs, 0.0);
          java.util.Arrays.fill(c, l * hs, (l + 1) * hs, 0.0);
        }
        System.arraycopy(h, l * hs, tr.hPrev, s * hs, hs);
        System.arraycopy(c, l * hs, tr.cPrev, s * hs, hs);
      }
      // Gate pre-activations of all lanes, row by row: each weight row is read once per step.
      for (int r = 0; r < 4 * hs; r++) {
        int wx = wxOff + r * lstmIn;
        int wh = whOff + r * hs;
        double bias = p[lbOff + r];
        int l = 0;
        // Two lanes per pass share the weight loads; sums are formed exactly as dot() forms them.
        for (; l + 1 < lanes; l += 2) {
          int s = t * lanes + l;
          dot2(p, wx, x, s * lstmIn, (s + 1) * lstmIn, lstmIn, pair);
          double xa = pair[0];
          double xb = pair[1];
          dot2(p, wh, h, l * hs, (l + 1) * hs, hs, pair);
          z[l * 4 * hs + r] = bias + xa + pair[0];
          z[(l + 1) * 4 * hs + r] = bias + xb + pair[1];
        }
        for (; l < lanes; l++) {
          int s = t * lanes + l;
          z[l * 4 * hs + r] = bias + dot(p, wx, x, s * lstmIn, lstmIn) + dot(p, wh, h, l * hs, hs);
        }
      }
      for (int l = 0; l < lanes; l++) {
        int s = t * lanes + l;
        int go = s * 4 * hs;
        int zo = l * 4 * hs;
        for (int j = 0; j < hs; j++) {
          double ig = sigmoid(z[zo + j]);
          double fg = sigmoid(z[zo + hs + j]);
          double gg = tanh(z[zo + 2 * hs + j]);
          double og = sigmoid(z[zo + 3 * hs + j]);
          tr.gates[go + j] = ig;
          tr.gates[go + hs + j] = fg;
          tr.gates[go + 2 * hs + j] = gg;
          tr.gates[go + 3 * hs + j] = og;
          double cn = fg * c[l * hs + j] + ig * gg;
          double tc = tanh(cn);
          double hn = og * tc;
          tr.cell[s * hs + j] = cn;
          tr.tanhCell[s * hs + j] = tc;
          tr.hidden[s * hs + j] = hn;
          c[l * hs + j] = cn;
          h[l * hs + j] = hn;
        }
      }
    }
  }

  private static double apply(Activation act, double x) {
    return act == Activation.TANH ? tanh(x) : x > 0 ? x : 0;
  }

  private static double sigmoid(double x) {
    return 1.0 / (1.0 + Math.exp(-x));
  }

  /**
   * tanh through one {@code exp} ({@code Math.tanh} costs ~5x more on this JDK); absolute error below
   * 1e-15, the same function in the forward pass and the derivative.
   */
  static double tanh(double x) {
    if (x > 20) {
      return 1.0;
    }
    if (x < -20) {
      return -1.0;
    }
    double e = Math.exp(2 * x);
    return (e - 1) / (e + 1);
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
    double[] dHead = new double[n * policyHead.in];
    denseBackward(params, policyHead, headIn, dPolicy, dHead, grad, n);
    double[] dValueIn;
    if (units > 0 || spec.sharedTorso()) {
      dValueIn = dHead;
    } else {
      dValueIn = new double[n * valueHead.in];
    }
    denseBackward(params, valueHead, valueIn, dValue, dValueIn, grad, n);
    double[] dActorFeat = dHead;
    if (units > 0) {
      dActorFeat = lstmBackward(params, tr, actorFeat, dHead, grad);
    }
    torsoBackward(params, actorTorso, tr.input, tr.actorActs, dActorFeat, grad, n);
    if (!spec.sharedTorso()) {
      torsoBackward(params, criticTorso, tr.input, tr.criticActs, dValueIn, grad, n);
    }
  }

  private void torsoBackward(double[] p, List<Dense> layers, double[] input, double[][] acts, double[] dOut,
      double[] grad, int n) {
    double[] dy = dOut;
    for (int k = layers.size() - 1; k >= 0; k--) {
      Dense d = layers.get(k);
      double[] y = acts[k];
      double[] dz = new double[n * d.out];
      for (int i = 0; i < dz.length; i++) {
        dz[i] = dy[i] * spec.activation().derivativeFromOutput(y[i]);
      }
      double[] x = k == 0 ? input : acts[k - 1];
      double[] dx = k == 0 ? null : new double[n * d.in];
      denseBackward(p, d, x, dz, dx, grad, n);
      dy = dx;
    }
  }

  /** dz: gradient w.r.t. the layer's pre-activation output; accumulates into dx when non-null. */
  private static void denseBackward(double[] p, Dense d, double[] x, double[] dz, double[] dx, double[] grad, int n) {
    for (int s = 0; s < n; s++) {
      int xo = s * d.in;
      for (int o = 0; o < d.out; o++) {
        double g = dz[s * d.out + o];
        if (g == 0.0) {
          continue;
        }
        grad[d.b + o] += g;
        int wo = d.w + o * d.in;
        for (int i = 0; i < d.in; i++) {
          grad[wo + i] += g * x[xo + i];
        }
        if (dx != null) {
          for (int i = 0; i < d.in; i++) {
            dx[xo + i] += g * p[wo + i];
          }
        }
      }
    }
  }

  private double[] lstmBackward(double[] p, Trace tr, double[] x, double[] dHidden, double[] grad) {
    int lanes = tr.lanes;
    int hs = units;
    // The gradient with respect to the LSTM's input is only needed when a torso lies below it (the
    // RL² default reads the inputs directly).
    boolean inputGradient = !actorTorso.isEmpty();
    double[] dx = inputGradient ? new double[tr.steps * lanes * lstmIn] : null;
    double[] dhNext = new double[lanes * hs];
    double[] dcNext = new double[lanes * hs];
    double[] dz = new double[4 * hs];
    for (int t = tr.steps - 1; t >= 0; t--) {
      for (int l = 0; l < lanes; l++) {
        int s = t * lanes + l;
        int go = s * 4 * hs;
        for (int j = 0; j < hs; j++) {
          double ig = tr.gates[go + j];
          double fg = tr.gates[go + hs + j];
          double gg = tr.gates[go + 2 * hs + j];
          double og = tr.gates[go + 3 * hs + j];
          double tc = tr.tanhCell[s * hs + j];
          double dh = dHidden[s * hs + j] + dhNext[l * hs + j];
          double dc = dh * og * (1 - tc * tc) + dcNext[l * hs + j];
          dz[j] = dc * gg * ig * (1 - ig);
          dz[hs + j] = dc * tr.cPrev[s * hs + j] * fg * (1 - fg);
          dz[2 * hs + j] = dc * ig * (1 - gg * gg);
          dz[3 * hs + j] = dh * tc * og * (1 - og);
          dcNext[l * hs + j] = dc * fg;
        }
        java.util.Arrays.fill(dhNext, l * hs, (l + 1) * hs, 0.0);
        int xo = s * lstmIn;
        for (int r = 0; r < 4 * hs; r++) {
          double g = dz[r];
          grad[lbOff + r] += g;
          int wx = wxOff + r * lstmIn;
          for (int i = 0; i < lstmIn; i++) {
            grad[wx + i] += g * x[xo + i];
          }
          if (inputGradient) {
            for (int i = 0; i < lstmIn; i++) {
              dx[xo + i] += g * p[wx + i];
            }
          }
          int wh = whOff + r * hs;
          for (int i = 0; i < hs; i++) {
            grad[wh + i] += g * tr.hPrev[s * hs + i];
            dhNext[l * hs + i] += g * p[wh + i];
          }
        }
        if (tr.reset[s]) {
          // The state before this step was zeroed, not carried: nothing flows further back.
          java.util.Arrays.fill(dhNext, l * hs, (l + 1) * hs, 0.0);
          java.util.Arrays.fill(dcNext, l * hs, (l + 1) * hs, 0.0);
        }
      }
    }
    return dx;
  }
}
