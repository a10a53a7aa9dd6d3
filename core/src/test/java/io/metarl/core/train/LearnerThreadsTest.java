package io.metarl.core.train;

import io.metarl.testkit.TwoArms;
import static org.assertj.core.api.Assertions.assertThat;

import io.metarl.api.task.TaskDistribution;
import io.metarl.api.train.EpisodeRecord;
import io.metarl.api.train.TrainingListener;
import io.metarl.core.config.OptimizerSettings;
import io.metarl.core.config.TrainingSettings;
import io.metarl.core.agent.TestAgent;
import io.metarl.core.agent.ActorCriticSettings;
import io.metarl.core.nn.Activation;
import io.metarl.core.returns.GaeEstimator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code learner-threads}: an update split over several threads by lanes computes the same update as
 * one thread (up to the order in which the shards' gradients are added), and a given number of threads
 * reproduces bit for bit.
 */
class LearnerThreadsTest {
  private static final OptimizerSettings ADAM = new OptimizerSettings("adam", 0.01, 0.99, 1e-8, 0.5);

  private record Outcome(List<Double> returns, double[] parameters) {}

  private static Outcome train(int memory, int threads) {
    var s = new ActorCriticSettings(List.of(16), Activation.TANH, memory > 0, memory, 0.5, 0.01, false, 0.0, 1, threads);
    TaskDistribution tasks = memory > 0 ? TwoArms.random(10) : TwoArms.fixed(1, 10);
    try (TestAgent agent = new TestAgent("test", tasks.spec(), s, ADAM, 5)) {
      List<Double> returns = new ArrayList<>();
      TrainingListener recorder = new TrainingListener() {
        @Override
        public void onEpisode(EpisodeRecord e) {
          returns.add(e.totalReturn());
        }
      };
      TrainingSettings ts = new TrainingSettings(300, 2, 0, 0, 8, 10, 0);
      new Trainer(agent, tasks, new GaeEstimator(0.9, 0.95), ts, List.of(recorder), 5, new Budget(ts)).run();
      return new Outcome(returns, agent.parameters());
    }
  }

  @ParameterizedTest(name = "memory units {0}")
  @ValueSource(ints = {0, 8})
  void splitUpdatesMatchOneThreadAndReproduce(int memory) {
    Outcome one = train(memory, 1);
    Outcome three = train(memory, 3); // 8 lanes over 3 threads: shards of 2, 3 and 3 lanes
    Outcome again = train(memory, 3);
    assertThat(again.parameters()).isEqualTo(three.parameters());
    assertThat(again.returns()).isEqualTo(three.returns());
    // The same episodes (sampling saw the same probabilities) and parameters equal to rounding.
    assertThat(three.returns()).isEqualTo(one.returns());
    double maxDiff = 0;
    for (int i = 0; i < one.parameters().length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(one.parameters()[i] - three.parameters()[i]));
    }
    assertThat(maxDiff).isLessThan(1e-9);
    assertThat(one.returns()).hasSizeGreaterThanOrEqualTo(600);
  }
}
