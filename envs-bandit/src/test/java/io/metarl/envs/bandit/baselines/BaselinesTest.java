package io.metarl.envs.bandit.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.metarl.api.agent.Mode;
import io.metarl.api.agent.PolicyInput;
import io.metarl.api.agent.PolicyOutput;
import io.metarl.api.env.Box;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.api.plugin.InvalidSettingException;
import io.metarl.envs.bandit.BanditDistribution;
import io.metarl.envs.bandit.BanditTask;
import io.metarl.envs.bandit.DependentBandits;
import io.metarl.envs.bandit.IndependentBandits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselinesTest {
  private static final BanditDistribution SEPARABLE =
      BanditDistribution.fixed(new BanditTask(new double[] {0.05, 0.95, 0.10, 0.20}, 300));

  /** Fraction of the last 100 pulls that went to the best arm, averaged over lanes. */
  private static double lateBestFraction(String name, Map<String, ?> settings) {
    BaselineAgent agent = Baselines.create(name, settings, SEPARABLE.spec());
    int lanes = 8;
    BaselinePolicy policy = agent.baselinePolicy(lanes, 11);
    PolicyInput in = new PolicyInput(SEPARABLE.spec().observationSpace(), SEPARABLE.spec().actionSpace(), lanes);
    PolicyOutput out = new PolicyOutput(SEPARABLE.spec().actionSpace(), lanes);
    var envs = new io.metarl.envs.bandit.BernoulliBandit[lanes];
    for (int l = 0; l < lanes; l++) {
      envs[l] = SEPARABLE.sample(null).newEnvironment();
      envs[l].reset(l);
    }
    int best = 0;
    for (int t = 0; t < 300; t++) {
      for (int l = 0; l < lanes; l++) {
        in.trialStart[l] = t == 0;
      }
      policy.act(in, Mode.EXPLORE, out);
      for (int l = 0; l < lanes; l++) {
        int a = out.actions.discrete[l];
        in.previousActions.discrete[l] = a;
        in.previousRewards[l] = (float) envs[l].step(a).reward();
        if (t >= 200 && a == 1) {
          best++;
        }
      }
    }
    return best / (100.0 * lanes);
  }

  @Test
  void informedBaselinesFindTheBestArmOfASeparableBandit() {
    assertThat(lateBestFraction("ucb1", Map.of())).isGreaterThan(0.9);
    assertThat(lateBestFraction("thompson", Map.of())).isGreaterThan(0.95);
    assertThat(lateBestFraction("optimistic-thompson", Map.of())).isGreaterThan(0.95);
    assertThat(lateBestFraction("gittins", Map.of("horizon", 300))).isGreaterThan(0.95);
    assertThat(lateBestFraction("greedy", Map.of())).isGreaterThan(0.9);
    assertThat(lateBestFraction("epsilon-greedy", Map.of("epsilon", 0.1))).isBetween(0.85, 0.96);
    assertThat(lateBestFraction("random", Map.of())).isCloseTo(0.25, within(0.06));
  }

  @Test
  void trialStartResetsALanesStatistics() {
    EnvironmentSpec spec = new IndependentBandits(3, 10).spec();
    BaselinePolicy p = Baselines.create("greedy", Map.of(), spec).baselinePolicy(2, 1);
    PolicyInput in = new PolicyInput(spec.observationSpace(), spec.actionSpace(), 2);
    PolicyOutput out = new PolicyOutput(spec.actionSpace(), 2);
    in.trialStart[0] = true;
    in.trialStart[1] = true;
    p.act(in, Mode.GREEDY, out);
    in.trialStart[0] = false;
    in.trialStart[1] = false;
    in.previousActions.discrete[0] = 2;
    in.previousRewards[0] = 1f;
    in.previousActions.discrete[1] = 1;
    in.previousRewards[1] = 0f;
    p.act(in, Mode.GREEDY, out);
    assertThat(p.pulls(0, 2)).isEqualTo(1);
    assertThat(p.rewardSum(0, 2)).isEqualTo(1.0);
    assertThat(p.pulls(1, 1)).isEqualTo(1);
    assertThat(p.trialPulls(0)).isEqualTo(1);
    assertThat(out.actions.discrete[0]).isEqualTo(2); // greedy keeps the arm that paid
    in.trialStart[0] = true;
    in.previousDone[1] = true; // an episode end inside a trial keeps the knowledge
    p.act(in, Mode.GREEDY, out);
    assertThat(p.trialPulls(0)).isZero();
    assertThat(p.pulls(0, 2)).isZero();
    assertThat(p.trialPulls(1)).isEqualTo(2);
    float[] values = {7f, 7f};
    p.values(in, values);
    assertThat(values).containsExactly(0f, 0f);
    assertThat(p.learn(null).metrics()).isEmpty();
  }

  @Test
  void runnerIsReproducibleAndPlaysTheSameTasksForEveryPolicy() {
    IndependentBandits dist = new IndependentBandits(5, 50);
    List<BaselineRunner.Result> a = BaselineRunner.run(dist, BaselineRunner.standard(dist.spec(), 50, Map.of()), 64, 9, 16, true);
    List<BaselineRunner.Result> b = BaselineRunner.run(dist, BaselineRunner.standard(dist.spec(), 50, Map.of()), 64, 9, 16, true);
    assertThat(a).hasSize(8);
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.get(i).meanTotalReward()).isEqualTo(b.get(i).meanTotalReward());
      assertThat(a.get(i).meanRegret()).isEqualTo(b.get(i).meanRegret());
    }
    List<BaselineRunner.Result> c = BaselineRunner.run(dist, BaselineRunner.standard(dist.spec(), 50, Map.of()), 64, 10, 16, true);
    assertThat(c.get(0).meanTotalReward()).isNotEqualTo(a.get(0).meanTotalReward());
    assertThat(BaselineRunner.tasks(dist, 5, 9)).isEqualTo(BaselineRunner.tasks(dist, 5, 9));
    // regret of the random policy is the mean gap to the best arm times the horizon
    double expected = 0;
    for (BanditTask t : BaselineRunner.tasks(dist, 64, 9)) {
      double mean = 0;
      for (double p : t.probabilities()) {
        mean += p / 5;
      }
      expected += 50 * (t.bestMean() - mean) / 64;
    }
    assertThat(a.get(0).policy()).isEqualTo("random");
    assertThat(a.get(0).meanRegret()).isCloseTo(expected, within(1.0));
    assertThat(a.get(a.size() - 1).policy()).isEqualTo("oracle");
    assertThat(a.get(a.size() - 1).meanRegret()).isZero();
    String table = BaselineRunner.table(a);
    assertThat(table).contains("gittins").contains("mean regret");
  }

  @Test
  void dependentBanditsBeatRandomAndRegretsAreBounded() {
    DependentBandits easy = new DependentBandits(DependentBandits.Difficulty.EASY, 100);
    List<BaselineRunner.Result> r = BaselineRunner.run(easy, BaselineRunner.standard(easy.spec(), 100, Map.of()), 300, 1, 32, true);
    // random: half the pulls on the 0.1 arm, 0.8 lost each: regret 40
    assertThat(r.get(0).meanRegret()).isCloseTo(40.0, within(2.0));
    for (BaselineRunner.Result x : r.subList(1, r.size() - 1)) {
      assertThat(x.meanRegret()).as(x.policy()).isLessThan(15.0);
    }
  }

  @Test
  void settingsAreValidatedAndAgentsAreParameterFree(@TempDir Path dir) throws IOException {
    EnvironmentSpec spec = new IndependentBandits(3, 10).spec();
    assertThatThrownBy(() -> Baselines.create("epsilon-greedy", Map.of("epsilon", 1.5), spec))
        .isInstanceOf(InvalidSettingException.class).hasMessageContaining("epsilon");
    assertThatThrownBy(() -> Baselines.create("ucb1", Map.of("c", -1), spec))
        .isInstanceOf(InvalidSettingException.class);
    assertThatThrownBy(() -> Baselines.create("gittins", Map.of("discount", 0.0), spec))
        .isInstanceOf(InvalidSettingException.class).hasMessageContaining("(0, 1]");
    assertThatThrownBy(() -> Baselines.create("greedy", Map.of("variant", "lazy"), spec))
        .isInstanceOf(InvalidSettingException.class);
    assertThatThrownBy(() -> Baselines.create("thompson", Map.of("prior-alpha", 0), spec))
        .isInstanceOf(InvalidSettingException.class);
    assertThatThrownBy(() -> Baselines.create("ucb1", Map.of("epsilon", 0.1), spec))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no setting 'epsilon'");
    assertThatThrownBy(() -> Baselines.create("nope", Map.of(), spec))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gittins");
    assertThatThrownBy(() -> Baselines.create("ucb1", Map.of(),
        new EnvironmentSpec("cont", Box.of(0f, 1f, 1), Box.of(-1f, 1f, 2))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Discrete");
    BaselineAgent agent = Baselines.create("thompson", Map.of(), spec);
    assertThat(agent.parameterCount()).isZero();
    agent.save(dir);
    assertThat(Files.readString(dir.resolve(io.metarl.api.agent.ParameterFreeAgent.FILE))).isEqualTo("baseline thompson\n");
    agent.load(dir);
    assertThatThrownBy(() -> Baselines.create("ucb1", Map.of(), spec).load(dir))
        .isInstanceOf(IOException.class).hasMessageContaining("baseline ucb1");
  }

  @Test
  void betaSamplerHasTheRightMoments() {
    SplittableRandom rng = new SplittableRandom(3);
    double[][] params = {{1, 1}, {2, 5}, {0.5, 0.5}, {30, 10}};
    for (double[] ab : params) {
      double a = ab[0];
      double b = ab[1];
      int n = 100_000;
      double sum = 0;
      double sq = 0;
      for (int i = 0; i < n; i++) {
        double x = BetaSampler.beta(a, b, rng);
        assertThat(x).isBetween(0.0, 1.0);
        sum += x;
        sq += x * x;
      }
      double mean = sum / n;
      double var = sq / n - mean * mean;
      assertThat(mean).isCloseTo(a / (a + b), within(0.005));
      assertThat(var).isCloseTo(a * b / ((a + b) * (a + b) * (a + b + 1)), within(0.003));
    }
  }
}
