package io.metarl.extensions.epg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The gradient that reaches the policy parameters (and the memory) through the loss network equals a
 * central finite-difference gradient of L_phi, in double precision on tiny sizes.
 */
class LossGradientTest {

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void policyAndMemoryGradientsMatchFiniteDifferences(boolean discrete) {
    int obs = 3;
    int actions = 2;
    Policy policy = discrete ? new Policy(obs, actions, true, new int[] {5, 4})
        : new Policy(obs, actions, false, new int[] {5, 4}, new float[] {-1, 0}, new float[] {1, 2});
    int features = obs + actions + 2;
    LossNetworkSpec spec = new LossNetworkSpec(features, policy.outputSize(), 3, 14,
        4, 3, 2, 5, 2, 2, 6, 7, 0.2);
    SplittableRandom rng = new SplittableRandom(42);
    double[] phi = spec.initialParameters(rng);
    for (int i = 0; i < phi.length; i++) {
      phi[i] += 0.3 * Mlp.gaussian(rng); // away from the initial symmetry
    }
    double[] theta = policy.initialParameters(rng);
    for (int i = 0; i < theta.length; i++) {
      theta[i] += 0.5 * Mlp.gaussian(rng); // a non-trivial policy
    }
    double[] mu = new double[spec.memory()];
    for (int j = 0; j < mu.length; j++) {
      mu[j] = Mlp.gaussian(rng);
    }
    int n = spec.buffer();
    double[] obsRows = new double[n * obs];
    double[] feats = new double[n * features];
    for (int i = 0; i < feats.length; i++) {
      feats[i] = Mlp.gaussian(rng);
    }
    for (int t = 0; t < n; t++) {
      System.arraycopy(feats, t * features, obsRows, t * obs, obs);
    }
    int[] batch = {13, 4, 9, 11};
    LossNetwork net = new LossNetwork(spec);

    // analytic
    Policy.Pass pass = policy.newPass(n);
    System.arraycopy(obsRows, 0, pass.input(), 0, obsRows.length);
    policy.forward(theta, pass);
    double[] mem = tanh(mu);
    double[] dOut = new double[n * policy.outputSize()];
    double[] dMem = new double[mu.length];
    double l0 = net.evaluate(phi, feats, pass.out, mem, batch, 1.0, dOut, dMem);
    double[] gTheta = new double[theta.length];
    policy.backward(theta, pass, dOut, gTheta);
    double[] gMu = new double[mu.length];
    for (int j = 0; j < mu.length; j++) {
      gMu[j] = dMem[j] * (1 - mem[j] * mem[j]);
    }
    assertThat(l0).isEqualTo(loss(net, policy, phi, theta, mu, feats, obsRows, batch));

    double h = 1e-6;
    double worst = 0;
    double norm = 0;
    for (int i = 0; i < theta.length; i++) {
      double[] tp = theta.clone();
      double[] tm = theta.clone();
      tp[i] += h;
      tm[i] -= h;
      double fd = (loss(net, policy, phi, tp, mu, feats, obsRows, batch)
          - loss(net, policy, phi, tm, mu, feats, obsRows, batch)) / (2 * h);
      worst = Math.max(worst, Math.abs(fd - gTheta[i]));
      norm = Math.max(norm, Math.abs(fd));
    }
    for (int j = 0; j < mu.length; j++) {
      double[] mp = mu.clone();
      double[] mm = mu.clone();
      mp[j] += h;
      mm[j] -= h;
      double fd = (loss(net, policy, phi, theta, mp, feats, obsRows, batch)
          - loss(net, policy, phi, theta, mm, feats, obsRows, batch)) / (2 * h);
      worst = Math.max(worst, Math.abs(fd - gMu[j]));
      norm = Math.max(norm, Math.abs(fd));
    }
    assertThat(norm).as("the gradient is not trivially zero").isGreaterThan(1e-3);
    assertThat(worst / norm).as("max |analytic - finite difference| relative to the largest component")
        .isLessThan(1e-6);
  }

  private static double loss(LossNetwork net, Policy policy, double[] phi, double[] theta, double[] mu,
      double[] feats, double[] obsRows, int[] batch) {
    int n = net.spec().buffer();
    Policy.Pass pass = policy.newPass(n);
    System.arraycopy(obsRows, 0, pass.input(), 0, obsRows.length);
    policy.forward(theta, pass);
    return net.evaluate(phi, feats, pass.out, tanh(mu), batch, 1.0, null, null);
  }

  private static double[] tanh(double[] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = Math.tanh(x[i]);
    }
    return y;
  }
}
