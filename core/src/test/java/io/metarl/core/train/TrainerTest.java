package io.metarl.core.train;

import io.metarl.testkit.TwoArms;
import static org.assertj.core.api.Assertions.assertThat;

import io.metarl.api.agent.Mode;
import io.metarl.api.task.TaskDistribution;
import io.metarl.api.train.EpisodeRecord;
import io.metarl.api.train.TrainingListener;
import io.metarl.core.config.InferenceSettings;
import io.metarl.core.config.OptimizerSettings;
import io.metarl.core.config.TrainingSettings;
import io.metarl.core.agent.TestAgent;
import io.metarl.core.agent.ActorCriticSettings;
import io.metarl.core.nn.Activation;
import io.metarl.core.returns.GaeEstimator;
import io.metarl.core.returns.MonteCarloEstimator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainerTest {
  private static final OptimizerSettings ADAM = new OptimizerSettings("adam", 0.01, 0.99, 1e-8, 0.5);

  private static TestAgent agent(int memory, long seed) {
    var s = new ActorCriticSettings(List.of(16), Activation.TANH, memory > 0, memory, 0.5, 0.01, false, 0.0, 1);
    return new TestAgent("test", TwoArms.fixed(1, 10).spec(), s, ADAM, seed);
  }

  private static List<Double> train(TestAgent agent, TaskDistribution tasks, int episodesPerTrial, long seed) {
    List<Double> returns = new ArrayList<>();
    TrainingListener recorder = new TrainingListener() {
      @Override
      public void onEpisode(EpisodeRecord e) {
        returns.add(e.totalReturn());
      }
    };
    TrainingSettings ts = new TrainingSettings(600 / episodesPerTrial, episodesPerTrial, 0, 0, 8, 10, 0);
    new Trainer(agent, tasks, new GaeEstimator(0.9, 0.95), ts, List.of(recorder), seed, new Budget(ts)).run();
    return returns;
  }

  @Test
  void a2cLearnsAFixedArm() {
    TestAgent agent = agent(0, 3);
    TaskDistribution tasks = TwoArms.fixed(1, 10);
    EvaluationResult before = Evaluator.evaluate(agent, tasks, new InferenceSettings(20, 1, 0, 8, Mode.EXPLORE), 5);
    List<Double> returns = train(agent, tasks, 1, 3);
    EvaluationResult after = Evaluator.evaluate(agent, tasks, new InferenceSettings(20, 1, 0, 8, Mode.GREEDY), 5);
    assertThat(returns).hasSizeGreaterThanOrEqualTo(600);
    assertThat(before.meanReturn()).isBetween(3.0, 7.0);
    assertThat(after.meanReturn()).isEqualTo(10.0);
  }

  @Test
  void sameSeedGivesBitIdenticalEpisodeReturns() {
    List<Double> a = train(agent(0, 11), TwoArms.fixed(0, 10), 1, 11);
    List<Double> b = train(agent(0, 11), TwoArms.fixed(0, 10), 1, 11);
    assertThat(a).isEqualTo(b);
    List<Double> meta1 = train(agent(8, 11), TwoArms.random(10), 2, 11);
    List<Double> meta2 = train(agent(8, 11), TwoArms.random(10), 2, 11);
    assertThat(meta1).isEqualTo(meta2);
  }

  @Test
  void evaluationWorksBeforeTrainingAndChangesNoWeight() {
    TestAgent agent = agent(8, 1);
    double[] before = agent.parameters();
    EvaluationResult r = Evaluator.evaluate(agent, TwoArms.random(10), new InferenceSettings(10, 3, 0, 4, Mode.EXPLORE), 2);
    assertThat(r.episodes()).isEqualTo(30);
    assertThat(r.meanByEpisodeIndex()).hasSize(3);
    assertThat(agent.parameters()).isEqualTo(before);
  }

  @Test
  void monteCarloReturnsTrainToo() {
    TestAgent agent = agent(0, 4);
    TaskDistribution tasks = TwoArms.fixed(0, 10);
    TrainingSettings ts = new TrainingSettings(600, 1, 0, 0, 8, 10, 0);
    new Trainer(agent, tasks, new MonteCarloEstimator(0.9), ts, List.of(), 4, new Budget(ts)).run();
    assertThat(Evaluator.evaluate(agent, tasks, new InferenceSettings(10, 1, 0, 8, Mode.GREEDY), 1).meanReturn()).isEqualTo(10.0);
  }

  @Test
  void aLinearScheduleLowersTheLearningRateOverTheBudget() {
    var linear = new OptimizerSettings("adam", 0.01, 0.99, 1e-8, 0.5, "linear", 0.1);
    assertThat(linear.learningRateAt(0)).isEqualTo(0.01);
    assertThat(linear.learningRateAt(0.5)).isCloseTo(0.0055, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(linear.learningRateAt(1)).isCloseTo(0.001, org.assertj.core.api.Assertions.within(1e-12));
    var s = new ActorCriticSettings(List.of(16), Activation.TANH, false, 0, 0.5, 0.01, false, 0.0, 1);
    TestAgent agent = new TestAgent("a2c", TwoArms.fixed(1, 10).spec(), s, linear, 3);
    List<Double> rates = new ArrayList<>();
    TrainingListener recorder = new TrainingListener() {
      @Override
      public void onUpdate(io.metarl.api.train.UpdateRecord u) {
        rates.add(u.metrics().get("learning_rate"));
      }
    };
    TrainingSettings ts = new TrainingSettings(400, 1, 0, 0, 8, 10, 0);
    new Trainer(agent, TwoArms.fixed(1, 10), new GaeEstimator(0.9, 0.95), ts, List.of(recorder), 3, new Budget(ts)).run();
    assertThat(rates.get(0)).isLessThanOrEqualTo(0.01).isGreaterThan(0.0095); // after the first rollout: 2 % of the budget
    assertThat(rates.get(rates.size() - 1)).isLessThan(0.0015).isGreaterThan(0.001 - 1e-12);
    for (int i = 1; i < rates.size(); i++) {
      assertThat(rates.get(i)).isLessThanOrEqualTo(rates.get(i - 1));
    }
  }
}
