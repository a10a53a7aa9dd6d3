package io.metarl.core.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The analytic gradient of the actor-critic loss (policy gradient, value, entropy; through the MLP
 * torso, the heads, the log-std and the LSTM through time with resets) equals central finite
 * differences in double precision.
 */
class GradientCheckTest {

  @Test
  void discreteMlpWithSeparateTorsos() {
    check(new NetworkSpec(4, List.of(8, 6), Activation.TANH, false, 0, 3, 0, 0.0), 3, 4);
  }

  @Test
  void continuousMlpWithSharedTorso() {
    check(new NetworkSpec(3, List.of(7), Activation.TANH, true, 0, 0, 2, -0.3), 2, 5);
  }

  @Test
  void reluTorso() {
    check(new NetworkSpec(3, List.of(5), Activation.RELU, false, 0, 2, 0, 0.0), 2, 3);
  }

  @Test
  void lstmMemoryThroughTimeWithResets() {
    check(new NetworkSpec(5, List.of(), Activation.TANH, true, 6, 2, 0, 0.0), 7, 3);
  }

  @Test
  void lstmAfterTorsoContinuous() {
    check(new NetworkSpec(3, List.of(4), Activation.TANH, true, 5, 0, 2, 0.1), 5, 2);
  }

  private static void check(NetworkSpec spec, int steps, int lanes) {
    SplittableRandom rng = new SplittableRandom(7);
    ActorCriticNetwork net = new ActorCriticNetwork(spec);
    double[] params = net.initialParameters(rng);
    // Make the heads non-trivial so every term matters.
    for (int i = 0; i < params.length; i++) {
      params[i] += rng.nextDouble(-0.3, 0.3);
    }
    int n = steps * lanes;
    ActorCriticNetwork.Trace tr = net.newTrace(steps, lanes);
    for (int i = 0; i < tr.input().length; i++) {
      tr.input()[i] = rng.nextDouble(-1, 1);
    }
    for (int i = 0; i < n; i++) {
      tr.reset()[i] = i >= lanes && rng.nextDouble() < 0.2;
    }
    int units = spec.lstmUnits();
    double[] h0 = new double[lanes * units];
    double[] c0 = new double[lanes * units];
    for (int i = 0; i < h0.length; i++) {
      h0[i] = rng.nextDouble(-0.5, 0.5);
      c0[i] = rng.nextDouble(-0.5, 0.5);
    }
    int p = spec.policyOutputs();
    int[] discrete = new int[n];
    double[] continuous = new double[n * p];
    double[] adv = new double[n];
    double[] ret = new double[n];
    for (int i = 0; i < n; i++) {
      discrete[i] = rng.nextInt(Math.max(1, spec.discreteActions()));
      adv[i] = rng.nextDouble(-2, 2);
      ret[i] = rng.nextDouble(-2, 2);
    }
    for (int i = 0; i < continuous.length; i++) {
      continuous[i] = rng.nextDouble(-1.5, 1.5);
    }
    Loss loss = new Loss(net, tr, h0, c0, discrete, continuous, adv, ret);
    double[] analytic = loss.gradient(params);
    double eps = 1e-6;
    double worst = 0;
    for (int i = 0; i < params.length; i++) {
      double saved = params[i];
      params[i] = saved + eps;
      double up = loss.value(params);
      params[i] = saved - eps;
      double down = loss.value(params);
      params[i] = saved;
      double numeric = (up - down) / (2 * eps);
      double err = Math.abs(numeric - analytic[i]) / Math.max(1e-6, Math.abs(numeric) + Math.abs(analytic[i]));
      worst = Math.max(worst, Math.abs(numeric - analytic[i]) < 1e-8 ? 0 : err);
    }
    assertThat(worst).as("largest relative error over %d parameters", params.length).isLessThan(1e-5);
  }

  /** The loss as a function of the parameters. */
  private record Loss(ActorCriticNetwork net, ActorCriticNetwork.Trace tr, double[] h0, double[] c0, int[] discrete,
      double[] continuous, double[] adv, double[] ret) {
    static final double VALUE_COEF = 0.7;
    static final double ENTROPY_COEF = 0.05;

    double value(double[] params) {
      return run(params, null);
    }

    double[] gradient(double[] params) {
      double[] grad = new double[params.length];
      run(params, grad);
      return grad;
    }

    private double run(double[] params, double[] grad) {
      NetworkSpec spec = net.spec();
      int n = tr.value.length;
      int p = spec.policyOutputs();
      net.forward(params, tr, h0.clone(), c0.clone());
      double[] logStd = spec.discrete() ? null
          : java.util.Arrays.copyOfRange(params, net.logStdOffset(), net.logStdOffset() + p);
      double[] dPolicy = new double[n * p];
      double[] dLogStd = spec.discrete() ? null : new double[p];
      double[] dValue = new double[n];
      ActorCriticLoss.Terms terms = ActorCriticLoss.compute(spec, n, tr.policy, logStd, tr.value,
          spec.discrete() ? discrete : null, spec.discrete() ? null : continuous, adv, ret, VALUE_COEF, ENTROPY_COEF,
          dPolicy, dLogStd, dValue);
      if (grad != null) {
        net.backward(params, tr, dPolicy, dValue, grad);
        if (dLogStd != null) {
          for (int j = 0; j < p; j++) {
            grad[net.logStdOffset() + j] += dLogStd[j];
          }
        }
      }
      return terms.total();
    }
  }
}
