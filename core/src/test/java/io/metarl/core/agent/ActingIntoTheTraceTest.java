package io.metarl.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.metarl.api.agent.Learner;
import io.metarl.api.agent.Mode;
import io.metarl.api.agent.PolicyOutput;
import io.metarl.api.agent.RolloutBatch;
import io.metarl.api.env.Box;
import io.metarl.api.env.Discrete;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.core.config.OptimizerSettings;
import io.metarl.core.nn.Activation;
import io.metarl.core.nn.ActorCriticNetwork;
import io.metarl.core.nn.PolicyGradientLoss;
import io.metarl.core.nn.ActorCriticLoss;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A learner acts into the trace its update uses and skips the replay of the rollout when the batch it
 * learns from is the one it acted on. An update from another batch than the acted one must replay it:
 * both paths give bit for bit the same parameters (with and without a meta-memory, one or two learner
 * threads).
 */
class ActingIntoTheTraceTest {
  private static final int STEPS = 4;
  private static final int LANES = 3;
  private static final EnvironmentSpec ENV = new EnvironmentSpec("tiny", Box.of(-5f, 5f, 2), new Discrete(3));
  private static final OptimizerSettings SGD = new OptimizerSettings("sgd", 0.1, 0.99, 1e-5, 0);

  private static RolloutBatch rollout(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    RolloutBatch b = new RolloutBatch(ENV.observationSpace(), ENV.actionSpace(), STEPS, LANES);
    for (int t = 0; t < STEPS; t++) {
      for (int i = 0; i < b.inputs[t].observations.length; i++) {
        b.inputs[t].observations[i] = (float) rng.nextDouble(-2, 2);
      }
      for (int l = 0; l < LANES; l++) {
        b.actions[t].discrete[l] = rng.nextInt(3);
        b.inputs[t].trialStart[l] = t == 0 && l == 1;
        b.inputs[t].previousActions.discrete[l] = rng.nextInt(3);
        b.inputs[t].previousRewards[l] = (float) rng.nextDouble();
      }
    }
    for (int i = 0; i < STEPS * LANES; i++) {
      b.rewards[i] = (float) rng.nextDouble(-1, 1);
      b.advantages[i] = (float) rng.nextDouble(-1, 1);
      b.returns[i] = (float) rng.nextDouble(-1, 1);
    }
    return b;
  }

  private static void actOn(Learner learner, RolloutBatch b) {
    PolicyOutput out = new PolicyOutput(ENV.actionSpace(), LANES);
    for (int t = 0; t < STEPS; t++) {
      learner.act(b.inputs[t], Mode.EXPLORE, out);
    }
  }

  @ParameterizedTest(name = "memory units {0}, learner threads {1}")
  @CsvSource({"0, 1", "5, 1", "0, 2", "5, 2"})
  void anUpdateFromTheActedBatchEqualsOneThatReplaysIt(int memory, int threads) {
    var settings = new ActorCriticSettings(List.of(4), Activation.TANH, memory > 0, memory, 0.5, 0.01, false, 0.0, 1,
        threads);
    RolloutBatch first = rollout(1);
    RolloutBatch second = rollout(2);
    try (TestAgent reusing = new TestAgent("a", ENV, settings, SGD, 3);
        TestAgent replaying = new TestAgent("a", ENV, settings, SGD, 3)) {
      Learner a = reusing.learner(0, LANES, 7);
      Learner b = replaying.learner(0, LANES, 7);
      for (Learner l : List.of(a, b)) {
        actOn(l, first);
        l.learn(first);
      }
      double[] afterFirst = reusing.parameters();
      assertThat(replaying.parameters()).containsExactly(afterFirst);
      actOn(a, second); // the trace now holds the second batch's forward pass: reused
      actOn(b, first); // the trace holds another batch's: the update must replay the second one
      a.learn(second);
      b.learn(second);
      assertThat(reusing.parameters()).isNotEqualTo(afterFirst);
      assertThat(replaying.parameters()).containsExactly(reusing.parameters());
    }
  }
}
