package io.metarl.extensions.epg;

/**
 * The evolved loss L_phi of EPG (Houthooft et al. 2018, section 3; openai/EPG {@code epg/losses.py}
 * {@code Conv1DLoss}, commit bb73d77), with hand-written backpropagation into its inputs.
 *
 * <p>Context: the buffer of the last N rows {@code [features, policy output, memory]} goes through
 * Conv1d(D -> c1, k1, s1), leaky ReLU, Conv1d(c1 -> c2, k2, s2), leaky ReLU, a mean over time and a
 * linear layer (c2 -> context). Per sample i of a minibatch: {@code [features_i, context, policy_i,
 * memory]} -> Linear -> leaky ReLU -> Linear -> scalar; the loss is the mean over the minibatch.
 *
 * <p>{@link #evaluate} returns the loss and adds its gradient with respect to the policy outputs of
 * every buffer row (through the head for the minibatch rows and through the convolutions for all
 * rows) and with respect to the memory. phi itself is never differentiated: it is evolved.
 * Instances hold scratch buffers and are not thread-safe; use one per thread.
 */
public final class LossNetwork {
  private final LossNetworkSpec s;
  private final double[] x;
  private final double[] z1;
  private final double[] z2;
  private final double[] ctx;
  private final double[] z3;
  private final double[] dCtx;
  private final double[] dA1;
  private final double[] dA2;

  /** @param spec the shape */
  public LossNetwork(LossNetworkSpec spec) {
    this.s = spec;
    x = new double[spec.buffer() * spec.rowSize()];
    z1 = new double[spec.length1() * spec.conv1Channels()];
    z2 = new double[spec.length2() * spec.conv2Channels()];
    ctx = new double[spec.context()];
    z3 = new double[spec.hidden()];
    dCtx = new double[spec.context()];
    dA1 = new double[z1.length];
    dA2 = new double[z2.length];
  }

  /** The shape. */
  public LossNetworkSpec spec() {
    return s;
  }

  private double act(double z) {
    return z > 0 ? z : s.leakySlope() * z;
  }

  private double slope(double z) {
    return z > 0 ? 1.0 : s.leakySlope();
  }

  /**
   * Evaluates L_phi on a minibatch and back-propagates into the policy outputs and the memory.
   *
   * @param phi loss parameters
   * @param features buffer features, {@code N x F} row-major (oldest first)
   * @param policy policy outputs of the buffer rows, {@code N x P}
   * @param memory memory vector (M values, already through tanh)
   * @param batch buffer rows of the minibatch
   * @param scale factor applied to the gradients written (e.g. 1 - bootstrap weight)
   * @param dPolicy gradient accumulator, {@code N x P}, or null to skip the backward pass
   * @param dMemory gradient accumulator, M values (ignored when dPolicy is null)
   * @return the loss
   */
  public double evaluate(double[] phi, double[] features, double[] policy, double[] memory, int[] batch,
      double scale, double[] dPolicy, double[] dMemory) {
    final int n = s.buffer();
    final int f = s.features();
    final int pw = s.policyOutputs();
    final int m = s.memory();
    final int d = s.rowSize();
    final int c1 = s.conv1Channels();
    final int k1 = s.conv1Kernel();
    final int s1 = s.conv1Stride();
    final int c2 = s.conv2Channels();
    final int k2 = s.conv2Kernel();
    final int s2 = s.conv2Stride();
    final int t1n = s.length1();
    final int t2n = s.length2();
    final int cx = s.context();
    final int h = s.hidden();
    final int hin = s.headInput();
    for (int t = 0; t < n; t++) {
      System.arraycopy(features, t * f, x, t * d, f);
      System.arraycopy(policy, t * pw, x, t * d + f, pw);
      System.arraycopy(memory, 0, x, t * d + f + pw, m);
    }
    // conv1: z1[t][c] = b1[c] + sum_k sum_j W1[c][k][j] x[t*s1 + k][j]
    for (int t = 0; t < t1n; t++) {
      int base = t * s1 * d;
      for (int c = 0; c < c1; c++) {
        double acc = phi[s.b1() + c];
        int w = s.w1() + c * k1 * d;
        for (int q = 0; q < k1 * d; q++) {
          acc += phi[w + q] * x[base + q];
        }
        z1[t * c1 + c] = acc;
      }
    }
    // conv2 over act(z1)
    double[] g = new double[c2];
    for (int t = 0; t < t2n; t++) {
      for (int c = 0; c < c2; c++) {
        double acc = phi[s.b2() + c];
        int w = s.w2() + c * k2 * c1;
        for (int k = 0; k < k2; k++) {
          int row = (t * s2 + k) * c1;
          int wk = w + k * c1;
          for (int j = 0; j < c1; j++) {
            acc += phi[wk + j] * act(z1[row + j]);
          }
        }
        z2[t * c2 + c] = acc;
        g[c] += act(acc) / t2n;
      }
    }
    for (int o = 0; o < cx; o++) {
      double acc = phi[s.bc() + o];
      for (int c = 0; c < c2; c++) {
        acc += phi[s.wc() + o * c2 + c] * g[c];
      }
      ctx[o] = acc;
    }
    // head
    double loss = 0;
    boolean backward = dPolicy != null;
    java.util.Arrays.fill(dCtx, 0);
    double inv = 1.0 / batch.length;
    for (int i : batch) {
      int xr = i * d;
      for (int u = 0; u < h; u++) {
        int w = s.w3() + u * hin;
        double acc = phi[s.b3() + u];
        for (int j = 0; j < f; j++) {
          acc += phi[w + j] * x[xr + j];
        }
        for (int j = 0; j < cx; j++) {
          acc += phi[w + f + j] * ctx[j];
        }
        for (int j = 0; j < pw + m; j++) {
          acc += phi[w + f + cx + j] * x[xr + f + j];
        }
        z3[u] = acc;
      }
      double y = phi[s.b4()];
      for (int u = 0; u < h; u++) {
        y += phi[s.w4() + u] * act(z3[u]);
      }
      loss += y * inv;
      if (backward) {
        for (int u = 0; u < h; u++) {
          double dz = scale * inv * phi[s.w4() + u] * slope(z3[u]);
          int w = s.w3() + u * hin;
          for (int j = 0; j < cx; j++) {
            dCtx[j] += dz * phi[w + f + j];
          }
          for (int j = 0; j < pw; j++) {
            dPolicy[i * pw + j] += dz * phi[w + f + cx + j];
          }
          for (int j = 0; j < m; j++) {
            dMemory[j] += dz * phi[w + f + cx + pw + j];
          }
        }
      }
    }
    if (!backward) {
      return loss;
    }
    // context -> mean over time -> conv2
    double[] dg = new double[c2];
    for (int o = 0; o < cx; o++) {
      for (int c = 0; c < c2; c++) {
        dg[c] += dCtx[o] * phi[s.wc() + o * c2 + c];
      }
    }
    java.util.Arrays.fill(dA1, 0);
    for (int t = 0; t < t2n; t++) {
      for (int c = 0; c < c2; c++) {
        double dz = dg[c] / t2n * slope(z2[t * c2 + c]);
        dA2[t * c2 + c] = dz;
        if (dz == 0) {
          continue;
        }
        int w = s.w2() + c * k2 * c1;
        for (int k = 0; k < k2; k++) {
          int row = (t * s2 + k) * c1;
          int wk = w + k * c1;
          for (int j = 0; j < c1; j++) {
            dA1[row + j] += dz * phi[wk + j];
          }
        }
      }
    }
    // conv1 -> inputs (only the policy and memory columns carry gradients)
    double[] dMemRow = new double[m];
    for (int t = 0; t < t1n; t++) {
      int base = t * s1;
      for (int c = 0; c < c1; c++) {
        double dz = dA1[t * c1 + c] * slope(z1[t * c1 + c]);
        if (dz == 0) {
          continue;
        }
        int w = s.w1() + c * k1 * d;
        for (int k = 0; k < k1; k++) {
          int wk = w + k * d + f;
          int row = base + k;
          for (int j = 0; j < pw; j++) {
            dPolicy[row * pw + j] += dz * phi[wk + j];
          }
          for (int j = 0; j < m; j++) {
            dMemRow[j] += dz * phi[wk + pw + j];
          }
        }
      }
    }
    for (int j = 0; j < m; j++) {
      dMemory[j] += dMemRow[j];
    }
    return loss;
  }
}
