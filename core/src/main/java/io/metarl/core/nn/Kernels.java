package io.metarl.core.nn;

/**
 * The dense linear-algebra kernels of {@link ActorCriticNetwork}, register-tiled for the JIT.
 *
 * <p>Everything is one product shape, {@code C += A·Bᵀ} with both operands stored row-major along the
 * reduction index (see {@link #multiplyAddTransposed}): the forward pass ({@code y = x·Wᵀ}, samples x
 * weight rows), the weight gradient ({@code dW = dZᵀ·X} on transposed copies of dZ and X, so that the
 * reduction over samples runs along contiguous memory) and the input gradient ({@code dx = dZ·W} on a
 * transposed W). The main tile computes 4 rows of A x 2 rows of B per pass over the reduction index:
 * every loaded element is used 2 or 4 times and the 8 sums are independent dependency chains (the
 * JIT does not vectorise floating-point reductions, so the chains are what keeps the FP units busy).
 * {@code BENCHMARKS.md} has the measurements behind the choice.
 *
 * <p>Each element of C is accumulated in one serial chain, in the order of the reduction index,
 * starting from the value already in C; the result does not depend on the tile an element falls in,
 * only on the data, so runs are deterministic.
 */
final class Kernels {
  private Kernels() {}

  /**
   * {@code C[r][j] += sum_i A[r][i] * B[j][i]} for {@code r < m}, {@code j < nb}, {@code i < k}, where
   * {@code A[r][i] = a[aOff + r * lda + i]}, {@code B[j][i] = b[bOff + j * ldb + i]} and
   * {@code C[r][j] = c[cOff + r * rs + j * cs]}.
   */
  static void multiplyAddTransposed(double[] a, int aOff, int lda, int m, double[] b, int bOff, int ldb, int nb,
      int k, double[] c, int cOff, int rs, int cs) {
    if (m <= 0 || nb <= 0) {
      return;
    }
    int r = 0;
    for (; r + 3 < m; r += 4) {
      int a0 = aOff + r * lda;
      int a1 = a0 + lda;
      int a2 = a1 + lda;
      int a3 = a2 + lda;
      int cr = cOff + r * rs;
      int j = 0;
      for (; j + 1 < nb; j += 2) {
        int b0 = bOff + j * ldb;
        int b1 = b0 + ldb;
        int c0 = cr + j * cs;
        int c1 = c0 + cs;
        double s00 = c[c0];
        double s10 = c[c0 + rs];
        double s20 = c[c0 + 2 * rs];
        double s30 = c[c0 + 3 * rs];
        double s01 = c[c1];
        double s11 = c[c1 + rs];
        double s21 = c[c1 + 2 * rs];
        double s31 = c[c1 + 3 * rs];
        for (int i = 0; i < k; i++) {
          double u = b[b0 + i];
          double v = b[b1 + i];
          double x0 = a[a0 + i];
          double x1 = a[a1 + i];
          double x2 = a[a2 + i];
          double x3 = a[a3 + i];
          s00 += x0 * u;
          s10 += x1 * u;
          s20 += x2 * u;
          s30 += x3 * u;
          s01 += x0 * v;
          s11 += x1 * v;
          s21 += x2 * v;
          s31 += x3 * v;
        }
        c[c0] = s00;
        c[c0 + rs] = s10;
        c[c0 + 2 * rs] = s20;
        c[c0 + 3 * rs] = s30;
        c[c1] = s01;
        c[c1 + rs] = s11;
        c[c1 + 2 * rs] = s21;
        c[c1 + 3 * rs] = s31;
      }
      if (j < nb) {
        int b0 = bOff + j * ldb;
        int c0 = cr + j * cs;
        double s0 = c[c0];
        double s1 = c[c0 + rs];
        double s2 = c[c0 + 2 * rs];
        double s3 = c[c0 + 3 * rs];
        for (int i = 0; i < k; i++) {
          double u = b[b0 + i];
          s0 += a[a0 + i] * u;
          s1 += a[a1 + i] * u;
          s2 += a[a2 + i] * u;
          s3 += a[a3 + i] * u;
        }
        c[c0] = s0;
        c[c0 + rs] = s1;
        c[c0 + 2 * rs] = s2;
        c[c0 + 3 * rs] = s3;
      }
    }
    // Remaining rows of A (fewer than 4; all of them for a single sample): 1 x 4 tiles over B.
    for (; r < m; r++) {
      int a0 = aOff + r * lda;
      int cr = cOff + r * rs;
      int j = 0;
      for (; j + 3 < nb; j += 4) {
        int b0 = bOff + j * ldb;
        int b1 = b0 + ldb;
        int b2 = b1 + ldb;
        int b3 = b2 + ldb;
        int c0 = cr + j * cs;
        double s0 = c[c0];
        double s1 = c[c0 + cs];
        double s2 = c[c0 + 2 * cs];
        double s3 = c[c0 + 3 * cs];
        for (int i = 0; i < k; i++) {
          double x = a[a0 + i];
          s0 += x * b[b0 + i];
          s1 += x * b[b1 + i];
          s2 += x * b[b2 + i];
          s3 += x * b[b3 + i];
        }
        c[c0] = s0;
        c[c0 + cs] = s1;
        c[c0 + 2 * cs] = s2;
        c[c0 + 3 * cs] = s3;
      }
      for (; j < nb; j++) {
        int b0 = bOff + j * ldb;
        int c0 = cr + j * cs;
        double s = c[c0];
        for (int i = 0; i < k; i++) {
          s += a[a0 + i] * b[b0 + i];
        }
        c[c0] = s;
      }
    }
  }

  /** {@code dst[dOff + j * rows + i] = src[sOff + i * cols + j]}: a {@code rows x cols} block, transposed. */
  static void transpose(double[] src, int sOff, int rows, int cols, double[] dst, int dOff) {
    for (int i = 0; i < rows; i++) {
      int s = sOff + i * cols;
      for (int j = 0; j < cols; j++) {
        dst[dOff + j * rows + i] = src[s + j];
      }
    }
  }

  /** {@code out[o] += sum_s a[s * stride + o]} for {@code o < cols}, {@code s < rows}: column sums. */
  static void addColumnSums(double[] a, int rows, int cols, double[] out, int outOff) {
    for (int s = 0; s < rows; s++) {
      int ao = s * cols;
      for (int o = 0; o < cols; o++) {
        out[outOff + o] += a[ao + o];
      }
    }
  }

  // ------------------------------------------------------------------ sigmoid and tanh
  //
  // Both through q = expm1(r), with r = -x / 128 for the sigmoid (sigmoid = 1 / (2 + q)) and
  // r = 2x / 128 for tanh (tanh = q / (q + 2)): a degree-13 Taylor polynomial on |r| <= 0.3125, then
  // seven doublings expm1(2r) = q (2 + q). Only multiplications, additions, a division and min/max, in
  // three short loops (C2 does not unroll long loop bodies, and only unrolled loops are vectorised),
  // so the JIT vectorises them: about 4x faster than Math.exp-based functions. The clamp |r| <= 0.3125
  // is |x| <= 40 for the sigmoid and |x| <= 20 for tanh, beyond which both have saturated (to 4e-18
  // and 1 - 1e-17). Error against Math.exp-based evaluation: below 6e-16 absolute (TiledKernelsTest);
  // NaN propagates. Plain Java arithmetic, so the results do not depend on whether a loop was
  // vectorised.

  private static final double R_MAX = 0.3125;
  private static final double C2 = 1.0 / 2;
  private static final double C3 = 1.0 / 6;
  private static final double C4 = 1.0 / 24;
  private static final double C5 = 1.0 / 120;
  private static final double C6 = 1.0 / 720;
  private static final double C7 = 1.0 / 5040;
  private static final double C8 = 1.0 / 40320;
  private static final double C9 = 1.0 / 362880;
  private static final double C10 = 1.0 / 3628800;
  private static final double C11 = 1.0 / 39916800;
  private static final double C12 = 1.0 / 479001600;
  private static final double C13 = 1.0 / 6227020800.0;

  /** Scale of the argument: sigmoid. */
  static final double SIGMOID_SCALE = -1.0 / 128;
  /** Scale of the argument: tanh. */
  static final double TANH_SCALE = 2.0 / 128;

  /** {@code x[off..off+len) = tanh(x)} in place. */
  static void tanh(double[] x, int off, int len) {
    reduce(x, off, len, TANH_SCALE);
    expm1Polynomial(x, off, len);
    int end = off + len;
    for (int i = off; i < end; i++) {
      double q = x[i];
      q = q * (2 + q);
      q = q * (2 + q);
      q = q * (2 + q);
      q = q * (2 + q);
      q = q * (2 + q);
      q = q * (2 + q);
      q = q * (2 + q);
      x[i] = q / (q + 2);
    }
  }

  /**
   * In place, element {@code i} of {@code x[off..off+len)}: the sigmoid where {@code tanhWeight[w + i]}
   * is 0 (and {@code scale[w + i]} is {@link #SIGMOID_SCALE}), tanh where it is 1 (and the scale is
   * {@link #TANH_SCALE}). For the LSTM's gate block (input, forget, cell, output).
   */
  static void sigmoidOrTanh(double[] x, int off, int len, double[] scale, double[] tanhWeight, int w) {
    int end = off + len;
    for (int i = off, j = w; i < end; i++, j++) {
      x[i] = Math.max(-R_MAX, Math.min(R_MAX, x[i] * scale[j]));
    }
    expm1Polynomial(x, off, len);
    for (int i = off, j = w; i < end; i++, j++) {
      double q = x[i];
      q = q * (2 + q);
      q = q * (2 + q);
      q = q * (2 + q);
      q = q * (2 + q);
      q = q * (2 + q);
      q = q * (2 + q);
      q = q * (2 + q);
      x[i] = (q * tanhWeight[j] + (1 - tanhWeight[j])) / (q + 2);
    }
  }

  private static void reduce(double[] x, int off, int len, double scale) {
    int end = off + len;
    for (int i = off; i < end; i++) {
      x[i] = Math.max(-R_MAX, Math.min(R_MAX, x[i] * scale));
    }
  }

  private static void expm1Polynomial(double[] x, int off, int len) {
    int end = off + len;
    for (int i = off; i < end; i++) {
      double r = x[i];
      x[i] = r * (1 + r * (C2 + r * (C3 + r * (C4 + r * (C5 + r * (C6 + r * (C7 + r * (C8 + r * (C9 + r * (C10
          + r * (C11 + r * (C12 + r * C13))))))))))));
    }
  }

  /** Scalar tanh, the same function as {@link #tanh(double[], int, int)} element by element. */
  static double tanh(double x) {
    double r = Math.max(-R_MAX, Math.min(R_MAX, x * TANH_SCALE));
    double q = r * (1 + r * (C2 + r * (C3 + r * (C4 + r * (C5 + r * (C6 + r * (C7 + r * (C8 + r * (C9 + r * (C10
        + r * (C11 + r * (C12 + r * C13))))))))))));
    q = q * (2 + q);
    q = q * (2 + q);
    q = q * (2 + q);
    q = q * (2 + q);
    q = q * (2 + q);
    q = q * (2 + q);
    q = q * (2 + q);
    return q / (q + 2);
  }
}
