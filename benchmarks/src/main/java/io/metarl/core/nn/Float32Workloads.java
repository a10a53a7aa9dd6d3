package io.metarl.core.nn;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The workloads of the float32 kernel measurements ({@link Float32KernelExperiments},
 * {@link Float32KernelBenchmarks}), each in the float64 {@link Kernels} of today's networks and in the
 * float32 {@link Float32Kernels}. This class sits in core's package (in the benchmarks module) because
 * the kernels are package-private.
 *
 * <p>Workloads (one call each):
 *
 * <ul>
 *   <li>{@code gemm.lstm48} the LSTM(48)'s recurrent product {@code Wh·h} for 256 lanes
 *       ({@code 256 x 48} by {@code 48 x 192});
 *   <li>{@code gemm.dense64} a 64-64 dense layer's product for 256 samples;
 *   <li>{@code gemm.bptt48} BPTT's sequential product {@code dh_{t-1} = dz_t·Wh} of the LSTM(48) for 256
 *       lanes ({@code 256 x 192} by {@code 192 x 48}: 48 outputs, a long reduction);
 *   <li>{@code step.lstm48} one acting step of the RL² LSTM(48) for 256 lanes as {@link LstmLayer}
 *       computes it: biases, {@code Wx·x} (5 inputs), the trace's copies of h and c, {@code Wh·h}, the
 *       gate nonlinearities, the cell and hidden state (no heads);
 *   <li>{@code torso.mlp64x64} the A2C torso (4 inputs, 64-64 tanh) for 256 samples, biases included
 *       (A2C runs two of them, actor and critic);
 *   <li>{@code act.tanh} tanh of {@code 256 x 192} values after copying them in (the copy, 0.1 ns a
 *       value, is in every variant).
 * </ul>
 *
 * <p>Implementations: {@code f64} ({@link Kernels}, the reference and baseline), {@code f32-scalar}
 * ({@link ScalarFloat32Kernels}), {@code f32-vector} ({@link VectorFloat32Kernels}; needs
 * {@code --add-modules jdk.incubator.vector}), and, for the products only, {@code f32-axpy}: the loop C2
 * auto-vectorises, {@code c[r][j] = fma(a[r][i], b[i][j], c[r][j])} over {@code j} innermost.
 */
public final class Float32Workloads {
  private Float32Workloads() {}

  /** Lanes (samples) per call. */
  public static final int LANES = 256;

  /** The workloads. */
  public static final List<String> WORKLOADS =
      List.of("gemm.lstm48", "gemm.dense64", "gemm.bptt48", "step.lstm48", "torso.mlp64x64", "act.tanh");

  /** The implementations that apply to {@code workload}. */
  public static List<String> implementations(String workload) {
    return workload.startsWith("gemm.") ? List.of("f64", "f32-axpy", "f32-scalar", "f32-vector")
        : List.of("f64", "f32-scalar", "f32-vector");
  }

  /** Floating-point operations of the products in one call (0 for {@code act.tanh}). */
  public static double flops(String workload) {
    return switch (workload) {
      case "gemm.lstm48" -> 2.0 * LANES * 48 * 192;
      case "gemm.dense64" -> 2.0 * LANES * 64 * 64;
      case "gemm.bptt48" -> 2.0 * LANES * 192 * 48;
      case "step.lstm48" -> 2.0 * LANES * (5 + 48) * 192;
      case "torso.mlp64x64" -> 2.0 * LANES * (4 * 64 + 64 * 64);
      case "act.tanh" -> 0;
      default -> throw new IllegalArgumentException(workload);
    };
  }

  /** One call of {@code workload} in {@code impl}, on data drawn from a fixed seed. */
  public static Runnable create(String workload, String impl) {
    if (!implementations(workload).contains(impl)) {
      throw new IllegalArgumentException(workload + " has no implementation " + impl);
    }
    SplittableRandom rng = new SplittableRandom(26);
    Float32Kernels k32 = impl.equals("f32-vector") ? VectorFloat32Kernels.create() : Float32Kernels.scalar();
    return switch (workload) {
      case "gemm.lstm48" -> product(rng, impl, k32, LANES, 48, 192);
      case "gemm.dense64" -> product(rng, impl, k32, LANES, 64, 64);
      case "gemm.bptt48" -> product(rng, impl, k32, LANES, 192, 48);
      case "step.lstm48" -> impl.equals("f64") ? lstmStep64(rng, 5, 48) : lstmStep32(rng, k32, 5, 48);
      case "torso.mlp64x64" -> impl.equals("f64") ? torso64(rng, 4, 64) : torso32(rng, k32, 4, 64);
      case "act.tanh" -> tanh(rng, impl, k32, LANES * 192);
      default -> throw new IllegalArgumentException(workload);
    };
  }

  private static Runnable product(SplittableRandom rng, String impl, Float32Kernels k32, int m, int k, int n) {
    double[] a = uniform(rng, m * k, 1);
    double[] w = uniform(rng, n * k, 1 / Math.sqrt(k)); // [n][k], as the networks store weights
    if (impl.equals("f64")) {
      double[] c = new double[m * n];
      return () -> {
        java.util.Arrays.fill(c, 0);
        Kernels.multiplyAddTransposed(a, 0, k, m, w, 0, k, n, k, c, 0, n, 1);
      };
    }
    float[] a32 = toFloat(a);
    float[] wT = transposeToFloat(w, n, k); // [k][n]
    float[] c = new float[m * n];
    if (impl.equals("f32-axpy")) {
      return () -> {
        java.util.Arrays.fill(c, 0);
        for (int r = 0; r < m; r++) {
          for (int i = 0; i < k; i++) {
            axpy(a32[r * k + i], wT, i * n, c, r * n, n);
          }
        }
      };
    }
    return () -> {
      java.util.Arrays.fill(c, 0);
      k32.multiplyAdd(a32, 0, k, 1, m, wT, 0, n, n, k, c, 0, n);
    };
  }

  /** The loop C2 vectorises (SuperWord): contiguous, no accumulator carried across iterations. */
  static void axpy(float x, float[] b, int bOff, float[] c, int cOff, int n) {
    for (int j = 0; j < n; j++) {
      c[cOff + j] = Math.fma(x, b[bOff + j], c[cOff + j]);
    }
  }

  /** One step of {@link LstmLayer#forward} for {@link #LANES} lanes, state carried between calls. */
  private static Runnable lstmStep64(SplittableRandom rng, int in, int units) {
    int g4 = 4 * units;
    double[] x = uniform(rng, LANES * in, 1);
    double[] wx = uniform(rng, g4 * in, 1 / Math.sqrt(in));
    double[] wh = uniform(rng, g4 * units, 1 / Math.sqrt(units));
    double[] bias = uniform(rng, g4, 0.1);
    double[] h = new double[LANES * units];
    double[] c = new double[LANES * units];
    double[] hPrev = new double[LANES * units];
    double[] cPrev = new double[LANES * units];
    double[] cell = new double[LANES * units];
    double[] tanhCell = new double[LANES * units];
    double[] hidden = new double[LANES * units];
    double[] gates = new double[LANES * g4];
    double[] scale = new double[g4];
    double[] weight = new double[g4];
    for (int r = 0; r < g4; r++) {
      scale[r] = r / units == 2 ? Kernels.TANH_SCALE : Kernels.SIGMOID_SCALE;
      weight[r] = r / units == 2 ? 1 : 0;
    }
    return () -> {
      for (int l = 0; l < LANES; l++) {
        System.arraycopy(bias, 0, gates, l * g4, g4);
      }
      Kernels.multiplyAddTransposed(x, 0, in, LANES, wx, 0, in, g4, in, gates, 0, g4, 1);
      System.arraycopy(h, 0, hPrev, 0, h.length);
      System.arraycopy(c, 0, cPrev, 0, c.length);
      Kernels.multiplyAddTransposed(hPrev, 0, units, LANES, wh, 0, units, g4, units, gates, 0, g4, 1);
      for (int l = 0; l < LANES; l++) {
        Kernels.sigmoidOrTanh(gates, l * g4, g4, scale, weight, 0);
      }
      for (int l = 0; l < LANES; l++) {
        int go = l * g4;
        int so = l * units;
        for (int j = 0; j < units; j++) {
          double cn = gates[go + units + j] * c[so + j] + gates[go + j] * gates[go + 2 * units + j];
          cell[so + j] = cn;
          tanhCell[so + j] = cn;
          c[so + j] = cn;
        }
      }
      Kernels.tanh(tanhCell, 0, LANES * units);
      for (int l = 0; l < LANES; l++) {
        int go = l * g4 + 3 * units;
        int so = l * units;
        for (int j = 0; j < units; j++) {
          double hn = gates[go + j] * tanhCell[so + j];
          hidden[so + j] = hn;
          h[so + j] = hn;
        }
      }
    };
  }

  /** The same step in float32: the same trace bookkeeping around {@link Float32Kernels#lstmStep}. */
  private static Runnable lstmStep32(SplittableRandom rng, Float32Kernels k32, int in, int units) {
    int g4 = 4 * units;
    float[] x = toFloat(uniform(rng, LANES * in, 1));
    float[] wxT = transposeToFloat(uniform(rng, g4 * in, 1 / Math.sqrt(in)), g4, in);
    float[] whT = transposeToFloat(uniform(rng, g4 * units, 1 / Math.sqrt(units)), g4, units);
    float[] bias = toFloat(uniform(rng, g4, 0.1));
    float[] h = new float[LANES * units];
    float[] c = new float[LANES * units];
    float[] hPrev = new float[LANES * units];
    float[] cPrev = new float[LANES * units];
    float[] cell = new float[LANES * units];
    float[] tanhCell = new float[LANES * units];
    float[] hidden = new float[LANES * units];
    float[] gates = new float[LANES * g4];
    return () -> {
      for (int l = 0; l < LANES; l++) {
        System.arraycopy(bias, 0, gates, l * g4, g4);
      }
      k32.multiplyAdd(x, 0, in, 1, LANES, wxT, 0, g4, g4, in, gates, 0, g4);
      System.arraycopy(h, 0, hPrev, 0, h.length);
      System.arraycopy(c, 0, cPrev, 0, c.length);
      k32.lstmStep(whT, 0, units, LANES, hPrev, cPrev, 0, gates, 0, cell, tanhCell, hidden, 0);
      System.arraycopy(hidden, 0, h, 0, h.length);
      System.arraycopy(cell, 0, c, 0, c.length);
    };
  }

  private static Runnable torso64(SplittableRandom rng, int in, int width) {
    double[] x = uniform(rng, LANES * in, 1);
    double[] w1 = uniform(rng, width * in, 1 / Math.sqrt(in));
    double[] b1 = uniform(rng, width, 0.1);
    double[] w2 = uniform(rng, width * width, 1 / Math.sqrt(width));
    double[] b2 = uniform(rng, width, 0.1);
    double[] y1 = new double[LANES * width];
    double[] y2 = new double[LANES * width];
    return () -> {
      for (int s = 0; s < LANES; s++) {
        System.arraycopy(b1, 0, y1, s * width, width);
        System.arraycopy(b2, 0, y2, s * width, width);
      }
      Kernels.multiplyAddTransposed(x, 0, in, LANES, w1, 0, in, width, in, y1, 0, width, 1);
      Kernels.tanh(y1, 0, y1.length);
      Kernels.multiplyAddTransposed(y1, 0, width, LANES, w2, 0, width, width, width, y2, 0, width, 1);
      Kernels.tanh(y2, 0, y2.length);
    };
  }

  private static Runnable torso32(SplittableRandom rng, Float32Kernels k32, int in, int width) {
    float[] x = toFloat(uniform(rng, LANES * in, 1));
    float[] w1T = transposeToFloat(uniform(rng, width * in, 1 / Math.sqrt(in)), width, in);
    float[] b1 = toFloat(uniform(rng, width, 0.1));
    float[] w2T = transposeToFloat(uniform(rng, width * width, 1 / Math.sqrt(width)), width, width);
    float[] b2 = toFloat(uniform(rng, width, 0.1));
    float[] y1 = new float[LANES * width];
    float[] y2 = new float[LANES * width];
    return () -> {
      for (int s = 0; s < LANES; s++) {
        System.arraycopy(b1, 0, y1, s * width, width);
        System.arraycopy(b2, 0, y2, s * width, width);
      }
      k32.multiplyAdd(x, 0, in, 1, LANES, w1T, 0, width, width, in, y1, 0, width);
      k32.tanh(y1, 0, y1.length);
      k32.multiplyAdd(y1, 0, width, 1, LANES, w2T, 0, width, width, width, y2, 0, width);
      k32.tanh(y2, 0, y2.length);
    };
  }

  private static Runnable tanh(SplittableRandom rng, String impl, Float32Kernels k32, int n) {
    double[] src = uniform(rng, n, 4);
    if (impl.equals("f64")) {
      double[] y = new double[n];
      return () -> {
        System.arraycopy(src, 0, y, 0, n);
        Kernels.tanh(y, 0, n);
      };
    }
    float[] src32 = toFloat(src);
    float[] y = new float[n];
    return () -> {
      System.arraycopy(src32, 0, y, 0, n);
      k32.tanh(y, 0, n);
    };
  }

  private static double[] uniform(SplittableRandom rng, int n, double scale) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (scale * (2 * rng.nextDouble() - 1)); // representable in float: both sides see the same data
    }
    return a;
  }

  private static float[] toFloat(double[] a) {
    float[] f = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      f[i] = (float) a[i];
    }
    return f;
  }

  /** {@code [rows][cols]} doubles to {@code [cols][rows]} floats. */
  private static float[] transposeToFloat(double[] a, int rows, int cols) {
    float[] t = new float[a.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        t[c * rows + r] = (float) a[r * cols + c];
      }
    }
    return t;
  }
}
