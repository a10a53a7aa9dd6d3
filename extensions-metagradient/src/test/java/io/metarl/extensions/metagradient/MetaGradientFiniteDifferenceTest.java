package io.metarl.extensions.metagradient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.metarl.api.agent.RolloutBatch;
import io.metarl.core.returns.GaeEstimator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The meta-gradient the hook forms, {@code g' . z}, against the finite difference of
 * {@code J'(theta'(eta)) = (1/n) sum A'_i log pi_theta'(a_i|s_i)} on tau' (A' from the reference eta'),
 * where {@code theta'(eta)} redoes the real inner update on tau from the same theta with eta
 * perturbed; mu = 0; double precision. Observed relative errors: 1e-9 to 2e-7 (the larger ones with
 * advantage standardisation, which reads the float advantage buffer); asserted: 1e-6.
 */
class MetaGradientFiniteDifferenceTest {

  @ParameterizedTest(name = "gamma={0} lambda={1} normalize={2} cv={3}")
  @CsvSource({"0.9, 0.8, false, 0.5, 1", "0.6, 0.3, false, 1.0, 2", "0.95, 0.9, true, 0.5, 3", "0.8, 0.5, true, 0.25, 4"})
  void metaGradientEqualsFiniteDifferenceOfJPrime(double gamma, double lambda, boolean normalize, double cv, long seed) {
    int obs = 3;
    int actions = 3;
    RolloutBatch tau = Rollouts.random(12, 4, obs, actions, seed);
    RolloutBatch tauPrime = Rollouts.random(12, 4, obs, actions, seed + 100);
    double alpha = 0.3;
    TinyLearner learner = new TinyLearner(obs, actions, alpha, cv, 0.01, normalize, seed);
    double[] theta0 = learner.theta.clone();
    MetaGradientSettings s = new MetaGradientSettings(List.of("gamma", "lambda"), gamma, lambda, 0.995, 1.0,
        0.0, "sgd", 0.0);
    MetaGradient hook = new MetaGradient(s);

    // update 1 on tau: the hook sets eta and builds the trace; the learner steps.
    TestContext ctx = new TestContext(tau, learner, new GaeEstimator(0.5, 0.5));
    hook.beforeUpdate(ctx);
    double etaGamma = ctx.metrics.get("meta/gamma");
    double etaLambda = ctx.metrics.get("meta/lambda");
    assertThat(etaGamma).isCloseTo(gamma, within(1e-12));
    assertThat(etaLambda).isCloseTo(lambda, within(1e-12));
    assertThat(ctx.estimator.parameters()).isEqualTo(Map.of("gamma", etaGamma, "lambda", etaLambda));
    learner.gamma = etaGamma;
    learner.lambda = etaLambda;
    learner.learn(tau);

    // update 2 on tau': the hook takes the meta-step from g' . z.
    ctx.next(tauPrime);
    hook.beforeUpdate(ctx);
    double analyticGamma = ctx.metrics.get("meta/grad_gamma");
    double analyticLambda = ctx.metrics.get("meta/grad_lambda");

    double[] refAdv = TinyLearner.gae(tauPrime, 0.995, 1.0);
    learner.theta = theta0;
    double h = 1e-5;
    double fdGamma = (learner.objective(tauPrime, learner.stepped(tau, etaGamma + h, etaLambda), refAdv)
        - learner.objective(tauPrime, learner.stepped(tau, etaGamma - h, etaLambda), refAdv)) / (2 * h);
    double fdLambda = (learner.objective(tauPrime, learner.stepped(tau, etaGamma, etaLambda + h), refAdv)
        - learner.objective(tauPrime, learner.stepped(tau, etaGamma, etaLambda - h), refAdv)) / (2 * h);

    assertThat(Math.abs(fdGamma)).as("a non-trivial meta-gradient").isGreaterThan(1e-4);
    assertThat(Math.abs(fdLambda)).isGreaterThan(1e-5);
    assertThat(analyticGamma).isCloseTo(fdGamma, within(1e-6 * Math.abs(fdGamma)));
    assertThat(analyticLambda).isCloseTo(fdLambda, within(1e-6 * Math.abs(fdLambda)));
  }
}
