package io.metarl.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metarl.api.agent.Agent;
import io.metarl.api.agent.Learner;
import io.metarl.api.agent.Mode;
import io.metarl.api.agent.Policy;
import io.metarl.api.agent.PolicyInput;
import io.metarl.api.agent.PolicyOutput;
import io.metarl.api.env.Box;
import io.metarl.api.env.Discrete;
import io.metarl.api.env.Environment;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.api.env.Space;
import io.metarl.api.env.Step;
import io.metarl.api.task.TaskDistribution;
import io.metarl.app.Cli;
import io.metarl.core.config.InferenceSettings;
import io.metarl.core.train.EvaluationResult;
import io.metarl.core.train.Evaluator;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-episode info ({@code episode.*} keys of the step info): evaluation keeps each episode's value at
 * its last step, whoever ended it, and evaluate prints mean and median (shares for {@code episode.end.*});
 * environments without such info print and write exactly what they did before.
 */
class EvaluateEpisodeInfoTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void evaluatorKeepsTheLastStepsEpisodeInfo() {
    // 4-step episodes cut at 3 steps by inference.max-steps: the values of step 3 are the episodes'.
    InferenceSettings s = new InferenceSettings(6, 2, 3, 4, Mode.GREEDY);
    EvaluationResult r = Evaluator.evaluate(zeroAgent(), COUNTING, s, 1);
    assertThat(r.episodeInfo()).containsOnlyKeys("steps", "end.timeout", "end.crash");
    assertThat(r.episodeInfo("steps")).hasSize(12).containsOnly(3.0);
    assertThat(r.episodeInfo("end.timeout")).containsOnly(0.0);
    assertThat(r.episodeInfo("end.crash")).containsOnly(1.0);
    EvaluationResult none = Evaluator.evaluate(zeroAgent(), plain(), s, 1);
    assertThat(none.episodeInfo()).isEmpty();
  }

  @Test
  void evaluatePrintsTheQuadrupedsWalkAndItIsTheSameInTheResidualModeWithZeroOffsets() throws Exception {
    Path direct = dir.resolve("direct.json");
    Cli.Result d = Cli.run("evaluate", "--env", "quadruped", "--policy", "gait", "--episodes", "2",
        "--set", "max-steps=385", "--out", direct.toString());
    assertThat(d.code()).as(d.err()).isZero();
    assertThat(d.out()).contains("per episode (the environment's episode info at each episode's last step):",
        "    forward_distance: mean ", "    lateral_drift: mean ", "    time_survived: mean 10.010, median 10.010",
        "    ended: survived 100.0%, flipped 0.0%, feet_lifted 0.0%, standing_still 0.0%, yaw_limit 0.0%, non_finite 0.0% of 2 episodes");
    JsonNode info = JSON.readTree(direct.toFile()).path("episode_info");
    assertThat(info.path("forward_distance").path("mean").asDouble()).isCloseTo(6.27, within(0.3));
    assertThat(info.path("forward_distance").path("values")).hasSize(2);
    assertThat(info.path("end.survived").path("share").asDouble()).isEqualTo(1.0);

    Path residual = dir.resolve("residual.json");
    Cli.Result z = Cli.run("evaluate", "--env", "quadruped", "--policy", "zero", "--episodes", "2",
        "--set", "max-steps=385", "--set", "action-mode=residual", "--out", residual.toString());
    assertThat(z.code()).as(z.err()).isZero();
    assertThat(JSON.readTree(residual.toFile()).path("episode_info")).isEqualTo(info);
  }

  @Test
  void environmentsWithoutEpisodeInfoReportAsBefore() throws Exception {
    Path json = dir.resolve("cartpole.json");
    Cli.Result r = Cli.run("evaluate", "--env", "cartpole", "--episodes", "5", "--out", json.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).doesNotContain("per episode");
    assertThat(JSON.readTree(json.toFile()).has("episode_info")).isFalse();
  }

  /** A 4-step episode whose info counts its steps; its end flags say crash from step 3 on. */
  private static final TaskDistribution COUNTING = rng -> () -> new Counter(true);

  private static TaskDistribution plain() {
    return rng -> () -> new Counter(false);
  }

  /** Always action 0. */
  private static Agent zeroAgent() {
    EnvironmentSpec spec = COUNTING.spec();
    return new Agent() {
      @Override
      public EnvironmentSpec spec() {
        return spec;
      }

      @Override
      public Learner learner(int worker, int lanes, long seed) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Policy policy(int lanes, long seed) {
        return new Policy() {
          @Override
          public int lanes() {
            return lanes;
          }

          @Override
          public void act(PolicyInput input, Mode mode, PolicyOutput output) {
            java.util.Arrays.fill(output.actions.discrete, 0);
          }

          @Override
          public void values(PolicyInput input, float[] out) {}
        };
      }

      @Override
      public long parameterCount() {
        return 0;
      }

      @Override
      public void save(Path dir) {}

      @Override
      public void load(Path dir) {}
    };
  }

  private static final class Counter implements Environment {
    private final boolean info;
    private int t;

    Counter(boolean info) {
      this.info = info;
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
      return new float[] {0f};
    }

    @Override
    public Step step(int action) {
      t++;
      Map<String, Double> i = info
          ? Map.of("episode.steps", (double) t, "episode.end.timeout", t < 3 ? 1.0 : 0.0, "episode.end.crash", t < 3 ? 0.0 : 1.0)
          : Map.of("other", 1.0);
      return new Step(new float[] {0f}, 1.0, false, t >= 4, i);
    }
  }
}
