package io.metarl.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The kernel variants measured as evidence compute the same thing as today's loop. */
class KernelExperimentsTest {

  @Test
  void everyDenseVariantComputesTheSameProduct() {
    int in = 53;
    int out = 192;
    int n = 8;
    double[] w = Workloads.randomDoubles(in * out, 1);
    double[] wt = new double[in * out];
    for (int o = 0; o < out; o++) {
      for (int i = 0; i < in; i++) {
        wt[i * out + o] = w[o * in + i];
      }
    }
    double[] b = Workloads.randomDoubles(out, 2);
    double[] x = Workloads.randomDoubles(n * in, 3);
    double[] ref = new double[n * out];
    KernelExperiments.denseA(w, b, x, ref, n, in, out);
    double[][] variants = new double[4][n * out];
    KernelExperiments.denseB(w, b, x, variants[0], n, in, out);
    KernelExperiments.denseC(wt, b, x, variants[1], n, in, out);
    KernelExperiments.denseE(w, b, x, variants[2], n, in, out);
    KernelExperiments.denseF(w, b, x, variants[3], n, in, out);
    float[] yf = new float[n * out];
    float[] wtf = new float[wt.length];
    float[] bf = new float[b.length];
    float[] xf = new float[x.length];
    for (int i = 0; i < wt.length; i++) {
      wtf[i] = (float) wt[i];
    }
    for (int i = 0; i < b.length; i++) {
      bf[i] = (float) b[i];
    }
    for (int i = 0; i < x.length; i++) {
      xf[i] = (float) x[i];
    }
    KernelExperiments.denseD(wtf, bf, xf, yf, n, in, out);
    for (int k = 0; k < ref.length; k++) {
      for (double[] v : variants) {
        assertThat(v[k]).isCloseTo(ref[k], within(1e-12));
      }
      assertThat((double) yf[k]).isCloseTo(ref[k], within(1e-4));
    }
  }

  @Test
  void fastTanhMatchesMathTanh() {
    for (double x = -20; x <= 20; x += 0.01) {
      assertThat(KernelExperiments.fastTanh(x)).isCloseTo(Math.tanh(x), within(1e-15));
    }
    assertThat(KernelExperiments.fastTanh(0.0)).isZero();
  }
}
