package io.metarl.extensions.metagradient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.metarl.api.agent.RolloutBatch;
import io.metarl.core.returns.GaeEstimator;
import io.metarl.core.returns.LambdaReturnEstimator;
import io.metarl.core.returns.MonteCarloEstimator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LambdaReturnsTest {

  @ParameterizedTest
  @CsvSource({"0.9, 0.95, 1", "0.5, 0.3, 2", "0.99, 0.0, 3", "0.97, 1.0, 4", "0.2, 0.8, 5"})
  void derivativesMatchCentralFiniteDifferences(double gamma, double lambda, long seed) {
    RolloutBatch b = Rollouts.random(17, 5, 2, 3, seed);
    int n = b.steps * b.lanes;
    double[] g = new double[n];
    double[] dg = new double[n];
    double[] dl = new double[n];
    LambdaReturns.compute(b, gamma, lambda, g, dg, dl);
    double h = 1e-6;
    double[] plus = new double[n];
    double[] minus = new double[n];
    LambdaReturns.compute(b, gamma + h, lambda, plus, null, null);
    LambdaReturns.compute(b, gamma - h, lambda, minus, null, null);
    int boundaries = 0;
    for (int i = 0; i < n; i++) {
      double fd = (plus[i] - minus[i]) / (2 * h);
      assertThat(dg[i]).as("dG/dgamma at %d", i).isCloseTo(fd, within(1e-6 * Math.max(1, Math.abs(fd))));
      boundaries += b.terminated[i] || b.truncated[i] ? 1 : 0;
    }
    LambdaReturns.compute(b, gamma, lambda + h, plus, null, null);
    LambdaReturns.compute(b, gamma, lambda - h, minus, null, null);
    boolean nonZero = false;
    for (int i = 0; i < n; i++) {
      double fd = (plus[i] - minus[i]) / (2 * h);
      assertThat(dl[i]).as("dG/dlambda at %d", i).isCloseTo(fd, within(1e-6 * Math.max(1, Math.abs(fd))));
      nonZero |= Math.abs(dl[i]) > 1e-3;
    }
    assertThat(boundaries).as("the rollout has terminations and truncations").isGreaterThan(5);
    if (gamma > 0) {
      assertThat(nonZero).isTrue();
    }
  }

  @ParameterizedTest
  @CsvSource({"0.9, 0.95, 7", "0.99, 0.0, 8", "0.6, 1.0, 9"})
  void returnsAreTheEnginesLambdaReturns(double gamma, double lambda, long seed) {
    RolloutBatch b = Rollouts.random(23, 4, 2, 3, seed);
    int n = b.steps * b.lanes;
    double[] g = new double[n];
    LambdaReturns.compute(b, gamma, lambda, g, null, null);
    double[] adv = LambdaReturns.advantages(b, gamma, lambda);
    new LambdaReturnEstimator(gamma, lambda).estimate(b);
    for (int i = 0; i < n; i++) {
      assertThat((double) b.returns[i]).isCloseTo(g[i], within(1e-5 * Math.max(1, Math.abs(g[i]))));
    }
    new GaeEstimator(gamma, lambda).estimate(b);
    for (int i = 0; i < n; i++) {
      assertThat((double) b.returns[i]).isCloseTo(g[i], within(1e-5 * Math.max(1, Math.abs(g[i]))));
      assertThat((double) b.advantages[i]).isCloseTo(adv[i], within(1e-5 * Math.max(1, Math.abs(g[i]))));
    }
    LambdaReturns.compute(b, gamma, 1.0, g, null, null);
    new MonteCarloEstimator(gamma).estimate(b);
    for (int i = 0; i < n; i++) {
      assertThat((double) b.returns[i]).isCloseTo(g[i], within(1e-5 * Math.max(1, Math.abs(g[i]))));
    }
  }

  @ParameterizedTest
  @CsvSource({"11", "12"})
  void standardisationDerivativeMatchesFiniteDifferences(long seed) {
    java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
    int n = 40;
    double[] a = new double[n];
    double[] da = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = rng.nextDouble() * 4 - 2;
      da[i] = rng.nextDouble() * 2 - 1;
    }
    double[] analytic = MetaGradient.normalizedDerivative(a, da);
    double h = 1e-6;
    double[] p = new double[n];
    double[] m = new double[n];
    for (int i = 0; i < n; i++) {
      p[i] = a[i] + h * da[i];
      m[i] = a[i] - h * da[i];
    }
    double[] np = standardise(p);
    double[] nm = standardise(m);
    for (int i = 0; i < n; i++) {
      assertThat(analytic[i]).isCloseTo((np[i] - nm[i]) / (2 * h), within(1e-6));
    }
  }

  static double[] standardise(double[] a) {
    int n = a.length;
    double mean = 0;
    for (double v : a) {
      mean += v;
    }
    mean /= n;
    double var = 0;
    for (double v : a) {
      var += (v - mean) * (v - mean);
    }
    double sd = Math.sqrt(var / n) + 1e-8;
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = (a[i] - mean) / sd;
    }
    return out;
  }
}
