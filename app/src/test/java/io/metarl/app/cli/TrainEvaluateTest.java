package io.metarl.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metarl.app.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train writes a run directory; evaluate reloads its checkpoint; a corrupt checkpoint is refused. */
class TrainEvaluateTest {
  @TempDir Path dir;

  @Test
  void evaluateARunFileBeforeTrainingOnTheTasksTrainingWouldUse() throws Exception {
    Path conf = dir.resolve("run.conf");
    Files.writeString(conf, """
        metarl {
          environment { plugin = bandit-dependent, difficulty = easy, horizon = 20 }
          agent { plugin = rl2, memory { units = 8 } }
          training { trials = 16, episodes-per-trial = 1, lanes = 8, rollout-length = 10, progress-interval = 0 }
          inference { trials = 40, episodes-per-trial = 2, lanes = 8, baselines = [gittins, random] }
        }
        """);
    Path json = dir.resolve("untrained.json");
    Cli.Result r = Cli.run("evaluate", "--config", conf.toString(), "--out", json.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("rl2 (untrained) on bandit-dependent: 40 held-out trials x 2 episodes")
        .contains("gittins").contains("random");
    JsonNode untrained = new ObjectMapper().readTree(json.toFile());
    assertThat(untrained.path("untrained").asBoolean()).isTrue();
    assertThat(untrained.path("episodes").asInt()).isEqualTo(80);
    // The baselines played the held-out tasks that training's own inference uses (same seed, same settings).
    Path out = dir.resolve("run");
    assertThat(Cli.run("train", "--config", conf.toString(), "--out", out.toString()).code()).isZero();
    JsonNode trained = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertThat(untrained.path("baselines")).isEqualTo(trained.path("baselines"));

    Cli.Result none = Cli.run("evaluate");
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).contains("--checkpoint DIR", "--config FILE", "--env NAME");
    Cli.Result both = Cli.run("evaluate", "--config", conf.toString(), "--env", "cartpole");
    assertThat(both.code()).isEqualTo(2);
    assertThat(both.err()).contains("--config goes with --checkpoint or alone");
  }

  @Test
  void trainThenEvaluateTheCheckpointThenRefuseACorruptOne() throws Exception {
    Path conf = dir.resolve("run.conf");
    Files.writeString(conf, """
        metarl {
          environment { plugin = bandit-dependent, difficulty = easy, horizon = 20 }
          agent { plugin = rl2, memory { units = 8 } }
          agent.optimizer { type = adam, learning-rate = 1e-3 }
          training { trials = 64, episodes-per-trial = 2, lanes = 8, rollout-length = 10, progress-interval = 0 }
          inference { trials = 16, episodes-per-trial = 2, lanes = 8, baselines = [gittins, random] }
        }
        """);
    Path out = dir.resolve("run");
    Cli.Result train = Cli.run("train", "--config", conf.toString(), "--out", out.toString());
    assertThat(train.code()).as(train.err()).isZero();
    JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertThat(summary.path("env_steps").asLong()).isGreaterThanOrEqualTo(64 * 2 * 20);
    assertThat(summary.path("inference").path("episodes").asInt()).isEqualTo(32);
    assertThat(summary.path("inference").path("mean_by_episode_index")).hasSize(2);
    assertThat(summary.path("baselines").path("gittins").has("mean_regret")).isTrue();
    assertThat(summary.path("training").has("mean_return_last_100")).isTrue();
    assertThat(out.resolve("learning-curve.png")).exists();
    assertThat(Files.readString(out.resolve("config.conf"))).startsWith("metarl");

    Path json = dir.resolve("eval.json");
    Cli.Result eval = Cli.run("evaluate", "--checkpoint", out.resolve("checkpoint").toString(), "--out", json.toString());
    assertThat(eval.code()).as(eval.err()).isZero();
    JsonNode evaluated = new ObjectMapper().readTree(json.toFile());
    // Same checkpoint, same seed, same held-out tasks: the same figure as at the end of training.
    assertThat(evaluated.path("mean_return").asDouble()).isEqualTo(summary.path("inference").path("mean_return").asDouble());

    Path params = out.resolve("checkpoint/parameters.bin");
    byte[] bytes = Files.readAllBytes(params);
    bytes[bytes.length / 2] ^= 0x55;
    Files.write(params, bytes);
    Cli.Result corrupt = Cli.run("evaluate", "--checkpoint", out.resolve("checkpoint").toString());
    assertThat(corrupt.code()).isEqualTo(2);
    assertThat(corrupt.err()).contains("parameters.bin").contains("corrupt").doesNotContain("\tat ");

    Cli.Result missing = Cli.run("evaluate", "--checkpoint", dir.resolve("nope").toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("nope");
  }

  @Test
  void recordEveryWritesAnimatedGifsOfTheCurrentPolicy() throws Exception {
    Path conf = dir.resolve("cartpole.conf");
    Files.writeString(conf, """
        metarl {
          environment { plugin = cartpole }
          agent { plugin = a2c, hidden = [8] }
          training { trials = 1, episodes-per-trial = 100000, env-steps = 400, lanes = 4, rollout-length = 20,
                     progress-interval = 0, record-every = 2 }
          inference { trials = 2, episodes-per-trial = 1 }
        }
        """);
    Path out = dir.resolve("recorded");
    Cli.Result train = Cli.run("train", "--config", conf.toString(), "--out", out.toString());
    assertThat(train.code()).as(train.err()).isZero();
    Path gif = out.resolve("videos/update-000000002.gif");
    assertThat(gif).isNotEmptyFile();
    try (var in = javax.imageio.ImageIO.createImageInputStream(gif.toFile())) {
      var reader = javax.imageio.ImageIO.getImageReadersByFormatName("gif").next();
      reader.setInput(in);
      assertThat(reader.getNumImages(true)).as("frames of one episode").isGreaterThan(2);
    }
    assertThat(out.resolve("videos/update-000000004.gif")).isNotEmptyFile();
  }
}
