package io.metarl.core.nn;

/**
 * Single-precision (float32) kernels for the networks' products and nonlinearities, in two
 * implementations chosen once per JVM ({@link #best()}): {@link VectorFloat32Kernels} on the JDK's
 * Vector API ({@code jdk.incubator.vector}, present when the JVM was started with
 * {@code --add-modules jdk.incubator.vector}) and {@link ScalarFloat32Kernels}, plain Java, otherwise.
 * {@code benchmarks/BENCHMARKS.md} ("float32 kernels") has the measurements behind the design and the
 * plan for adopting them in {@link ActorCriticNetwork}.
 *
 * <p><b>One product shape, vectorised along the output.</b> {@link #multiplyAdd} is
 * {@code C += A·B} with {@code B} and {@code C} stored row-major along the output index {@code j}, so a
 * SIMD register holds consecutive outputs and the reduction index {@code i} stays a serial loop: each
 * element of C is accumulated in one chain, {@code c = fma(A[r][i], B[i][j], c)} for
 * {@code i = 0 .. k-1} in order, starting from the value already in C. The result depends only on the
 * data, not on the tile an element falls in nor on the implementation: both implementations are
 * bit-identical ({@code Float32KernelsTest}), whatever the vector width of the machine. (A product
 * vectorised along the reduction, like {@link Kernels#multiplyAddTransposed}'s layout, would need a
 * horizontal sum per element; it measured 6-8x slower, and its result would depend on the vector
 * width.) The network's products map onto it as follows, {@code W} stored {@code [out][in]}:
 * forward {@code y = x·Wᵀ} with {@code B = Wᵀ} (a transposed float copy of the weights, made when the
 * parameters are converted), the LSTM's {@code Wh·h} with {@code B = Whᵀ}; the input gradient
 * {@code dx = dZ·W} and BPTT's {@code dh = dz·Wh} with {@code B = W} as stored; the weight gradient
 * {@code dW = dZᵀ·X} with {@code A = dZᵀ} read through strides ({@code ars = 1}, {@code acs = out}: A is
 * only ever broadcast, so it needs no copy) and {@code B = X}.
 *
 * <p><b>Nonlinearities</b> are {@link Float32Math}'s functions element by element (bit-identical in
 * both implementations, about 1.5 units in the last place of 1.0f).
 */
interface Float32Kernels {

  /** The implementation chosen at class initialisation (see {@link Float32KernelChoice}). */
  static Float32Kernels best() {
    return Float32KernelChoice.BEST;
  }

  /** The plain-Java implementation, always available. */
  static Float32Kernels scalar() {
    return ScalarFloat32Kernels.INSTANCE;
  }

  /** A short name for logs and benchmarks, e.g. {@code vector-512} or {@code scalar}. */
  String name();

  /**
   * {@code C[r][j] += sum_i A[r][i] * B[i][j]} for {@code r < m}, {@code j < n}, {@code i < k}, where
   * {@code A[r][i] = a[aOff + r * ars + i * acs]}, {@code B[i][j] = b[bOff + i * ldb + j]} and
   * {@code C[r][j] = c[cOff + r * ldc + j]}; each element one fused multiply-add chain over {@code i} in
   * order (see the class comment). C must not overlap A or B.
   */
  void multiplyAdd(float[] a, int aOff, int ars, int acs, int m, float[] b, int bOff, int ldb, int n, int k,
      float[] c, int cOff, int ldc);

  /** {@code x[off..off+len) = tanh(x)} in place ({@link Float32Math#tanh}). */
  void tanh(float[] x, int off, int len);

  /** {@code x[off..off+len) = sigmoid(x)} in place ({@link Float32Math#sigmoid}). */
  void sigmoid(float[] x, int off, int len);

  /**
   * The LSTM's cell and hidden state from its gate activations, element by element: {@code c' = f c + i g}
   * (two products and a sum, each rounded: no fused multiply-add), {@code tanh(c')} ({@link Float32Math}),
   * {@code h' = o tanh(c')}, for {@code lanes} lanes of {@code units} units; layouts and aliasing as in
   * {@link #lstmStep}. One pass, so the cell state is not read back for its tanh.
   */
  void lstmCell(int units, int lanes, float[] gates, int gOff, float[] cPrev, int pOff, float[] cell,
      float[] tanhCell, float[] hidden, int sOff);

  /**
   * One LSTM time step for {@code lanes} lanes of {@code units} units (gate order input, forget, cell,
   * output, as in {@link LstmLayer}).
   *
   * <ol>
   *   <li>{@code gates[l] += hPrev[l]·Whᵀ}: {@code gates} holds {@code [lanes][4 units]} at
   *       {@code gOff}, already filled with {@code b + Wx·x}; {@code whT} is {@code Whᵀ},
   *       {@code [units][4 units]} at {@code wOff}; {@code hPrev} and {@code cPrev} are
   *       {@code [lanes][units]} at {@code pOff}.
   *   <li>In place: sigmoid on the input, forget and output gates, tanh on the cell gate.
   *   <li>{@code c' = f * c + i * g}, {@code h' = o * tanh(c')}, written to {@code cell},
   *       {@code tanhCell} and {@code hidden} ({@code [lanes][units]} at {@code sOff}).
   * </ol>
   *
   * <p>{@code cell} may be {@code cPrev} and {@code hidden} may be {@code hPrev} with {@code sOff == pOff}
   * (the state updated in place): each element is read before it is written. Bit-identical in both
   * implementations, as its parts are.
   */
  default void lstmStep(float[] whT, int wOff, int units, int lanes, float[] hPrev, float[] cPrev, int pOff,
      float[] gates, int gOff, float[] cell, float[] tanhCell, float[] hidden, int sOff) {
    int g4 = 4 * units;
    multiplyAdd(hPrev, pOff, units, 1, lanes, whT, wOff, g4, g4, units, gates, gOff, g4);
    for (int l = 0; l < lanes; l++) {
      int go = gOff + l * g4;
      sigmoid(gates, go, 2 * units);
      tanh(gates, go + 2 * units, units);
      sigmoid(gates, go + 3 * units, units);
    }
    lstmCell(units, lanes, gates, gOff, cPrev, pOff, cell, tanhCell, hidden, sOff);
  }
}
