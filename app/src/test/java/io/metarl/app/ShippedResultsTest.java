package io.metarl.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's headline learning results, re-trained from the shipped example files exactly as the
 * README runs them (seed 1, no overrides), so that a change that breaks learning turns CI red. Real
 * training runs of 0.3M-1M env-steps (about 1.5 minutes in all on 2 cores), hence in the slow suite
 * ({@code ./mvnw -Pslow verify}, which {@code .ci/run} runs). The bars are the claims, with margin for
 * the last-bit differences another CPU's {@code Math.exp}/{@code Math.log} may introduce; the figures
 * measured here are in the README and {@code reports/}.
 */
@Tag("slow")
class ShippedResultsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private JsonNode train(String example) throws Exception {
    Path out = dir.resolve(example);
    Cli.Result r = Cli.run("train", "--config", "../examples/" + example + ".conf", "--out", out.toString(),
        "--set", "metarl.training.progress-interval=0", "--set", "metarl.training.checkpoint-every=0",
        "--set", "metarl.training.checkpoint-minutes=0");
    assertThat(r.code()).as(r.err()).isZero();
    return JSON.readTree(out.resolve("summary.json").toFile());
  }

  /** README quick start: 72.59 against Gittins 73.93 and UCB1 68.26 on the same 1000 held-out tasks. */
  @Test
  void quickStartRl2BeatsUcb1AndComesWithinFivePercentOfGittins() throws Exception {
    JsonNode s = train("rl2-quickstart");
    double agent = s.path("inference").path("mean_total_reward").asDouble();
    double gittins = s.path("baselines").path("gittins").path("mean_total_reward").asDouble();
    double ucb1 = s.path("baselines").path("ucb1").path("mean_total_reward").asDouble();
    double random = s.path("baselines").path("random").path("mean_total_reward").asDouble();
    assertThat(s.path("env_steps").asLong()).isEqualTo(1_000_000L);
    assertThat(random).isBetween(45.0, 55.0);
    assertThat(agent).isGreaterThan(ucb1).isGreaterThan(0.95 * gittins);
  }

  /** README: A2C on CartPole-v0 solved (greedy 200.0 over 100 episodes) in 300k env-steps. */
  @Test
  void a2cSolvesCartPole() throws Exception {
    JsonNode s = train("a2c-cartpole");
    assertThat(s.path("inference").path("mean_return").asDouble()).isGreaterThanOrEqualTo(195.0);
  }

  /** README: RL² on CartPole-v0 pole lengths in [0.25, 1.0], greedy 200.00 on 100 held-out trials at 1M. */
  @Test
  void rl2SolvesTheCartPoleLengthDistribution() throws Exception {
    JsonNode s = train("rl2-cartpole-distribution");
    assertThat(s.path("inference").path("mean_return").asDouble()).isGreaterThanOrEqualTo(195.0);
    assertThat(s.path("inference").path("mean_by_episode_index")).hasSize(2);
  }

  /** README: PPO solves CartPole-v1 (greedy 500 over 100 episodes on every seed of reports/ppo-continuous) in 100k env-steps. */
  @Test
  void ppoSolvesCartPoleV1() throws Exception {
    JsonNode s = train("ppo-cartpole");
    assertThat(s.path("inference").path("mean_return").asDouble()).isGreaterThanOrEqualTo(475.0);
  }

  /**
   * README: PPO on Pendulum-v1 in 200k env-steps, median -175 over 5 seeds (reports/ppo-continuous); seed 1
   * scores -203 greedily, a random policy about -1200.
   */
  @Test
  void ppoSwingsUpThePendulum() throws Exception {
    JsonNode s = train("ppo-pendulum");
    assertThat(s.path("inference").path("mean_return").asDouble()).isGreaterThan(-260.0);
  }
}
