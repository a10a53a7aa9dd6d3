package io.metarl.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metarl.app.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --init-from}: a warm start takes the checkpoint's weights (a second stage with a
 * negligible learning rate plays exactly like the first), records where it came from, and refuses
 * what is not a checkpoint of the same network with the key named.
 */
class InitFromTest {
  @TempDir Path dir;

  private Path conf(String name, String difficulty, int units, String lr) throws Exception {
    Path conf = dir.resolve(name + ".conf");
    Files.writeString(conf, """
        metarl {
          environment { plugin = bandit-dependent, difficulty = %s, horizon = 20 }
          agent { plugin = rl2, memory { units = %d } }
          agent.optimizer { type = adam, learning-rate = %s }
          training { trials = 160, episodes-per-trial = 1, lanes = 8, rollout-length = 10, progress-interval = 0 }
          inference { trials = 64, episodes-per-trial = 1, lanes = 8 }
        }
        """.formatted(difficulty, units, lr));
    return conf;
  }

  private static JsonNode summary(Path run) throws Exception {
    return new ObjectMapper().readTree(run.resolve("summary.json").toFile());
  }

  @Test
  void aSecondStageStartsFromTheFirstStagesWeights() throws Exception {
    Path first = dir.resolve("first");
    Cli.Result a = Cli.run("train", "--config", conf("a", "easy", 8, "1e-2").toString(), "--out", first.toString());
    assertThat(a.code()).as(a.err()).isZero();

    // Stage two on another difficulty with a learning rate too small to move any weight visibly: its
    // held-out play on the first stage's tasks must be the first stage's, bit for bit.
    Path second = dir.resolve("second");
    Cli.Result b = Cli.run("train", "--config", conf("b", "easy", 8, "1e-300").toString(), "--out", second.toString(),
        "--init-from", first.toString());
    assertThat(b.code()).as(b.err()).isZero();
    assertThat(summary(second).path("inference").path("mean_return").asDouble())
        .isEqualTo(summary(first).path("inference").path("mean_return").asDouble());
    JsonNode init = summary(second).path("init_from");
    assertThat(init.path("checkpoint").asText()).isEqualTo(first.resolve("checkpoint").toAbsolutePath().toString());
    assertThat(init.path("env_steps").asLong()).isEqualTo(summary(first).path("env_steps").asLong());
    assertThat(init.path("environment").asText()).contains("easy");

    // Without the warm start the same tiny learning rate leaves the random initialisation in place.
    Path fresh = dir.resolve("fresh");
    Cli.Result c = Cli.run("train", "--config", conf("c", "easy", 8, "1e-300").toString(), "--out", fresh.toString());
    assertThat(c.code()).as(c.err()).isZero();
    assertThat(summary(fresh).path("inference").path("mean_return").asDouble())
        .isNotEqualTo(summary(first).path("inference").path("mean_return").asDouble());
    assertThat(summary(fresh).has("init_from")).isFalse();

    // Another network shape, and a directory that holds no checkpoint, are refused with the key named.
    Cli.Result wide = Cli.run("train", "--config", conf("d", "easy", 16, "1e-3").toString(), "--out",
        dir.resolve("wide").toString(), "--init-from", first.toString());
    assertThat(wide.code()).isEqualTo(2);
    assertThat(wide.err()).contains("training.init-from").contains("differs").doesNotContain("\tat ");
    Cli.Result none = Cli.run("train", "--config", conf("e", "easy", 8, "1e-3").toString(), "--out",
        dir.resolve("none").toString(), "--set", "metarl.training.init-from=\"" + dir.resolve("nothing-here") + "\"");
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).contains("training.init-from").contains("nothing-here");
  }
}
