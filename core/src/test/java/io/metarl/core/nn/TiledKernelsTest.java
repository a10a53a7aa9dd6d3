package io.metarl.core.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The register-tiled kernels and the network built on them agree with straightforward
 * implementations to 1e-12, for sizes that are not multiples of the tiles (4 rows x 2 columns, and 1 x
 * 4 for the remaining rows): odd sample counts, odd widths, a single sample. Only the order of the
 * floating-point sums differs, so agreement is to rounding, not bitwise; and the tiled results are
 * reproducible (the same inputs give bit-identical outputs).
 */
class TiledKernelsTest {

  @Test
  void multiplyAddTransposedMatchesNaiveLoops() {
    SplittableRandom rng = new SplittableRandom(1);
    int[] sizes = {1, 2, 3, 4, 5, 7, 8, 9, 13};
    for (int m : sizes) {
      for (int nb : sizes) {
        for (int k : new int[] {0, 1, 3, 5, 8, 17}) {
          int lda = k + 2;
          int ldb = k + 1;
          int aOff = 3;
          int bOff = 5;
          double[] a = random(rng, aOff + m * lda);
          double[] b = random(rng, bOff + nb * ldb);
          // C transposed in a larger array: row stride 1, column stride m + 1, offset 2.
          int rs = 1;
          int cs = m + 1;
          double[] c = random(rng, 2 + nb * cs + m);
          double[] expected = c.clone();
          for (int r = 0; r < m; r++) {
            for (int j = 0; j < nb; j++) {
              double s = expected[2 + r * rs + j * cs];
              for (int i = 0; i < k; i++) {
                s += a[aOff + r * lda + i] * b[bOff + j * ldb + i];
              }
              expected[2 + r * rs + j * cs] = s;
            }
          }
          Kernels.multiplyAddTransposed(a, aOff, lda, m, b, bOff, ldb, nb, k, c, 2, rs, cs);
          for (int i = 0; i < c.length; i++) {
            assertThat(c[i]).as("m=%d nb=%d k=%d element %d", m, nb, k, i)
                .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-13 * (1 + Math.abs(expected[i]))));
          }
        }
      }
    }
  }

  @Test
  void transposeAndColumnSums() {
    SplittableRandom rng = new SplittableRandom(2);
    double[] src = random(rng, 4 + 5 * 3);
    double[] dst = new double[1 + 15];
    Kernels.transpose(src, 4, 5, 3, dst, 1);
    for (int i = 0; i < 5; i++) {
      for (int j = 0; j < 3; j++) {
        assertThat(dst[1 + j * 5 + i]).isEqualTo(src[4 + i * 3 + j]);
      }
    }
    double[] sums = {1, 2, 3, 4};
    Kernels.addColumnSums(src, 5, 3, sums, 1);
    for (int j = 0; j < 3; j++) {
      double s = 0;
      for (int i = 0; i < 5; i++) {
        s += src[i * 3 + j];
      }
      assertThat(sums[1 + j]).isCloseTo(j + 2 + s, org.assertj.core.data.Offset.offset(1e-14));
    }
  }

  @Test
  void sigmoidAndTanhAreAccurate() {
    int n = 40_001;
    double[] x = new double[n + 4];
    for (int i = 0; i < n; i++) {
      x[i] = -60 + 120.0 * i / (n - 1);
    }
    x[n] = Double.NaN;
    x[n + 1] = Double.POSITIVE_INFINITY;
    x[n + 2] = Double.NEGATIVE_INFINITY;
    x[n + 3] = 1e-300;
    double[] t = x.clone();
    Kernels.tanh(t, 0, t.length);
    double[] s = x.clone();
    double[] scale = new double[s.length];
    double[] weight = new double[s.length];
    java.util.Arrays.fill(scale, Kernels.SIGMOID_SCALE);
    Kernels.sigmoidOrTanh(s, 0, s.length, scale, weight, 0);
    double[] mixed = x.clone(); // every other element tanh
    for (int i = 0; i < n; i += 2) {
      scale[i] = Kernels.TANH_SCALE;
      weight[i] = 1;
    }
    Kernels.sigmoidOrTanh(mixed, 0, mixed.length, scale, weight, 0);
    for (int i = 0; i < n; i++) {
      assertThat(Math.abs(t[i] - Math.tanh(x[i]))).as("tanh(%s)", x[i]).isLessThan(6e-16);
      assertThat(Kernels.tanh(x[i])).as("scalar tanh(%s)", x[i]).isEqualTo(t[i]);
      assertThat(Math.abs(s[i] - 1 / (1 + Math.exp(-x[i])))).as("sigmoid(%s)", x[i]).isLessThan(5e-16);
      assertThat(mixed[i]).isEqualTo(i % 2 == 0 ? t[i] : s[i]);
    }
    assertThat(t[n]).isNaN();
    assertThat(s[n]).isNaN();
    assertThat(new double[] {t[n + 1], t[n + 2], s[n + 1]}).containsExactly(1.0, -1.0, 1.0);
    assertThat(s[n + 2]).as("sigmoid(-inf): the clamp at -40").isBetween(0.0, 5e-18);
    assertThat(t[n + 3]).isEqualTo(1e-300);
  }

  @Test
  void mlpWithOddWidthsMatchesTheReference() {
    compare(new NetworkSpec(5, List.of(7, 9), Activation.TANH, false, 0, 3, 0, 0.0), 1, 11);
    compare(new NetworkSpec(3, List.of(6), Activation.RELU, true, 0, 0, 3, -0.2), 3, 5);
    compare(new NetworkSpec(4, List.of(64, 64), Activation.TANH, false, 0, 2, 0, 0.0), 2, 7);
    compare(new NetworkSpec(2, List.of(), Activation.TANH, false, 0, 3, 0, 0.0), 1, 6); // heads only
  }

  @Test
  void lstmWithOddSizesMatchesTheReference() {
    compare(new NetworkSpec(5, List.of(), Activation.TANH, true, 7, 2, 0, 0.0), 9, 3);
    compare(new NetworkSpec(5, List.of(), Activation.TANH, true, 48, 2, 0, 0.0), 6, 5);
    compare(new NetworkSpec(3, List.of(5), Activation.TANH, true, 9, 0, 2, 0.1), 4, 6);
    compare(new NetworkSpec(4, List.of(3, 5), Activation.TANH, true, 6, 3, 0, 0.0), 5, 1); // one lane
  }

  private static void compare(NetworkSpec spec, int steps, int lanes) {
    ActorCriticNetwork net = new ActorCriticNetwork(spec);
    ReferenceActorCriticNetwork ref = new ReferenceActorCriticNetwork(spec);
    assertThat(ref.parameterCount()).isEqualTo(net.parameterCount());
    SplittableRandom rng = new SplittableRandom(steps * 31L + lanes);
    double[] params = net.initialParameters(rng);
    for (int i = 0; i < params.length; i++) {
      params[i] += rng.nextDouble(-0.5, 0.5);
    }
    int n = steps * lanes;
    ActorCriticNetwork.Trace tr = net.newTrace(steps, lanes);
    ReferenceActorCriticNetwork.Trace rt = ref.newTrace(steps, lanes);
    for (int i = 0; i < tr.input().length; i++) {
      tr.input()[i] = rng.nextDouble(-2, 2);
      rt.input()[i] = tr.input()[i];
    }
    for (int i = 0; i < n; i++) {
      tr.reset()[i] = rng.nextDouble() < 0.15;
      rt.reset()[i] = tr.reset()[i];
    }
    int units = spec.lstmUnits();
    double[] h = random(rng, lanes * units);
    double[] c = random(rng, lanes * units);
    double[] rh = h.clone();
    double[] rc = c.clone();
    double[] h2 = h.clone();
    double[] c2 = c.clone();
    net.forward(params, tr, h, c);
    ref.forward(params, rt, rh, rc);
    assertClose("policy", tr.policy, rt.policy);
    assertClose("value", tr.value, rt.value);
    assertClose("h", h, rh);
    assertClose("c", c, rc);
    double[] dPolicy = random(rng, n * spec.policyOutputs());
    double[] dValue = random(rng, n);
    double[] grad = random(rng, params.length); // backward accumulates
    double[] refGrad = grad.clone();
    net.backward(params, tr, dPolicy, dValue, grad);
    ref.backward(params, rt, dPolicy, dValue, refGrad);
    assertClose("gradient", grad, refGrad);
    // Reproducible: the trace's work arrays carry nothing over from one pass to the next.
    double[] policy = tr.policy.clone();
    double[] g1 = new double[params.length];
    double[] g2 = new double[params.length];
    net.forward(params, tr, h2.clone(), c2.clone());
    net.backward(params, tr, dPolicy, dValue, g1);
    assertThat(tr.policy).containsExactly(policy);
    net.forward(params, tr, h2.clone(), c2.clone());
    net.backward(params, tr, dPolicy, dValue, g2);
    assertThat(g2).containsExactly(g1);
    // Step by step (as a learner acting into its trace does): bit-identical outputs, memory and gradient.
    ActorCriticNetwork.Trace stepped = net.newTrace(steps, lanes);
    System.arraycopy(tr.input(), 0, stepped.input(), 0, tr.input().length);
    System.arraycopy(tr.reset(), 0, stepped.reset(), 0, n);
    double[] sh = h2.clone();
    double[] sc = c2.clone();
    double[] fh = h2.clone();
    double[] fc = c2.clone();
    net.forward(params, tr, fh, fc);
    for (int t = 0; t < steps; t++) {
      net.forwardStep(params, stepped, t, sh, sc);
    }
    assertThat(stepped.policy).containsExactly(tr.policy);
    assertThat(stepped.value).containsExactly(tr.value);
    assertThat(sh).containsExactly(fh);
    assertThat(sc).containsExactly(fc);
    double[] g3 = new double[params.length];
    net.backward(params, stepped, dPolicy, dValue, g3);
    assertThat(g3).containsExactly(g1);
  }

  private static void assertClose(String what, double[] ours, double[] ref) {
    assertThat(ours).hasSameSizeAs(ref);
    for (int i = 0; i < ours.length; i++) {
      assertThat(Math.abs(ours[i] - ref[i])).as("%s[%d]: %s vs %s", what, i, ours[i], ref[i])
          .isLessThanOrEqualTo(1e-12 * Math.max(1, Math.abs(ref[i])));
    }
  }

  private static double[] random(SplittableRandom rng, int n) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = rng.nextDouble(-1, 1);
    }
    return a;
  }
}
