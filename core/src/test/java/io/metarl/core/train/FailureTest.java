package io.metarl.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metarl.api.env.Box;
import io.metarl.api.env.Discrete;
import io.metarl.api.env.Environment;
import io.metarl.api.env.Space;
import io.metarl.api.env.Step;
import io.metarl.api.task.Task;
import io.metarl.api.task.TaskDistribution;
import io.metarl.api.train.EpisodeRecord;
import io.metarl.api.train.TrainingListener;
import io.metarl.core.config.OptimizerSettings;
import io.metarl.core.config.TrainingSettings;
import io.metarl.core.agent.TestAgent;
import io.metarl.core.agent.ActorCriticSettings;
import io.metarl.core.nn.Activation;
import io.metarl.core.returns.GaeEstimator;
import io.metarl.core.rollout.EnvironmentFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Guarded training: a misbehaving environment and a non-finite loss stop the run with a clear message. */
class FailureTest {

  /** Pays {@code reward} per step; on every {@code badEvery}-th episode returns NaN at step 3. */
  private record FaultyTask(double reward, int badEvery) implements Task {
    @Override
    public Environment newEnvironment() {
      return new Environment() {
        int t;
        int episode;

        @Override
        public String id() {
          return "Faulty-v0";
        }

        @Override
        public Space observationSpace() {
          return Box.of(0, 1, 1);
        }

        @Override
        public Space actionSpace() {
          return new Discrete(2);
        }

        @Override
        public float[] reset(long seed) {
          t = 0;
          episode++;
          return new float[] {1f};
        }

        @Override
        public Step step(int action) {
          t++;
          boolean bad = badEvery > 0 && episode % badEvery == 0 && t == 3;
          return new Step(new float[] {1f}, bad ? Double.NaN : reward, false, t >= 10);
        }
      };
    }

    @Override
    public Map<String, Object> parameters() {
      return Map.of("reward", reward);
    }
  }

  private static TestAgent agent() {
    var s = new ActorCriticSettings(List.of(8), Activation.TANH, false, 0, 0.5, 0.0, false, 0.0, 1);
    return new TestAgent("a2c", io.metarl.api.env.EnvironmentSpec.of(new FaultyTask(1, 0).newEnvironment()), s,
        new OptimizerSettings("adam", 1e-3, 0.99, 1e-8, 0.5), 1);
  }

  private static TrainingSettings settings(boolean skip) {
    return new TrainingSettings(1, 40, 0, 0, 2, 5, 0, 0, 0, 1, skip, 0);
  }

  @Test
  void aNonFiniteRewardStopsTheRunNamingEnvironmentTaskAndStep() {
    TaskDistribution tasks = TaskDistribution.fixed(new FaultyTask(1, 2));
    Trainer t = new Trainer(agent(), tasks, new GaeEstimator(0.9, 0.9), settings(false), List.of(), 1, new Budget(settings(false)));
    assertThatThrownBy(t::run).isInstanceOf(EnvironmentFailure.class)
        .hasMessageContaining("Faulty-v0").hasMessageContaining("reward=1.0").hasMessageContaining("step 2")
        .hasMessageContaining("non-finite reward");
  }

  @Test
  void skipPolicyDropsTheBadEpisodesAndGoesOn() {
    TaskDistribution tasks = TaskDistribution.fixed(new FaultyTask(1, 2));
    List<Double> returns = new ArrayList<>();
    TrainingListener l = new TrainingListener() {
      @Override
      public void onEpisode(EpisodeRecord e) {
        returns.add(e.totalReturn());
      }
    };
    Trainer t = new Trainer(agent(), tasks, new GaeEstimator(0.9, 0.9), settings(true), List.of(l), 1, new Budget(settings(true)));
    t.run();
    assertThat(returns).isNotEmpty().allMatch(r -> r == 10.0);
  }

  @Test
  void aNonFiniteLossStopsTheRunNamingTheUpdateAndTheTerm() {
    TaskDistribution tasks = TaskDistribution.fixed(new FaultyTask(1e300, 0));
    Trainer t = new Trainer(agent(), tasks, new GaeEstimator(0.9, 0.9), settings(false), List.of(), 1, new Budget(settings(false)));
    assertThatThrownBy(t::run).isInstanceOf(TrainingFailure.class)
        .hasMessageContaining("update 1").hasMessageContaining("non-finite loss").hasMessageContaining("value term");
  }
}
