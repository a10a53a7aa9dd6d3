package io.metarl.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.typesafe.config.ConfigFactory;
import io.metarl.api.agent.Mode;
import io.metarl.api.agent.PolicyOutput;
import io.metarl.api.agent.RolloutBatch;
import io.metarl.api.env.Box;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.api.plugin.InvalidSettingException;
import io.metarl.core.config.OptimizerSettings;
import io.metarl.core.nn.Activation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Observation normalisation and reward scaling: the running moments are those of all data seen
 * (SB3's RunningMeanStd), saved and restored bit for bit, frozen in an inference policy; rewards are
 * divided by the running deviation of the discounted return, which restarts at a boundary.
 */
class NormalizationTest {
  private static final EnvironmentSpec ENV = new EnvironmentSpec("cont", Box.of(-50f, 50f, 2), Box.of(-1f, 1f, 1));
  private static final OptimizerSettings SGD = new OptimizerSettings("sgd", 0.05, 0.99, 1e-5, 0);

  private static RolloutBatch batch(long seed, int steps, int lanes) {
    SplittableRandom rng = new SplittableRandom(seed);
    RolloutBatch b = new RolloutBatch(ENV.observationSpace(), ENV.actionSpace(), steps, lanes);
    for (int t = 0; t < steps; t++) {
      for (int l = 0; l < lanes; l++) {
        b.inputs[t].observations[2 * l] = (float) rng.nextDouble(5, 15); // mean 10
        b.inputs[t].observations[2 * l + 1] = (float) rng.nextDouble(-40, 0); // mean -20
      }
    }
    for (int i = 0; i < steps * lanes; i++) {
      b.rewards[i] = (float) rng.nextDouble(-3, 1);
    }
    return b;
  }

  @Test
  void observationMomentsAreThoseOfEverythingSeen() {
    ObservationStatistics s = new ObservationStatistics(2, 10, 1e-8);
    RolloutBatch a = batch(1, 7, 3);
    RolloutBatch b = batch(2, 5, 4);
    s.update(a);
    s.update(b);
    double[] sum = new double[2];
    double[] sq = new double[2];
    int n = 0;
    for (RolloutBatch r : List.of(a, b)) {
      for (int t = 0; t < r.steps; t++) {
        for (int i = 0; i < r.lanes * 2; i++) {
          sum[i % 2] += r.inputs[t].observations[i];
        }
      }
      n += r.steps * r.lanes;
    }
    for (RolloutBatch r : List.of(a, b)) {
      for (int t = 0; t < r.steps; t++) {
        for (int i = 0; i < r.lanes * 2; i++) {
          double d = r.inputs[t].observations[i] - sum[i % 2] / n;
          sq[i % 2] += d * d;
        }
      }
    }
    var snap = s.snapshot();
    for (int i = 0; i < 2; i++) {
      // the initial pseudo-count 1e-4 (mean 0, variance 1) shifts the moments by about 1e-4 / n
      assertThat(snap.mean()[i]).isCloseTo(sum[i] / n, within(1e-3));
      assertThat(1 / (snap.scale()[i] * snap.scale()[i])).isCloseTo(sq[i] / n, within(1e-2));
    }
    assertThat(s.count()).isCloseTo(n + 1e-4, within(1e-9));
  }

  @Test
  void statisticsSurviveSaveAndLoadBitForBit(@TempDir Path dir) throws Exception {
    ObservationStatistics s = new ObservationStatistics(2, 10, 1e-8);
    s.update(batch(3, 9, 2));
    s.save(dir);
    ObservationStatistics t = new ObservationStatistics(2, 10, 1e-8);
    t.load(dir);
    assertThat(t.snapshot().mean()).containsExactly(s.snapshot().mean());
    assertThat(t.snapshot().scale()).containsExactly(s.snapshot().scale());
    assertThat(t.count()).isEqualTo(s.count());
    Files.createDirectory(dir.resolve("again"));
    t.save(dir.resolve("again"));
    assertThat(Files.readAllBytes(dir.resolve("again").resolve(ObservationStatistics.FILE)))
        .isEqualTo(Files.readAllBytes(dir.resolve(ObservationStatistics.FILE)));
    assertThatThrownBy(() -> new ObservationStatistics(3, 10, 1e-8).load(dir))
        .hasMessageContaining("2 inputs").hasMessageContaining("reads 3");
    assertThatThrownBy(() -> new ObservationStatistics(2, 10, 1e-8).load(dir.resolve("again").resolve("none")))
        .hasMessageContaining("is missing").hasMessageContaining("normalize.observations");
  }

  @Test
  void aModelSavesItsStatisticsAndAFrozenPolicyKeepsItsSnapshot(@TempDir Path dir) throws Exception {
    var settings = new ActorCriticSettings(List.of(4), Activation.TANH, false, 0, 0.5, 0.0, false, 0.0, 1, 1)
        .with(io.metarl.core.nn.Initialization.DEFAULT, new Normalization(true, true, 0.99, 10, 1e-8));
    try (ActorCriticModel model = new ActorCriticModel("t", ENV, settings, SGD, 3);
        ActorCriticModel other = new ActorCriticModel("t", ENV, settings, SGD, 4)) {
      var learner = model.learner(ParameterAccess.direct(model.store()), 3, 7);
      RolloutBatch b = batch(5, 4, 3);
      PolicyOutput out = new PolicyOutput(ENV.actionSpace(), 3);
      var frozen = model.frozenPolicy(model.store().values().clone(), 3, 1);
      frozen.act(b.inputs[0], Mode.GREEDY, out);
      float before = out.actions.continuous[0];
      for (int t = 0; t < 4; t++) {
        learner.act(b.inputs[t], Mode.EXPLORE, out);
      }
      learner.beforeReturns(b);
      learner.learn(b);
      assertThat(model.observationStatistics().count()).isGreaterThan(12);
      frozen.act(b.inputs[0], Mode.GREEDY, out); // its own parameters and snapshot: unchanged
      assertThat(out.actions.continuous[0]).isEqualTo(before);
      model.save(dir);
      assertThat(dir.resolve(ObservationStatistics.FILE)).exists();
      other.load(dir);
      assertThat(other.observationStatistics().snapshot().mean()).containsExactly(model.observationStatistics().snapshot().mean());
      assertThat(other.describe()).contains("observation-normalization=true");
    }
  }

  @Test
  void rewardsAreDividedByTheRunningDeviationOfTheDiscountedReturn() throws Exception {
    Normalization n = new Normalization(false, true, 0.9, 10, 1e-8);
    RewardScaler scaler = new RewardScaler(2, n);
    RolloutBatch b = batch(6, 3, 2);
    b.terminated[b.index(1, 0)] = true;
    float[] raw = b.rewards.clone();
    scaler.scale(b);
    // reference: SB3's VecNormalize arithmetic, step by step
    double[] g = new double[2];
    double mean = 0;
    double var = 1;
    double count = 1e-4;
    for (int t = 0; t < 3; t++) {
      for (int l = 0; l < 2; l++) {
        g[l] = g[l] * 0.9 + raw[b.index(t, l)];
      }
      double bm = (g[0] + g[1]) / 2;
      double bv = ((g[0] - bm) * (g[0] - bm) + (g[1] - bm) * (g[1] - bm)) / 2;
      double tot = count + 2;
      double delta = bm - mean;
      double m2 = var * count + bv * 2 + delta * delta * count * 2 / tot;
      mean += delta * 2 / tot;
      var = m2 / tot;
      count = tot;
      for (int l = 0; l < 2; l++) {
        assertThat(b.rewards[b.index(t, l)]).isEqualTo((float) (raw[b.index(t, l)] / Math.sqrt(var + 1e-8)));
        if (b.terminated[b.index(t, l)]) {
          g[l] = 0;
        }
      }
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    scaler.write(new DataOutputStream(bytes));
    RewardScaler restored = new RewardScaler(2, n);
    restored.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    RolloutBatch next1 = batch(7, 3, 2);
    RolloutBatch next2 = batch(7, 3, 2);
    scaler.scale(next1);
    restored.scale(next2);
    assertThat(next2.rewards).containsExactly(next1.rewards);
  }

  @Test
  void badBlocksAreRefusedNamingTheKey() {
    var c = ConfigFactory.parseString("normalize { observations = true, rewards = false, gamma = 1.5, clip = 10, epsilon = 1e-8 }");
    assertThatThrownBy(() -> Normalization.from(c)).isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("normalize.gamma");
    var i = ConfigFactory.parseString("init { scheme = xavier, hidden-gain = 1, policy-gain = 0.01, value-gain = 1 }");
    assertThatThrownBy(() -> ActorCriticSettings.initialization(i)).isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("init.scheme");
  }
}
