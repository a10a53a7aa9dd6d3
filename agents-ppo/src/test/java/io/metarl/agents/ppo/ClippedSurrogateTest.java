package io.metarl.agents.ppo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * PPO's loss against hand-computed minibatches (the clip binding and not, discrete and Gaussian
 * policies, value clipping), and its output gradient against finite differences.
 */
class ClippedSurrogateTest {
  private static final double LOG_HALF = Math.log(0.5);

  @Test
  void discreteMinibatchWithOneClippedAndOneUnclippedSample() {
    // both samples: logits (0, 0), pi = (0.5, 0.5)
    double[] out = {0, 0, 0, 0};
    int[] actions = {0, 1};
    // sample 0: pi_old(a) = 0.4, r = 1.25 > 1.2 with A = +1: the clip binds, no gradient
    // sample 1: pi_old(a) = 0.5, r = 1 with A = -2: unclipped, dL/dlog pi = -A r = 2
    double[] oldLogProb = {Math.log(0.4), LOG_HALF};
    double[] adv = {1, -2};
    double[] value = {1, 0};
    double[] ret = {0, 0};
    double[] dOut = new double[4];
    double[] dValue = new double[2];
    var t = ClippedSurrogate.evaluate(2, 2, out, null, value, actions, null, oldLogProb, new double[2], adv, ret, 0.2,
        0.0, 0.5, 0.0, dOut, null, dValue);
    // L = (-min(1.25, 1.2) - min(-2, -2)) / 2 = (-1.2 + 2) / 2
    assertThat(t.policy()).isCloseTo(0.4, within(1e-12));
    // L_V = ((1 - 0)^2 + 0) / 2 / 2
    assertThat(t.value()).isCloseTo(0.25, within(1e-12));
    assertThat(t.entropy()).isCloseTo(Math.log(2), within(1e-12));
    assertThat(t.approxKl()).isCloseTo((0.25 - Math.log(1.25)) / 2, within(1e-12));
    assertThat(t.clipFraction()).isEqualTo(0.5);
    // sample 0 has no policy gradient; sample 1: 2 * ([j == 1] - 0.5) / 2
    assertThat(dOut).containsExactly(new double[] {0, 0, -0.5, 0.5}, within(1e-12));
    assertThat(dValue).containsExactly(new double[] {0.25, 0}, within(1e-12));
  }

  @Test
  void gaussianMinibatchWithTheClipBindingBelowAndNot() {
    // mean 0, sigma 1, action 0.5: log pi = -0.125 - log sqrt(2 pi)
    double logPi = -0.125 - 0.5 * Math.log(2 * Math.PI);
    double[] out = {0, 0};
    double[] actions = {0.5, 0.5};
    double[] logStd = {0, 0};
    // sample 0: r = 0.9, A = -1: inside [0.8, 1.2], dL/dlog pi = -A r = 0.9
    // sample 1: r = 0.7 < 0.8 with A = -1: the clip binds, loss -min(-0.7, -0.8) = 0.8, no gradient
    double[] oldLogProb = {logPi - Math.log(0.9), logPi - Math.log(0.7)};
    double[] dOut = new double[2];
    double[] dLogStd = new double[2];
    double[] dValue = new double[2];
    var t = ClippedSurrogate.evaluate(2, 1, out, logStd, new double[2], null, actions, oldLogProb, new double[2],
        new double[] {-1, -1}, new double[2], 0.2, 0.0, 0.5, 0.0, dOut, dLogStd, dValue);
    assertThat(t.policy()).isCloseTo((0.9 + 0.8) / 2, within(1e-12));
    assertThat(t.clipFraction()).isEqualTo(0.5);
    // d log pi/d mu = (a - mu)/sigma^2 = 0.5; d log pi/d log sigma = 0.25 - 1
    assertThat(dOut).containsExactly(new double[] {0.9 * 0.5 / 2, 0}, within(1e-12));
    assertThat(dLogStd).containsExactly(new double[] {0.9 * (0.25 - 1) / 2, 0}, within(1e-12));
  }

  @Test
  void valueClippingKeepsThePessimisticErrorAndStopsItsGradientOutsideTheRange() {
    // V_old 0, V 0.5, R 1, clip 0.2: clipped prediction 0.2 has the larger error 0.8
    double[] dValue = new double[1];
    var t = ClippedSurrogate.evaluate(1, 2, new double[2], null, new double[] {0.5}, new int[] {0}, null,
        new double[] {LOG_HALF}, new double[] {0}, new double[] {0}, new double[] {1}, 0.2, 0.2, 0.5, 0.0,
        new double[2], null, dValue);
    assertThat(t.value()).isCloseTo(0.5 * 0.64, within(1e-12));
    assertThat(dValue[0]).isEqualTo(0.0);
    // V 0.1 inside the range: the unclipped error 0.9 is the larger, gradient c_v (V - R)
    t = ClippedSurrogate.evaluate(1, 2, new double[2], null, new double[] {0.1}, new int[] {0}, null,
        new double[] {LOG_HALF}, new double[] {0}, new double[] {0}, new double[] {1}, 0.2, 0.2, 0.5, 0.0,
        new double[2], null, dValue);
    assertThat(t.value()).isCloseTo(0.5 * 0.81, within(1e-12));
    assertThat(dValue[0]).isCloseTo(0.5 * -0.9, within(1e-12));
  }

  /** The total loss L = policy + c_v value - beta entropy, for finite differences. */
  private static double total(int n, int p, double[] out, double[] logStd, double[] value, int[] da, double[] ca,
      double[] oldLogProb, double[] oldValue, double[] adv, double[] ret) {
    var t = ClippedSurrogate.evaluate(n, p, out, logStd, value, da, ca, oldLogProb, oldValue, adv, ret, 0.2, 0.3, 0.7,
        0.05, new double[n * p], logStd == null ? null : new double[n * p], new double[n]);
    return t.policy() + 0.7 * t.value() - 0.05 * t.entropy();
  }

  @Test
  void outputGradientsMatchFiniteDifferences() {
    SplittableRandom rng = new SplittableRandom(11);
    int n = 6;
    int p = 3;
    for (boolean discrete : new boolean[] {true, false}) {
      double[] out = new double[n * p];
      for (int i = 0; i < out.length; i++) {
        out[i] = rng.nextDouble(-1, 1);
      }
      double[] logStd = discrete ? null : new double[n * p];
      if (!discrete) {
        for (int i = 0; i < n * p; i++) {
          logStd[i] = rng.nextDouble(-1, 0.3); // per sample, as with gSDE
        }
      }
      int[] da = new int[n];
      double[] ca = discrete ? null : new double[n * p];
      double[] oldLogProb = new double[n];
      double[] value = new double[n];
      double[] oldValue = new double[n];
      double[] adv = new double[n];
      double[] ret = new double[n];
      for (int s = 0; s < n; s++) {
        da[s] = rng.nextInt(p);
        if (!discrete) {
          for (int j = 0; j < p; j++) {
            ca[s * p + j] = out[s * p + j] + rng.nextDouble(-1, 1);
          }
        }
        // ratios spread over [0.62, 1.38]: some clipped, some not, none at a kink
        oldLogProb[s] = ClippedSurrogate.logProb(s, p, out, logStd, da, ca) - Math.log(0.55 + 0.9 * (s + 0.5) / n);
        value[s] = rng.nextDouble(-1, 1);
        oldValue[s] = value[s] + (s % 2 == 0 ? 0.5 : 0.1);
        adv[s] = s % 3 == 0 ? -1.3 : 0.9;
        ret[s] = rng.nextDouble(-1, 1);
      }
      double[] dOut = new double[n * p];
      double[] dLogStd = discrete ? null : new double[n * p];
      double[] dValue = new double[n];
      ClippedSurrogate.evaluate(n, p, out, logStd, value, da, ca, oldLogProb, oldValue, adv, ret, 0.2, 0.3, 0.7, 0.05,
          dOut, dLogStd, dValue);
      double h = 1e-6;
      for (int i = 0; i < out.length; i++) {
        double keep = out[i];
        out[i] = keep + h;
        double up = total(n, p, out, logStd, value, da, ca, oldLogProb, oldValue, adv, ret);
        out[i] = keep - h;
        double down = total(n, p, out, logStd, value, da, ca, oldLogProb, oldValue, adv, ret);
        out[i] = keep;
        assertThat(dOut[i]).as("d/d out[%d], discrete %s", i, discrete).isCloseTo((up - down) / (2 * h), within(1e-7));
      }
      for (int s = 0; s < n; s++) {
        double keep = value[s];
        value[s] = keep + h;
        double up = total(n, p, out, logStd, value, da, ca, oldLogProb, oldValue, adv, ret);
        value[s] = keep - h;
        double down = total(n, p, out, logStd, value, da, ca, oldLogProb, oldValue, adv, ret);
        value[s] = keep;
        assertThat(dValue[s]).isCloseTo((up - down) / (2 * h), within(1e-7));
      }
      if (!discrete) {
        for (int j = 0; j < n * p; j++) {
          double keep = logStd[j];
          logStd[j] = keep + h;
          double up = total(n, p, out, logStd, value, da, ca, oldLogProb, oldValue, adv, ret);
          logStd[j] = keep - h;
          double down = total(n, p, out, logStd, value, da, ca, oldLogProb, oldValue, adv, ret);
          logStd[j] = keep;
          assertThat(dLogStd[j]).isCloseTo((up - down) / (2 * h), within(1e-7));
        }
      }
    }
  }
}
