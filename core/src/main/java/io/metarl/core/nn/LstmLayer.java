package io.metarl.core.nn;

/**
 * The LSTM layer of an {@link ActorCriticNetwork}: its forward pass over a span of a trace's steps
 * and its back-propagation through time, on the network's flat parameter vector (input weights
 * {@code Wx} at {@code wxOff}, recurrent weights {@code Wh} at {@code whOff}, biases at {@code lbOff};
 * gate order input, forget, cell, output). A lane's state is zeroed at a step whose reset flag is set,
 * and no gradient flows across such a step or into the initial state (truncated BPTT).
 */
final class LstmLayer {
  private final int lstmIn;
  private final int units;
  private final int wxOff;
  private final int whOff;
  private final int lbOff;
  // Whether a torso lies below the LSTM, so the gradient with respect to its input is needed.
  private final boolean inputGradient;
  /** Per gate row: the argument scale and tanh weight of {@link Kernels#sigmoidOrTanh}. */
  private final double[] gateScale;
  private final double[] gateTanh;

  LstmLayer(int lstmIn, int units, int wxOff, int whOff, int lbOff, boolean inputGradient) {
    this.lstmIn = lstmIn;
    this.units = units;
    this.wxOff = wxOff;
    this.whOff = whOff;
    this.lbOff = lbOff;
    this.inputGradient = inputGradient;
    gateScale = new double[4 * units];
    gateTanh = new double[gateScale.length];
    for (int r = 0; r < gateScale.length; r++) {
      boolean cellGate = r / units == 2; // input, forget, cell (tanh), output
      gateScale[r] = cellGate ? Kernels.TANH_SCALE : Kernels.SIGMOID_SCALE;
      gateTanh[r] = cellGate ? 1 : 0;
    }
  }

  /**
   * The LSTM over steps {@code t0 .. t0 + count - 1} of the trace: the input projection {@code b + Wx·x}
   * of all their samples first, in one tiled product (it does not depend on the recurrence), then per
   * step the recurrent product {@code Wh·h} of all lanes and the gate nonlinearities. The
   * pre-activations are formed in {@code tr.gates} and replaced there by the gate activations.
   */
  void forward(double[] p, ActorCriticNetwork.Trace tr, double[] x, int t0, int count, double[] h, double[] c) {
    int lanes = tr.lanes;
    int hs = units;
    int g4 = 4 * hs;
    int s0 = t0 * lanes;
    int n = count * lanes;
    double[] gates = tr.gates;
    for (int s = s0; s < s0 + n; s++) {
      System.arraycopy(p, lbOff, gates, s * g4, g4);
    }
    Kernels.multiplyAddTransposed(x, s0 * lstmIn, lstmIn, n, p, wxOff, lstmIn, g4, lstmIn, gates, s0 * g4, g4, 1);
    for (int t = t0; t < t0 + count; t++) {
      for (int l = 0; l < lanes; l++) {
        int s = t * lanes + l;
        if (tr.reset[s]) {
          java.util.Arrays.fill(h, l * hs, (l + 1) * hs, 0.0);
          java.util.Arrays.fill(c, l * hs, (l + 1) * hs, 0.0);
        }
      }
      int base = t * lanes * hs;
      System.arraycopy(h, 0, tr.hPrev, base, lanes * hs);
      System.arraycopy(c, 0, tr.cPrev, base, lanes * hs);
      // z += Wh·h_{t-1} for all lanes of the step: 4 lanes x 2 gate rows per pass over a weight row.
      Kernels.multiplyAddTransposed(tr.hPrev, base, hs, lanes, p, whOff, hs, g4, hs, gates, t * lanes * g4, g4, 1);
      for (int l = 0; l < lanes; l++) {
        Kernels.sigmoidOrTanh(gates, (t * lanes + l) * g4, g4, gateScale, gateTanh, 0);
      }
      for (int l = 0; l < lanes; l++) {
        int s = t * lanes + l;
        int go = s * g4;
        int so = s * hs;
        int lo = l * hs;
        for (int j = 0; j < hs; j++) {
          double cn = gates[go + hs + j] * c[lo + j] + gates[go + j] * gates[go + 2 * hs + j];
          tr.cell[so + j] = cn;
          tr.tanhCell[so + j] = cn;
          c[lo + j] = cn;
        }
      }
      Kernels.tanh(tr.tanhCell, base, lanes * hs);
      for (int l = 0; l < lanes; l++) {
        int s = t * lanes + l;
        int go = s * g4 + 3 * hs;
        int so = s * hs;
        int lo = l * hs;
        for (int j = 0; j < hs; j++) {
          double hn = gates[go + j] * tr.tanhCell[so + j];
          tr.hidden[so + j] = hn;
          h[lo + j] = hn;
        }
      }
    }
  }

  /**
   * BPTT. Only the recurrent part is sequential: per step the gate gradients {@code dz_t} of all lanes
   * and {@code dh_{t-1} = Whᵀ·dz_t} (tiled over lanes). The parameter gradients {@code dZᵀ·X},
   * {@code dZᵀ·H_prev} and the input gradient {@code dZ·Wx} follow as tiled products over all samples.
   */
  double[] backward(double[] p, ActorCriticNetwork.Trace tr, double[] x, double[] dHidden, double[] grad) {
    int lanes = tr.lanes;
    int hs = units;
    int g4 = 4 * hs;
    int n = tr.steps * lanes;
    // The gradient with respect to the LSTM's input is only needed when a torso lies below it (the
    // RL² default reads the inputs directly).
    boolean inputGradient = this.inputGradient;
    double[] dz = tr.scratch(ActorCriticNetwork.S_DZ, n * g4);
    double[] dhNext = tr.zeroed(ActorCriticNetwork.S_DH, lanes * hs);
    double[] dcNext = tr.zeroed(ActorCriticNetwork.S_DC, lanes * hs);
    double[] whT = tr.scratch(ActorCriticNetwork.S_WHT, hs * g4);
    Kernels.transpose(p, whOff, g4, hs, whT, 0);
    double[] gates = tr.gates;
    for (int t = tr.steps - 1; t >= 0; t--) {
      for (int l = 0; l < lanes; l++) {
        int s = t * lanes + l;
        int go = s * g4;
        int so = s * hs;
        int lo = l * hs;
        for (int j = 0; j < hs; j++) {
          double ig = gates[go + j];
          double fg = gates[go + hs + j];
          double gg = gates[go + 2 * hs + j];
          double og = gates[go + 3 * hs + j];
          double tc = tr.tanhCell[so + j];
          double dh = dHidden[so + j] + dhNext[lo + j];
          double dc = dh * og * (1 - tc * tc) + dcNext[lo + j];
          dz[go + j] = dc * gg * ig * (1 - ig);
          dz[go + hs + j] = dc * tr.cPrev[so + j] * fg * (1 - fg);
          dz[go + 2 * hs + j] = dc * ig * (1 - gg * gg);
          dz[go + 3 * hs + j] = dh * tc * og * (1 - og);
          dcNext[lo + j] = dc * fg;
        }
      }
      if (t == 0) {
        break; // nothing flows into the initial state
      }
      // dh_{t-1} = Whᵀ·dz_t for all lanes of the step.
      java.util.Arrays.fill(dhNext, 0, lanes * hs, 0.0);
      Kernels.multiplyAddTransposed(dz, t * lanes * g4, g4, lanes, whT, 0, g4, hs, g4, dhNext, 0, hs, 1);
      for (int l = 0; l < lanes; l++) {
        if (tr.reset[t * lanes + l]) {
          // The state before this step was zeroed, not carried: nothing flows further back.
          java.util.Arrays.fill(dhNext, l * hs, (l + 1) * hs, 0.0);
          java.util.Arrays.fill(dcNext, l * hs, (l + 1) * hs, 0.0);
        }
      }
    }
    Kernels.addColumnSums(dz, n, g4, grad, lbOff);
    double[] dzT = tr.scratch(ActorCriticNetwork.S_DZT, g4 * n);
    Kernels.transpose(dz, 0, n, g4, dzT, 0);
    double[] xT = tr.scratch(ActorCriticNetwork.S_XT, lstmIn * n);
    Kernels.transpose(x, 0, n, lstmIn, xT, 0);
    Kernels.multiplyAddTransposed(dzT, 0, n, g4, xT, 0, n, lstmIn, n, grad, wxOff, lstmIn, 1);
    double[] hT = tr.scratch(ActorCriticNetwork.S_HT, hs * n);
    Kernels.transpose(tr.hPrev, 0, n, hs, hT, 0);
    Kernels.multiplyAddTransposed(dzT, 0, n, g4, hT, 0, n, hs, n, grad, whOff, hs, 1);
    if (!inputGradient) {
      return null;
    }
    double[] dx = tr.zeroed(ActorCriticNetwork.S_DLSTMX, n * lstmIn);
    double[] wxT = tr.scratch(ActorCriticNetwork.S_WT, lstmIn * g4);
    Kernels.transpose(p, wxOff, g4, lstmIn, wxT, 0);
    Kernels.multiplyAddTransposed(dz, 0, g4, n, wxT, 0, g4, lstmIn, g4, dx, 0, lstmIn, 1);
    return dx;
  }
}
