package io.metarl.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.metarl.api.agent.Mode;
import io.metarl.api.agent.PolicyOutput;
import io.metarl.api.agent.RolloutBatch;
import io.metarl.api.agent.UpdateResult;
import io.metarl.api.env.Box;
import io.metarl.api.env.Discrete;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.core.config.OptimizerSettings;
import io.metarl.core.nn.Activation;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Minibatch passes (PPO's) see the rollout as the acting passes did: a minibatch of whole lanes
 * replayed from the memory each lane began the rollout with, with its trial-start resets, or of single
 * samples without memory, gives bit for bit the rollout pass's outputs for those samples, in any
 * order; and a minibatch split over two threads gives the gradient of one thread.
 */
class MinibatchPassesTest {
  private static final int STEPS = 5;
  private static final int LANES = 4;
  private static final EnvironmentSpec ENV = new EnvironmentSpec("tiny", Box.of(-5f, 5f, 3), new Discrete(3));
  private static final OptimizerSettings SGD = new OptimizerSettings("sgd", 0.05, 0.99, 1e-5, 0);

  private static RolloutBatch rollout(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    RolloutBatch b = new RolloutBatch(ENV.observationSpace(), ENV.actionSpace(), STEPS, LANES);
    for (int t = 0; t < STEPS; t++) {
      for (int i = 0; i < b.inputs[t].observations.length; i++) {
        b.inputs[t].observations[i] = (float) rng.nextDouble(-2, 2);
      }
      for (int l = 0; l < LANES; l++) {
        b.actions[t].discrete[l] = rng.nextInt(3);
        b.inputs[t].trialStart[l] = t == 2 && l == 1; // a trial starts mid-rollout in lane 1
      }
    }
    for (int i = 0; i < STEPS * LANES; i++) {
      b.advantages[i] = (float) rng.nextDouble(-1, 1);
      b.returns[i] = (float) rng.nextDouble(-1, 1);
    }
    return b;
  }

  /** Checks the passes inside an update, then takes one step along a minibatch gradient. */
  private static final class Probe implements PolicyUpdate {
    final int[] chosen;
    double[] gradient;

    Probe(int[] chosen) {
      this.chosen = chosen;
    }

    @Override
    public UpdateResult update(RolloutBatch b, UpdateSteps s) {
      UpdateSteps.Outputs whole = s.rollout(b);
      double[] policy = whole.policy().clone();
      double[] value = whole.value().clone();
      UpdateSteps.Outputs mb = s.minibatch(b, chosen);
      int p = s.spec().policyOutputs();
      int n = mb.value().length;
      assertThat(n).isEqualTo(s.sequences() ? chosen.length * b.steps : chosen.length);
      for (int j = 0; j < n; j++) {
        int i = mb.rolloutIndex()[j];
        assertThat(mb.value()[j]).isEqualTo(value[i]);
        for (int k = 0; k < p; k++) {
          assertThat(mb.policy()[j * p + k]).isEqualTo(policy[i * p + k]);
        }
      }
      double[] dPolicy = new double[n * p];
      double[] dValue = new double[n];
      for (int j = 0; j < n; j++) {
        dValue[j] = mb.value()[j] - b.returns[mb.rolloutIndex()[j]];
        dPolicy[j * p + (j % p)] = b.advantages[mb.rolloutIndex()[j]];
      }
      gradient = s.gradient(dPolicy, null, dValue);
      s.step(gradient);
      return new UpdateResult(Map.of());
    }
  }

  @ParameterizedTest(name = "memory units {0}")
  @CsvSource({"0", "6"})
  void minibatchOutputsAreTheRolloutsAndSplittingKeepsTheGradient(int memory) {
    RolloutBatch first = rollout(1);
    RolloutBatch second = rollout(2);
    int units = memory > 0 ? LANES : STEPS * LANES;
    int[] chosen = memory > 0 ? new int[] {3, 1, 0} : new int[] {17, 2, 9, 4, 11, 0, 19};
    assertThat(chosen.length).isLessThan(units);
    double[][] grads = new double[2][];
    for (int threads = 1; threads <= 2; threads++) {
      var settings = new ActorCriticSettings(List.of(4), Activation.TANH, memory > 0, memory, 0.5, 0.01, false, 0.0, 1,
          threads);
      try (ActorCriticModel model = new ActorCriticModel("t", ENV, settings, SGD, 3)) {
        Probe probe = new Probe(chosen);
        var learner = model.learner(ParameterAccess.direct(model.store()), LANES, 7, probe);
        PolicyOutput out = new PolicyOutput(ENV.actionSpace(), LANES);
        // two rollouts: the second begins from a non-zero memory state
        for (RolloutBatch b : List.of(first, second)) {
          for (int t = 0; t < STEPS; t++) {
            learner.act(b.inputs[t], Mode.EXPLORE, out);
          }
          learner.learn(b);
        }
        grads[threads - 1] = probe.gradient;
      }
    }
    for (int i = 0; i < grads[0].length; i++) {
      assertThat(grads[1][i]).isCloseTo(grads[0][i], within(1e-12));
    }
  }
}
