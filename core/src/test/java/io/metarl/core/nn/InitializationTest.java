package io.metarl.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Orthogonal initialisation gives gain times a (semi-)orthogonal matrix; the default is unchanged. */
class InitializationTest {
  @ParameterizedTest(name = "{0} outputs x {1} inputs")
  @CsvSource({"8, 3", "3, 8", "5, 5", "1, 4"})
  void orthogonalMatricesHaveOrthonormalRowsOrColumns(int out, int in) {
    double gain = 1.7;
    double[] w = new double[out * in];
    Initialization.orthogonal(w, 0, in, out, gain, new SplittableRandom(3));
    boolean columns = out >= in;
    int k = Math.min(out, in);
    int len = Math.max(out, in);
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        double dot = 0;
        for (int i = 0; i < len; i++) {
          double x = columns ? w[i * in + a] : w[a * in + i];
          double y = columns ? w[i * in + b] : w[b * in + i];
          dot += x * y;
        }
        assertThat(dot).isCloseTo(a == b ? gain * gain : 0.0, within(1e-12));
      }
    }
  }

  @Test
  void theDefaultDrawsWhatTheNetworkAlwaysDrew() {
    var net = new ActorCriticNetwork(new NetworkSpec(3, List.of(5), Activation.TANH, false, 0, 2, 0, 0.0));
    double[] a = net.initialParameters(new SplittableRandom(9));
    double[] b = net.initialParameters(new SplittableRandom(9), Initialization.DEFAULT);
    assertThat(b).containsExactly(a);
    double[] o = net.initialParameters(new SplittableRandom(9),
        new Initialization(Initialization.Scheme.ORTHOGONAL, Math.sqrt(2), 0.01, 1.0));
    assertThat(o).hasSameSizeAs(a).isNotEqualTo(a);
  }
}
