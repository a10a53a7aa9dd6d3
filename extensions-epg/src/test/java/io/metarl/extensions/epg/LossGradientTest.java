package io.metarl.extensions.epg;

import static org.assertj.core.api.Assertions.assertThat;

import io.metarl.api.env.Box;
import io.metarl.api.env.Discrete;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.api.loss.PolicyLoss;
import io.metarl.api.plugin.PolicyLossProvider;
import java.util.HashMap;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The gradient the inner loop steps on ({@link Lifetime.Update#loss}: {@code (1 - a) L_phi + a L_ref}
 * through the loss network, the policy outputs L_phi reads (softmax probabilities, or tanh-squashed
 * Gaussian means and log-stds), the reference A2C loss ({@code a2c-pg}, and the critic's squared error)
 * and the shared {@link io.metarl.core.nn.ActorCriticNetwork}) equals a central finite-difference gradient of
 * the same loss with respect to the policy network's parameters, the memory's pre-activation and the
 * critic's parameters, in double precision on tiny sizes.
 */
class LossGradientTest {

  @ParameterizedTest
  @CsvSource({"true, 0.0", "false, 0.0", "true, 0.5", "false, 0.5", "true, 1.0", "false, 1.0"})
  void theInnerGradientMatchesFiniteDifferences(boolean discrete, double refWeight) {
    int obs = 3;
    int actions = 2;
    EnvironmentSpec env = new EnvironmentSpec("test", new Box(new float[] {-5, -5, -5}, new float[] {5, 5, 5}, 3),
        discrete ? new Discrete(actions) : new Box(new float[] {-1, 0}, new float[] {1, 2}, 2));
    InnerSettings inner = new InnerSettings(new int[] {5, 4}, 64, 8, 4, 1, 1e-3, 1, 0, 0.99, 0.95, 0.01, 0);
    LossNetworkSpec spec = new LossNetworkSpec(Lifetime.featureSize(env), Lifetime.policyOutputSize(env), 3, 14,
        4, 3, 2, 5, 2, 2, 6, 7, 0.2);
    Lifetime life = new Lifetime(inner, env, spec, LifetimeTest.plugins());
    SplittableRandom rng = new SplittableRandom(42);
    double[] phi = spec.initialParameters(rng);
    for (int i = 0; i < phi.length; i++) {
      phi[i] += 0.3 * Stats.gaussian(rng); // away from the initial symmetry
    }
    double[] theta = life.network().initialParameters(rng);
    for (int i = 0; i < theta.length; i++) {
      theta[i] += 0.5 * Stats.gaussian(rng); // a non-trivial policy
    }
    double[] value = life.critic().initialParameters(rng);
    for (int i = 0; i < value.length; i++) {
      value[i] += 0.5 * Stats.gaussian(rng);
    }
    double[] mu = new double[spec.memory()];
    for (int j = 0; j < mu.length; j++) {
      mu[j] = Stats.gaussian(rng);
    }
    PolicyLoss reference = refWeight > 0
        ? LifetimeTest.plugins().provider(PolicyLossProvider.class, Lifetime.REFERENCE_POLICY_LOSS)
            .create(com.typesafe.config.ConfigFactory.parseString("entropy-coefficient = 0.01"), env, null)
        : null;
    Lifetime.Update u = life.new Update(phi, refWeight, refWeight < 1 ? new LossNetwork(spec) : null, reference,
        new HashMap<>());
    int n = spec.buffer();
    int f = spec.features();
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < f; j++) {
        u.features[r * f + j] = Stats.gaussian(rng);
      }
      System.arraycopy(u.features, r * f, u.observations, r * obs, obs);
      if (discrete) {
        u.discreteActions[r] = rng.nextInt(actions);
      } else {
        for (int j = 0; j < actions; j++) {
          u.continuousActions[r * actions + j] = (float) rng.nextDouble(-1, 2);
        }
      }
      u.advantages[r] = Stats.gaussian(rng);
      u.targets[r] = Stats.gaussian(rng);
    }
    int[] batch = {13, 4, 9, 11};

    double[] gTheta = new double[theta.length];
    double[] gMu = new double[mu.length];
    double[] gValue = new double[value.length];
    double l0 = u.loss(theta, mu, value, batch, gTheta, gMu, gValue);
    assertThat(l0).isEqualTo(u.loss(theta, mu, value, batch, null, null, null));

    double h = 1e-6;
    double worst = 0;
    double norm = 0;
    for (int i = 0; i < theta.length; i++) {
      double[] tp = theta.clone();
      double[] tm = theta.clone();
      tp[i] += h;
      tm[i] -= h;
      double fd = (u.loss(tp, mu, value, batch, null, null, null) - u.loss(tm, mu, value, batch, null, null, null))
          / (2 * h);
      worst = Math.max(worst, Math.abs(fd - gTheta[i]));
      norm = Math.max(norm, Math.abs(fd));
    }
    for (int j = 0; j < mu.length; j++) {
      double[] mp = mu.clone();
      double[] mm = mu.clone();
      mp[j] += h;
      mm[j] -= h;
      double fd = (u.loss(theta, mp, value, batch, null, null, null)
          - u.loss(theta, mm, value, batch, null, null, null)) / (2 * h);
      worst = Math.max(worst, Math.abs(fd - gMu[j]));
      norm = Math.max(norm, Math.abs(fd));
      if (refWeight == 1) {
        assertThat(gMu[j]).as("the reference loss does not read the memory").isZero();
      }
    }
    for (int i = 0; i < value.length; i++) {
      double[] vp = value.clone();
      double[] vm = value.clone();
      vp[i] += h;
      vm[i] -= h;
      double fd = (u.loss(theta, mu, vp, batch, null, null, null) - u.loss(theta, mu, vm, batch, null, null, null))
          / (2 * h);
      worst = Math.max(worst, Math.abs(fd - gValue[i]));
      norm = Math.max(norm, Math.abs(fd));
      if (refWeight == 0) {
        assertThat(gValue[i]).as("the evolved loss alone does not train the critic").isZero();
      }
    }
    assertThat(norm).as("the gradient is not trivially zero").isGreaterThan(1e-3);
    assertThat(worst / norm).as("max |analytic - finite difference| relative to the largest component")
        .isLessThan(1e-6);
  }
}
