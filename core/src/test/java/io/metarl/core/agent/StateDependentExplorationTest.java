package io.metarl.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.metarl.api.agent.Mode;
import io.metarl.api.agent.PolicyInput;
import io.metarl.api.agent.PolicyOutput;
import io.metarl.api.agent.RolloutBatch;
import io.metarl.api.env.Box;
import io.metarl.api.env.Discrete;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.api.plugin.InvalidSettingException;
import io.metarl.core.config.OptimizerSettings;
import io.metarl.core.nn.Activation;
import io.metarl.core.nn.ActorCriticNetwork;
import io.metarl.core.nn.NetworkSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * gSDE: the state-dependent standard deviations and their gradient (against finite differences), the
 * noise schedule (fixed between draws, new after an update or every k steps), the greedy mean, and
 * exact resume of the noise.
 */
class StateDependentExplorationTest {
  private static final EnvironmentSpec ENV = new EnvironmentSpec("cont", Box.of(-5f, 5f, 3), Box.of(-1f, 1f, 2));
  private static final OptimizerSettings SGD = new OptimizerSettings("sgd", 0.05, 0.99, 1e-5, 0);

  private static ActorCriticSettings settings(int frequency) {
    return new ActorCriticSettings(List.of(4), Activation.TANH, false, 0, 0.5, 0.0, false, -1.0, 1, 1)
        .with(new Exploration(true, frequency));
  }

  @Test
  void theLogStdGradientMatchesFiniteDifferences() {
    var net = new ActorCriticNetwork(new NetworkSpec(3, List.of(4), Activation.TANH, false, 0, 0, 2, -0.5, true));
    assertThat(net.logStdCount()).isEqualTo(4 * 2);
    SplittableRandom rng = new SplittableRandom(5);
    double[] params = net.initialParameters(rng);
    for (int k = 0; k < net.logStdCount(); k++) {
      params[net.logStdOffset() + k] = rng.nextDouble(-1, 0.5);
    }
    int n = 5;
    double[] features = new double[n * 4];
    for (int i = 0; i < features.length; i++) {
      features[i] = rng.nextDouble(-1, 1);
    }
    double[] weights = new double[n * 2];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = rng.nextDouble(-1, 1);
    }
    GaussianScale scale = new GaussianScale(net);
    double[] grad = new double[params.length];
    scale.backward(params, features, 0, n, weights, grad); // d/dtheta of sum w_sj log sigma_sj
    double h = 1e-6;
    for (int k = 0; k < net.logStdCount(); k++) {
      int at = net.logStdOffset() + k;
      double keep = params[at];
      params[at] = keep + h;
      double up = weighted(scale, params, features, n, weights);
      params[at] = keep - h;
      double down = weighted(scale, params, features, n, weights);
      params[at] = keep;
      assertThat(grad[at]).isCloseTo((up - down) / (2 * h), within(1e-8));
    }
  }

  private static double weighted(GaussianScale scale, double[] params, double[] features, int n, double[] w) {
    double[] ls = new double[n * 2];
    scale.logStd(params, features, 0, n, ls);
    double sum = 0;
    for (int i = 0; i < ls.length; i++) {
      sum += w[i] * ls[i];
    }
    return sum;
  }

  private static PolicyInput input(long seed, int lanes) {
    SplittableRandom rng = new SplittableRandom(seed);
    PolicyInput in = new PolicyInput(ENV.observationSpace(), ENV.actionSpace(), lanes);
    for (int i = 0; i < in.observations.length; i++) {
      in.observations[i] = (float) rng.nextDouble(-1, 1);
    }
    return in;
  }

  /** The noise of lane 0 at {@code in}: the action minus the greedy action. */
  private static float noise(io.metarl.api.agent.Policy learner, io.metarl.api.agent.Policy greedy, PolicyInput in) {
    PolicyOutput explore = new PolicyOutput(ENV.actionSpace(), 2);
    PolicyOutput mean = new PolicyOutput(ENV.actionSpace(), 2);
    learner.act(in, Mode.EXPLORE, explore);
    greedy.act(in, Mode.GREEDY, mean);
    return explore.actions.continuous[0] - mean.actions.continuous[0];
  }

  @Test
  void noiseIsFixedBetweenDrawsAndRedrawnAfterAnUpdateOrEveryKSteps() throws Exception {
    try (ActorCriticModel model = new ActorCriticModel("t", ENV, settings(-1), SGD, 3)) {
      var learner = model.learner(ParameterAccess.direct(model.store()), 2, 7);
      var greedy = model.frozenPolicy(model.store().values().clone(), 2, 1);
      PolicyInput in = input(1, 2);
      float first = noise(learner, greedy, in);
      assertThat(first).isNotZero();
      assertThat(noise(learner, greedy, in)).isEqualTo(first); // same matrix, same features
      RolloutBatch b = new RolloutBatch(ENV.observationSpace(), ENV.actionSpace(), 2, 2);
      learner.learn(b); // all-zero advantages: the parameters do not move, the noise is redrawn
      assertThat(noise(learner, greedy, in)).isNotEqualTo(first);
    }
    try (ActorCriticModel model = new ActorCriticModel("t", ENV, settings(3), SGD, 3)) {
      var learner = model.learner(ParameterAccess.direct(model.store()), 2, 7);
      var greedy = model.frozenPolicy(model.store().values().clone(), 2, 1);
      PolicyInput in = input(2, 2);
      float[] n = new float[7];
      for (int t = 0; t < 7; t++) {
        n[t] = noise(learner, greedy, in);
      }
      assertThat(n[1]).isEqualTo(n[0]);
      assertThat(n[2]).isEqualTo(n[0]);
      assertThat(n[3]).isNotEqualTo(n[2]);
      assertThat(n[5]).isEqualTo(n[3]);
      assertThat(n[6]).isNotEqualTo(n[5]);
    }
  }

  @Test
  void theNoiseSurvivesALearnersStateBitForBit() throws Exception {
    try (ActorCriticModel model = new ActorCriticModel("t", ENV, settings(5), SGD, 3)) {
      var a = model.learner(ParameterAccess.direct(model.store()), 2, 7);
      var b = model.learner(ParameterAccess.direct(model.store()), 2, 8);
      var greedy = model.frozenPolicy(model.store().values().clone(), 2, 1);
      PolicyInput in = input(3, 2);
      noise(a, greedy, in);
      noise(a, greedy, in);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      a.writeState(new DataOutputStream(bytes));
      b.readState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
      for (int t = 0; t < 8; t++) {
        assertThat(noise(b, greedy, in)).isEqualTo(noise(a, greedy, in));
      }
    }
  }

  @Test
  void discreteActionsRefuseGsdeNamingTheKey() {
    var discrete = new EnvironmentSpec("d", Box.of(-1f, 1f, 2), new Discrete(3));
    assertThatThrownBy(() -> new ActorCriticModel("t", discrete, settings(-1), SGD, 1))
        .isInstanceOf(InvalidSettingException.class).hasMessageContaining("gsde.enabled");
  }
}
