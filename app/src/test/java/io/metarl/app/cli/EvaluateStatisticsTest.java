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
import io.metarl.api.task.Task;
import io.metarl.api.task.TaskDistribution;
import io.metarl.app.Cli;
import io.metarl.core.config.InferenceSettings;
import io.metarl.core.train.EvaluationResult;
import io.metarl.core.train.Evaluator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * evaluate reports what SB3's evaluate_policy users expect (mean, std, stderr, min, max, episode
 * lengths) on the console and in --out, a success rate only where one is defined (the environment's
 * is_success flag, or --success-threshold), and takes a run directory for --checkpoint.
 */
class EvaluateStatisticsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void builtInPolicyReportsSpreadLengthsAndNoInventedSuccessRate() throws Exception {
    Path json = dir.resolve("random.json");
    Cli.Result r = Cli.run("evaluate", "--env", "cartpole", "--policy", "random", "--episodes", "40", "--out", json.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("return: mean ", ", std ", ", stderr ", ", min ", ", max ", "over 40 episodes")
        .contains("episode length: mean ").contains("success rate: not defined for this environment");
    JsonNode n = JSON.readTree(json.toFile());
    double[] returns = doubles(n.path("episode_returns"));
    assertThat(returns).hasSize(40);
    double mean = java.util.Arrays.stream(returns).average().orElseThrow();
    double var = java.util.Arrays.stream(returns).map(x -> (x - mean) * (x - mean)).sum() / returns.length;
    assertThat(n.path("mean_return").asDouble()).isCloseTo(mean, within(1e-9));
    assertThat(n.path("std").asDouble()).isCloseTo(Math.sqrt(var), within(1e-9)); // np.std, ddof = 0
    assertThat(n.path("min_return").asDouble()).isEqualTo(java.util.Arrays.stream(returns).min().orElseThrow());
    assertThat(n.path("max_return").asDouble()).isEqualTo(java.util.Arrays.stream(returns).max().orElseThrow());
    // CartPole pays 1 per step: every episode's length is its return.
    assertThat(doubles(n.path("episode_lengths"))).containsExactly(returns);
    assertThat(n.path("mean_length").asDouble()).isCloseTo(mean, within(1e-9));
    assertThat(n.has("success_rate")).isFalse();

    Path solved = dir.resolve("threshold.json");
    Cli.Result t = Cli.run("evaluate", "--env", "cartpole", "--policy", "random", "--episodes", "40",
        "--success-threshold", "30", "--out", solved.toString());
    assertThat(t.code()).as(t.err()).isZero();
    long reached = java.util.Arrays.stream(returns).filter(x -> x >= 30).count();
    assertThat(t.out()).contains(String.format(java.util.Locale.ROOT, "success rate: %.1f%% (return >= 30, --success-threshold)",
        100.0 * reached / 40));
    assertThat(JSON.readTree(solved.toFile()).path("success_rate").asDouble()).isEqualTo(reached / 40.0);
  }

  @Test
  void successFlagOfTheEnvironmentGivesTheRate() {
    // Lanes alternate arms; arm 1 ends its 3-step episodes with is_success = 1, arm 0 with 0.
    EvaluationResult r = Evaluator.evaluate(alternatingAgent(), FLAGGED, new InferenceSettings(10, 2, 0, 4, Mode.GREEDY), 1);
    assertThat(r.episodes()).isEqualTo(20);
    assertThat(r.meanLength()).isEqualTo(3.0);
    assertThat(r.successRate()).isEqualTo(0.5);
    assertThat(r.meanReturn()).isEqualTo(1.5);
    assertThat(r.minReturn()).isEqualTo(0.0);
    assertThat(r.maxReturn()).isEqualTo(3.0);
    assertThat(r.std()).isEqualTo(1.5);
    // Without a flag nothing is invented.
    EvaluationResult none = Evaluator.evaluate(alternatingAgent(), arms(false), new InferenceSettings(4, 1, 0, 4, Mode.GREEDY), 1);
    assertThat(none.successRate()).isNaN();
    assertThat(none.meanLength()).isEqualTo(3.0);
  }

  @Test
  void checkpointTakesARunDirectory() throws Exception {
    Path conf = dir.resolve("run.conf");
    Files.writeString(conf, """
        metarl {
          environment { plugin = bandit-dependent, difficulty = easy, horizon = 10 }
          agent { plugin = rl2, memory { units = 4 } }
          training { trials = 16, episodes-per-trial = 1, lanes = 4, rollout-length = 10, progress-interval = 0 }
          inference { trials = 8, episodes-per-trial = 1, lanes = 4 }
        }
        """);
    Path run = dir.resolve("run");
    assertThat(Cli.run("train", "--config", conf.toString(), "--out", run.toString()).code()).isZero();
    Path a = dir.resolve("a.json");
    Path b = dir.resolve("b.json");
    assertThat(Cli.run("evaluate", "--checkpoint", run.toString(), "--out", a.toString()).code()).isZero();
    assertThat(Cli.run("evaluate", "--checkpoint", run.resolve("checkpoint").toString(), "--out", b.toString()).code()).isZero();
    JsonNode x = JSON.readTree(a.toFile());
    JsonNode y = JSON.readTree(b.toFile());
    assertThat(x.path("mean_return")).isEqualTo(y.path("mean_return"));
    assertThat(x.path("episode_lengths")).isEqualTo(y.path("episode_lengths"));
    assertThat(x.path("max_length").asInt()).isEqualTo(10);

    Cli.Result render = Cli.run("render", "--checkpoint", run.toString(), "--out", dir.resolve("a.gif").toString());
    // A bandit cannot be drawn: the refusal is about rendering, not about the directory.
    assertThat(render.err()).doesNotContain("manifest.json").doesNotContain("neither a checkpoint");

    Cli.Result empty = Cli.run("evaluate", "--checkpoint", dir.toString());
    assertThat(empty.code()).isEqualTo(2);
    assertThat(empty.err()).contains("manifest.json");
    // A run that did not finish: its newest resumable checkpoint is named.
    Path killed = dir.resolve("killed");
    Files.createDirectories(killed.resolve("checkpoints/update-200"));
    Files.createDirectories(killed.resolve("checkpoints/update-400"));
    Files.writeString(killed.resolve("checkpoints/update-200/manifest.json"), "{}");
    Files.writeString(killed.resolve("checkpoints/update-400/manifest.json"), "{}");
    Cli.Result unfinished = Cli.run("evaluate", "--checkpoint", killed.toString());
    assertThat(unfinished.code()).isEqualTo(2);
    assertThat(unfinished.err()).contains("is a run directory without checkpoint/ (its training did not finish)")
        .contains("--checkpoint " + killed.resolve("checkpoints").resolve("update-400"))
        .contains("metarl train --resume " + killed);
  }

  private static double[] doubles(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).mapToDouble(JsonNode::asDouble).toArray();
  }

  /** Arm 1 wins: reward 1 per step, and its last step says is_success = 1; arm 0 says 0. */
  private static final TaskDistribution FLAGGED = arms(true);

  private static TaskDistribution arms(boolean flags) {
    return rng -> new Task() {
    @Override
    public Environment newEnvironment() {
      return new Environment() {
        private int t;

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
          return new float[] {1f};
        }

        @Override
        public Step step(int action) {
          t++;
          boolean end = t >= 3;
          return new Step(new float[] {1f}, action, false, end, end && flags ? Map.of("is_success", (double) action) : Map.of());
        }
      };
    }
    };
  }

  /** Lane l always plays arm l % 2. */
  private static Agent alternatingAgent() {
    EnvironmentSpec spec = FLAGGED.spec();
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
            for (int l = 0; l < lanes; l++) {
              output.actions.discrete[l] = l % 2;
            }
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
}
