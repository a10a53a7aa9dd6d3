package io.metarl.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.metarl.api.agent.Learner;
import io.metarl.api.agent.RolloutBatch;
import io.metarl.api.agent.UpdateResult;
import io.metarl.api.env.Box;
import io.metarl.api.env.Discrete;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.api.loss.PolicyLoss;
import io.metarl.api.agent.Resumable;
import io.metarl.core.config.OptimizerSettings;
import io.metarl.core.nn.Activation;
import io.metarl.core.nn.ActorCriticNetwork;
import io.metarl.core.nn.PolicyGradientLoss;
import io.metarl.core.nn.ActorCriticLoss;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The actor-critic agent with a {@link PolicyLoss}: the default {@code a2c-pg} gives bit for bit the
 * gradient of {@link ActorCriticLoss} (the loss the agent used before policy losses were plugins); a
 * plugged-in loss sees the documented batch (logits, or means and log-stds), drives the policy
 * update, and gets reset / evaluate / advance / state as the contract says.
 */
class PolicyLossTest {
  private static final int STEPS = 3;
  private static final int LANES = 2;

  private static EnvironmentSpec spec(boolean discrete) {
    return new EnvironmentSpec("tiny", Box.of(-5f, 5f, 3), discrete ? new Discrete(3) : Box.of(-1f, 1f, 2));
  }

  private static ActorCriticSettings settings(double entropy) {
    return new ActorCriticSettings(List.of(5), Activation.TANH, false, 0, 0.7, entropy, false, -0.3, 1);
  }

  private static final OptimizerSettings SGD = new OptimizerSettings("sgd", 0.1, 0.99, 1e-5, 0);

  private static RolloutBatch rollout(EnvironmentSpec env, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    RolloutBatch b = new RolloutBatch(env.observationSpace(), env.actionSpace(), STEPS, LANES);
    for (int t = 0; t < STEPS; t++) {
      for (int i = 0; i < b.inputs[t].observations.length; i++) {
        b.inputs[t].observations[i] = (float) rng.nextDouble(-2, 2);
      }
      for (int l = 0; l < LANES; l++) {
        if (b.actions[t].isDiscrete()) {
          b.actions[t].discrete[l] = rng.nextInt(3);
        }
        b.inputs[t].trialStart[l] = t == 0 && l == 1;
      }
      for (int i = 0; i < b.actions[t].continuous.length; i++) {
        b.actions[t].continuous[i] = (float) rng.nextDouble(-1.5, 1.5);
      }
    }
    for (int i = 0; i < STEPS * LANES; i++) {
      b.rewards[i] = (float) rng.nextDouble(-1, 1);
      b.terminated[i] = i == 3;
      b.advantages[i] = (float) rng.nextDouble(-1, 1);
      b.returns[i] = (float) rng.nextDouble(-1, 1);
    }
    return b;
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void a2cPgGivesBitForBitTheGradientOfActorCriticLoss(boolean discrete) {
    EnvironmentSpec env = spec(discrete);
    ActorCriticSettings s = settings(0.05);
    TestAgent agent = new TestAgent("a2c", env, s, SGD, 4);
    RolloutBatch b = rollout(env, 1);
    double[] got = agent.learner(0, LANES, 2).differentiable().orElseThrow().lossGradient(b);

    // The pre-plugin computation: ActorCriticLoss.compute on the replayed rollout.
    ActorCriticNetwork net = agent.network();
    double[] params = agent.parameters();
    Features features = new Features(env.observationSpace().flatSize());
    ActorCriticNetwork.Trace tr = net.newTrace(STEPS, LANES);
    for (int t = 0; t < STEPS; t++) {
      features.fill(b.inputs[t], tr.input(), t * LANES);
      System.arraycopy(b.inputs[t].trialStart, 0, tr.reset(), t * LANES, LANES);
    }
    net.forward(params, tr, new double[0], new double[0]);
    int n = STEPS * LANES;
    int p = net.spec().policyOutputs();
    int[] actions = new int[n];
    double[] continuous = new double[n * p];
    double[] adv = new double[n];
    double[] ret = new double[n];
    for (int t = 0; t < STEPS; t++) {
      for (int l = 0; l < LANES; l++) {
        int i = t * LANES + l;
        if (discrete) {
          actions[i] = b.actions[t].discrete[l];
        } else {
          for (int j = 0; j < p; j++) {
            continuous[i * p + j] = b.actions[t].continuous[l * p + j];
          }
        }
      }
    }
    for (int i = 0; i < n; i++) {
      adv[i] = b.advantages[i];
      ret[i] = b.returns[i];
    }
    double[] logStd = discrete ? null : Arrays.copyOfRange(params, net.logStdOffset(), net.logStdOffset() + p);
    double[] dPolicy = new double[n * p];
    double[] dLogStd = discrete ? null : new double[p];
    double[] dValue = new double[n];
    ActorCriticLoss.compute(net.spec(), n, tr.policy, logStd, tr.value, discrete ? actions : null,
        discrete ? null : continuous, adv, ret, s.valueCoefficient(), s.entropyCoefficient(), dPolicy, dLogStd, dValue);
    double[] expected = new double[params.length];
    net.backward(params, tr, dPolicy, dValue, expected);
    if (!discrete) {
      for (int j = 0; j < p; j++) {
        expected[net.logStdOffset() + j] += dLogStd[j];
      }
    }
    assertThat(got).containsExactly(expected);
  }

  /** Records what the agent does with it; its gradient pushes the first policy output up. */
  static final class Recording implements PolicyLoss {
    final List<String> calls = new ArrayList<>();
    final List<Batch> evaluated = new ArrayList<>();
    Batch advanced;
    long seed;
    int counter;
    double last;

    @Override
    public double evaluate(Batch batch, double[] gradient) {
      calls.add("evaluate");
      evaluated.add(batch);
      double loss = 0;
      for (int i = 0; i < batch.size(); i++) {
        loss -= batch.policyOutputs[i * batch.outputSize];
        gradient[i * batch.outputSize] = -1.0 / batch.size();
      }
      last = loss / batch.size() + counter;
      return last;
    }

    @Override
    public void advance(Batch batch) {
      calls.add("advance");
      advanced = batch;
      counter++;
    }

    @Override
    public void reset(long seed) {
      calls.add("reset");
      this.seed = seed;
      counter = 0;
    }

    @Override
    public byte[] state() {
      return new byte[] {(byte) counter};
    }

    @Override
    public void restore(byte[] state) {
      counter = state.length == 0 ? 0 : state[0];
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aPluggedInLossSeesTheDocumentedBatchAndDrivesThePolicy(boolean discrete) throws Exception {
    EnvironmentSpec env = spec(discrete);
    List<Recording> made = new ArrayList<>();
    TestAgent agent = new TestAgent("a2c", env, settings(0.05), SGD, 4, () -> {
      Recording r = new Recording();
      made.add(r);
      return r;
    });
    agent.policy(LANES, 1);
    assertThat(made).as("a frozen policy has no loss").isEmpty();
    Learner learner = agent.learner(0, LANES, 77);
    Recording loss = made.get(0);
    assertThat(loss.calls).containsExactly("reset");
    assertThat(loss.seed).isEqualTo(77);

    RolloutBatch b = rollout(env, 1);
    double[] before = agent.parameters();
    ActorCriticNetwork net = agent.network();
    int p = net.spec().policyOutputs();
    UpdateResult r = learner.learn(b);
    assertThat(loss.calls).containsExactly("reset", "evaluate", "advance");
    PolicyLoss.Batch batch = loss.evaluated.get(0);
    assertThat(loss.advanced).isSameAs(batch);
    assertThat(batch.steps).isEqualTo(STEPS);
    assertThat(batch.lanes).isEqualTo(LANES);
    assertThat(batch.discrete).isEqualTo(discrete);
    assertThat(batch.outputSize).isEqualTo(discrete ? 3 : 4);
    assertThat(batch.observations[LANES * 3 + 1]).isEqualTo(b.inputs[1].observations[1]);
    assertThat(batch.trialStart[1]).isTrue();
    assertThat(batch.terminated[3]).isTrue();
    assertThat(batch.advantages[2]).isEqualTo(b.advantages[2]);
    if (discrete) {
      assertThat(batch.discreteActions[LANES + 1]).isEqualTo(b.actions[1].discrete[1]);
      double[] probs = batch.probabilities();
      assertThat(probs[0] + probs[1] + probs[2]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
    } else {
      assertThat(batch.continuousActions[LANES * 2 + 3]).isEqualTo(b.actions[1].continuous[3]);
      for (int i = 0; i < batch.size(); i++) {
        assertThat(batch.policyOutputs[i * 4 + 2]).as("log-std of sample %d", i).isEqualTo(before[net.logStdOffset()]);
      }
    }
    assertThat(r.metrics().get("loss_policy")).isEqualTo(loss.last);
    // The policy's first output went up (the loss's gradient was applied).
    double[] after = agent.parameters();
    Learner probe = agent.learner(0, LANES, 1);
    probe.differentiable().orElseThrow().lossGradient(b);
    PolicyLoss.Batch next = made.get(1).evaluated.get(0);
    double sumBefore = 0;
    double sumAfter = 0;
    for (int i = 0; i < batch.size(); i++) {
      sumBefore += batch.policyOutputs[i * batch.outputSize];
      sumAfter += next.policyOutputs[i * batch.outputSize];
    }
    assertThat(sumAfter).isGreaterThan(sumBefore);
    assertThat(after).isNotEqualTo(before);
    // loss_policy is the plugin's value; loss = loss_policy + value-coefficient * loss_value.
    assertThat(r.metrics().get("loss")).isEqualTo(r.metrics().get("loss_policy") + 0.7 * r.metrics().get("loss_value"));

    // The loss's state travels with the learner's checkpoint state.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ((Resumable) learner).writeState(new DataOutputStream(bytes));
    Learner resumed = agent.learner(0, LANES, 5);
    Recording restored = made.get(made.size() - 1);
    assertThat(restored.counter).isZero();
    ((Resumable) resumed).readState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertThat(restored.counter).isEqualTo(1);
  }
}
