package io.metarl.core.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Parity of the float32 kernels, for both implementations: the Vector API one (this suite's JVM has
 * {@code --add-modules jdk.incubator.vector}, from surefire's {@code argLine}) and the plain-Java
 * fallback, called directly. Shapes are random around the tiles' edges: 1-13 rows (tiles of 4 and the
 * remainder), widths just below, at and above 1, 3 and 4 vectors of the machine (and of 8- and
 * 16-float vectors), reductions of 0 to 53 terms, offsets, strides and a transposed A.
 *
 * <ul>
 *   <li><b>Against a naive loop: bit for bit.</b> The contract of {@link Float32Kernels#multiplyAdd}
 *       fixes every element's chain of {@link Math#fma} in reduction order, so the tiles, the vector
 *       width and the implementation must not change a bit.
 *   <li><b>Against the float64 {@link Kernels}: within the rounding-error bound.</b> The inputs are
 *       floats, so the float64 reference's products are exact and its sums are off by at most
 *       {@code γ_k(2^-53)} relative. The float32 chain {@code c_0 + Σ_{i<k} a_i b_i} with one rounding per
 *       step satisfies {@code |ĉ - c| <= γ_k (|c_0| + Σ |a_i b_i|)} with {@code γ_k = k u / (1 - k u)},
 *       {@code u = 2^-24} (Higham, <i>Accuracy and Stability of Numerical Algorithms</i>, 2nd ed.,
 *       §3.1, the bound for inner products; a fused step rounds once where a multiply-add rounds
 *       twice, so it holds a fortiori). The test allows {@code γ_k(2^-24) + γ_k(2^-53)} times that
 *       sum per element, which for k = 48 is about 2.9e-6 relative to {@code Σ |a_i b_i|}.
 *   <li><b>Nonlinearities</b> against {@link Math#tanh} and {@code 1 / (1 + Math.exp(-x))} in double,
 *       on a grid of 600,001 points of [-30, 30]: within {@code 2^-22 = 2.4e-7} absolute (two units in the
 *       last place of 1.0f; measured: 1.8e-7 and 1.4e-7), and tanh within {@code 2^-21} relative
 *       (measured 2.9e-7); NaN propagates, the infinities saturate. The float64 {@link Kernels#tanh}
 *       agrees with {@code Math.tanh} to 6e-16, so it is the same reference.
 *   <li><b>The LSTM step</b> against the float64 step of {@link LstmLayer} (built from {@link Kernels})
 *       on the same float inputs, element by element within a first-order propagation of the bounds
 *       above: a gate pre-activation {@code z} is off by {@code δz <= γ_k S_z}; a gate by
 *       {@code L δz + 2^-22} ({@code L = 1/4} for the sigmoid, 1 for tanh); {@code c' = f c + i g} by
 *       {@code |c| δf + |g| δi + |i| δg + 2u (|f c| + |i g|)}; {@code h' = o tanh(c')} by
 *       {@code |tanh c'| δo + |o| (δc' + 2^-22) + u |h'|}, each doubled for second-order terms.
 * </ul>
 */
class Float32KernelsTest {
  private static final double U32 = Math.scalb(1.0, -24);
  private static final double U64 = Math.scalb(1.0, -53);
  private static final double ACT = Math.scalb(1.0, -22);

  /** Both implementations; the Vector API must be there (surefire passes the module). */
  static List<Float32Kernels> implementations() {
    Float32Kernels vector = VectorFloat32Kernels.create();
    assertThat(vector).as("vectors of at least 4 floats on the build machine").isNotNull();
    return List.of(vector, Float32Kernels.scalar());
  }

  static double gamma(int k, double u) {
    return k * u / (1 - k * u);
  }

  @Test
  void theBuildUsesTheVectorApi() {
    assertThat(Float32Kernels.best().name()).as(Float32KernelChoice.REASON).startsWith("vector-");
    assertThat(Float32Kernels.scalar().name()).isEqualTo("scalar");
  }

  @Test
  void multiplyAddIsTheNaiveFusedChainBitForBitAndWithinTheBoundOfFloat64() {
    SplittableRandom rng = new SplittableRandom(26);
    int[] ms = {1, 2, 3, 4, 5, 7, 8, 9, 13};
    int[] ns = {1, 3, 5, 7, 8, 9, 15, 16, 17, 23, 24, 25, 31, 32, 33, 47, 48, 49, 63, 64, 65, 100, 192};
    int[] ks = {0, 1, 2, 5, 17, 48, 53};
    int cases = 0;
    for (Float32Kernels kernels : implementations()) {
      for (int m : ms) {
        for (int n : ns) {
          int k = ks[rng.nextInt(ks.length)];
          boolean transposedA = rng.nextBoolean();
          check(kernels, rng, m, n, k, transposedA);
          cases++;
        }
      }
    }
    assertThat(cases).isEqualTo(2 * ms.length * ns.length);
  }

  @Test
  void multiplyAddCoversEveryReductionLengthAtTheNetworksShapes() {
    SplittableRandom rng = new SplittableRandom(27);
    for (Float32Kernels kernels : implementations()) {
      for (int k : new int[] {0, 1, 4, 5, 48, 64}) {
        check(kernels, rng, 256, 192, k, false); // the LSTM(48)'s Wh·h at 256 lanes (k = 48)
        check(kernels, rng, 256, 64, k, false); // a 64-wide dense layer at 256 samples
        check(kernels, rng, 1, 192, k, true); // one lane
        check(kernels, rng, 64, 48, k, true); // a weight gradient dZᵀ·X through strides
      }
    }
  }

  /** One random case: A is {@code m x k} (row-major, or read through strides as a transposed array). */
  private static void check(Float32Kernels kernels, SplittableRandom rng, int m, int n, int k, boolean transposedA) {
    int aOff = 3;
    int ars = transposedA ? 1 : k + 2;
    int acs = transposedA ? m + 1 : 1;
    float[] a = random(rng, aOff + Math.max(m * ars, k * acs) + m + k);
    int bOff = 5;
    int ldb = n + 3;
    float[] b = random(rng, bOff + k * ldb);
    int cOff = 2;
    int ldc = n + 2;
    float[] c = random(rng, cOff + m * ldc);
    float[] expected = c.clone();
    for (int r = 0; r < m; r++) {
      for (int j = 0; j < n; j++) {
        float s = expected[cOff + r * ldc + j];
        for (int i = 0; i < k; i++) {
          s = Math.fma(a[aOff + r * ars + i * acs], b[bOff + i * ldb + j], s);
        }
        expected[cOff + r * ldc + j] = s;
      }
    }
    // The float64 reference: Kernels' A·Bᵀ on widened copies (A row-major, B transposed).
    double[] ad = new double[m * k];
    double[] btd = new double[n * k];
    double[] cd = new double[m * n];
    double[] sum = new double[m * n];
    for (int r = 0; r < m; r++) {
      for (int i = 0; i < k; i++) {
        ad[r * k + i] = a[aOff + r * ars + i * acs];
      }
    }
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < n; j++) {
        btd[j * k + i] = b[bOff + i * ldb + j];
      }
    }
    for (int r = 0; r < m; r++) {
      for (int j = 0; j < n; j++) {
        cd[r * n + j] = c[cOff + r * ldc + j];
        double s = Math.abs(cd[r * n + j]);
        for (int i = 0; i < k; i++) {
          s += Math.abs(ad[r * k + i] * btd[j * k + i]);
        }
        sum[r * n + j] = s;
      }
    }
    Kernels.multiplyAddTransposed(ad, 0, k, m, btd, 0, k, n, k, cd, 0, n, 1);
    float[] before = c.clone();
    kernels.multiplyAdd(a, aOff, ars, acs, m, b, bOff, ldb, n, k, c, cOff, ldc);
    String what = String.format("%s m=%d n=%d k=%d transposedA=%b", kernels.name(), m, n, k, transposedA);
    sameBits(c, expected, what);
    double bound = gamma(k, U32) + gamma(k, U64);
    for (int r = 0; r < m; r++) {
      for (int j = 0; j < n; j++) {
        double err = Math.abs(c[cOff + r * ldc + j] - cd[r * n + j]);
        within(err, bound * sum[r * n + j], "%s element (%d, %d)", what, r, j);
      }
    }
    // Nothing outside C's elements changed (the padding between rows, the offset).
    for (int i = 0; i < c.length; i++) {
      int rel = i - cOff;
      boolean inside = rel >= 0 && rel / ldc < m && rel % ldc < n;
      if (!inside && Float.floatToRawIntBits(c[i]) != Float.floatToRawIntBits(before[i])) {
        org.junit.jupiter.api.Assertions.fail(what + ": padding element " + i + " changed");
      }
    }
  }

  @Test
  void tanhAndSigmoidAreAccurateAndIdenticalInBothImplementations() {
    int n = 600_001;
    float[] x = new float[n + 7];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (-30 + 60.0 * i / (n - 1));
    }
    float[] special = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1e-30f, -1e-30f, 0f, -0f};
    System.arraycopy(special, 0, x, n, special.length);
    float[][] tanh = new float[2][];
    float[][] sigmoid = new float[2][];
    List<Float32Kernels> impls = implementations();
    for (int v = 0; v < 2; v++) {
      tanh[v] = x.clone();
      impls.get(v).tanh(tanh[v], 0, x.length);
      sigmoid[v] = x.clone();
      impls.get(v).sigmoid(sigmoid[v], 0, x.length);
    }
    sameBits(tanh[0], tanh[1], "tanh, vector vs scalar");
    sameBits(sigmoid[0], sigmoid[1], "sigmoid, vector vs scalar");
    double[] xd = new double[n];
    for (int i = 0; i < n; i++) {
      xd[i] = x[i];
    }
    Kernels.tanh(xd, 0, n);
    for (int i = 0; i < n; i++) {
      double t = Math.tanh(x[i]);
      within(Math.abs(tanh[0][i] - t), ACT, "tanh(%s)", x[i]);
      within(Math.abs(tanh[0][i] - xd[i]), ACT, "tanh(%s) against Kernels.tanh", x[i]);
      within(Math.abs(tanh[0][i] - t), 2 * ACT * Math.abs(t), "tanh(%s), relative", x[i]);
      within(Math.abs(sigmoid[0][i] - 1 / (1 + Math.exp(-x[i]))), ACT, "sigmoid(%s)", x[i]);
      within(Math.abs(Float32Math.tanh(x[i]) - tanh[0][i]), 0, "Float32Math.tanh(%s)", x[i]);
      within(Math.abs(Float32Math.sigmoid(x[i]) - sigmoid[0][i]), 0, "Float32Math.sigmoid(%s)", x[i]);
    }
    assertThat(tanh[0][n]).isNaN();
    assertThat(sigmoid[0][n]).isNaN();
    assertThat(tanh[0][n + 1]).isCloseTo(1f, org.assertj.core.data.Offset.offset((float) ACT));
    assertThat(tanh[0][n + 2]).isCloseTo(-1f, org.assertj.core.data.Offset.offset((float) ACT));
    assertThat(sigmoid[0][n + 1]).isCloseTo(1f, org.assertj.core.data.Offset.offset((float) ACT));
    assertThat(sigmoid[0][n + 2]).as("sigmoid(-inf): the clamp at -18").isBetween(0f, 2e-8f);
    assertThat(new float[] {tanh[0][n + 3], tanh[0][n + 4]}).containsExactly(1e-30f, -1e-30f);
    assertThat(sigmoid[0][n + 5]).isEqualTo(0.5f);
    // Ragged lengths and offsets: the vector loop's scalar tail computes the same function.
    SplittableRandom rng = new SplittableRandom(28);
    for (int len = 0; len < 70; len++) {
      float[] y = random(rng, len + 9);
      for (int i = 0; i < y.length; i++) {
        y[i] *= 12;
      }
      float[] v = y.clone();
      float[] s = y.clone();
      impls.get(0).tanh(v, 3, len);
      impls.get(1).tanh(s, 3, len);
      sameBits(v, s, "tanh of length " + len);
      impls.get(0).sigmoid(v, 4, len);
      impls.get(1).sigmoid(s, 4, len);
      sameBits(v, s, "sigmoid of length " + len);
    }
  }

  @Test
  void lstmStepMatchesTheFloat64StepWithinThePropagatedBound() {
    SplittableRandom rng = new SplittableRandom(29);
    int[][] shapes = {{48, 256}, {48, 1}, {48, 5}, {5, 3}, {7, 9}, {16, 4}, {33, 2}};
    for (int[] shape : shapes) {
      int units = shape[0];
      int lanes = shape[1];
      int g4 = 4 * units;
      float[] whT = random(rng, 1 + units * g4);
      float[] h = random(rng, lanes * units);
      float[] cPrev = random(rng, lanes * units);
      for (int i = 0; i < cPrev.length; i++) {
        cPrev[i] *= 3; // cell states grow beyond [-1, 1]
      }
      float[] z = random(rng, 2 + lanes * g4);
      for (int i = 0; i < z.length; i++) {
        z[i] *= 2;
      }
      float[][] results = new float[2][];
      List<Float32Kernels> impls = implementations();
      for (int v = 0; v < 2; v++) {
        float[] gates = z.clone();
        float[] cell = new float[lanes * units];
        float[] tanhCell = new float[lanes * units];
        float[] hidden = new float[lanes * units];
        impls.get(v).lstmStep(whT, 1, units, lanes, h, cPrev, 0, gates, 2, cell, tanhCell, hidden, 0);
        results[v] = concat(gates, cell, tanhCell, hidden);
        // The state updated in place gives the same numbers.
        float[] hState = h.clone();
        float[] cState = cPrev.clone();
        float[] gates2 = z.clone();
        float[] tanhCell2 = new float[lanes * units];
        impls.get(v).lstmStep(whT, 1, units, lanes, hState, cState, 0, gates2, 2, cState, tanhCell2, hState, 0);
        sameBits(concat(gates2, cState, tanhCell2, hState), results[v], "the state updated in place");
      }
      sameBits(results[0], results[1], "lstmStep, vector vs scalar, units " + units + " lanes " + lanes);
      compareWithFloat64(results[0], whT, h, cPrev, z, units, lanes);
    }
  }

  /** The float64 step, as {@link LstmLayer#forward} computes it for one step, and the bound. */
  private static void compareWithFloat64(float[] got, float[] whT, float[] h, float[] cPrev, float[] z, int units,
      int lanes) {
    int g4 = 4 * units;
    int n = lanes * units;
    double[] wh = new double[g4 * units]; // [4 units][units], as the network stores Wh
    for (int i = 0; i < units; i++) {
      for (int g = 0; g < g4; g++) {
        wh[g * units + i] = whT[1 + i * g4 + g];
      }
    }
    double[] hd = new double[n];
    double[] gates = new double[lanes * g4];
    double[] sz = new double[lanes * g4];
    for (int l = 0; l < lanes; l++) {
      for (int i = 0; i < units; i++) {
        hd[l * units + i] = h[l * units + i];
      }
      for (int g = 0; g < g4; g++) {
        gates[l * g4 + g] = z[2 + l * g4 + g];
        double s = Math.abs(gates[l * g4 + g]);
        for (int i = 0; i < units; i++) {
          s += Math.abs(hd[l * units + i] * wh[g * units + i]);
        }
        sz[l * g4 + g] = s;
      }
    }
    Kernels.multiplyAddTransposed(hd, 0, units, lanes, wh, 0, units, g4, units, gates, 0, g4, 1);
    double[] scale = new double[g4];
    double[] weight = new double[g4];
    for (int r = 0; r < g4; r++) {
      boolean cellGate = r / units == 2;
      scale[r] = cellGate ? Kernels.TANH_SCALE : Kernels.SIGMOID_SCALE;
      weight[r] = cellGate ? 1 : 0;
    }
    for (int l = 0; l < lanes; l++) {
      Kernels.sigmoidOrTanh(gates, l * g4, g4, scale, weight, 0);
    }
    double gz = gamma(units, U32) + gamma(units, U64);
    for (int l = 0; l < lanes; l++) {
      for (int j = 0; j < units; j++) {
        int go = l * g4;
        double[] gate = new double[4];
        double[] err = new double[4];
        for (int q = 0; q < 4; q++) {
          int idx = go + q * units + j;
          gate[q] = gates[idx];
          err[q] = 2 * ((q == 2 ? 1.0 : 0.25) * gz * sz[idx] + ACT);
          within(Math.abs(got[2 + idx] - gate[q]), err[q], "gate %d of lane %d unit %d", q, l, j);
        }
        double c = cPrev[l * units + j];
        double cn = gate[1] * c + gate[0] * gate[2];
        double ec = 2 * (Math.abs(c) * err[1] + Math.abs(gate[2]) * err[0] + Math.abs(gate[0]) * err[2]
            + 2 * U32 * (Math.abs(gate[1] * c) + Math.abs(gate[0] * gate[2])));
        double tc = Math.tanh(cn);
        double ht = gate[3] * tc;
        double eh = 2 * (Math.abs(tc) * err[3] + Math.abs(gate[3]) * (ec + ACT) + U32 * Math.abs(ht));
        int s = lanes * g4 + 2 + l * units + j; // cell, tanhCell, hidden follow the gates in `got`
        within(Math.abs(got[s] - cn), ec, "cell of lane %d unit %d", l, j);
        within(Math.abs(got[s + n] - tc), ec + ACT, "tanh(cell) of lane %d unit %d", l, j);
        within(Math.abs(got[s + 2 * n] - ht), eh, "hidden of lane %d unit %d", l, j);
      }
    }
  }

  /** Fails unless the arrays are equal bit for bit (every NaN counts as one value), naming the first difference. */
  private static void sameBits(float[] got, float[] want, String what) {
    assertThat(got.length).as(what).isEqualTo(want.length);
    for (int i = 0; i < got.length; i++) {
      if (Float.floatToIntBits(got[i]) != Float.floatToIntBits(want[i])) {
        org.junit.jupiter.api.Assertions.fail(what + ": element " + i + " is " + got[i] + ", expected " + want[i]);
      }
    }
  }

  /** Fails unless {@code err <= bound}; formats the message only then (the loops are long). */
  private static void within(double err, double bound, String format, Object... args) {
    if (!(err <= bound)) {
      org.junit.jupiter.api.Assertions.fail(String.format(format, args) + ": error " + err + " > bound " + bound);
    }
  }

  private static float[] concat(float[]... parts) {
    int len = 0;
    for (float[] p : parts) {
      len += p.length;
    }
    float[] out = new float[len];
    int o = 0;
    for (float[] p : parts) {
      System.arraycopy(p, 0, out, o, p.length);
      o += p.length;
    }
    return out;
  }

  private static float[] random(SplittableRandom rng, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (2 * rng.nextDouble() - 1);
    }
    return a;
  }
}
