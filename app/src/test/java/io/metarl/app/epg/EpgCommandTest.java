package io.metarl.app.epg;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metarl.app.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code metarl epg evolve} and {@code metarl epg test} end to end at toy scale. */
class EpgCommandTest {
  static final String TINY = """
      metarl {
        seed = 2
        environment { plugin = point-goal, goal-half-plane = left, episode-length = 20 }
        epg {
          loss { buffer = 64 }
          inner { lifetime = 256, update-every = 32, minibatch = 16, eval-episodes = 2 }
          outer { epochs = 2, population = 4, workers = 2 }
          test { seeds = 2, environment { goal-half-plane = right } }
        }
      }
      """;

  @Test
  void evolvesTestsAndRejectsBadInput(@TempDir Path dir) throws Exception {
    Path conf = dir.resolve("epg.conf");
    Files.writeString(conf, TINY);
    Path out = dir.resolve("run");
    Cli.Result r = Cli.run("epg", "evolve", "--config", conf.toString(), "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(out.resolve("loss.json")).isNotEmptyFile();
    assertThat(out.resolve("fitness.png")).isNotEmptyFile();
    assertThat(out.resolve("checkpoint/state.json")).isNotEmptyFile();

    Cli.Result t = Cli.run("epg", "test", "--loss", out.resolve("loss.json").toString(), "--config", conf.toString(),
        "--out", dir.resolve("test").toString());
    assertThat(t.code()).as(t.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(dir.resolve("test/test.json").toFile());
    assertThat(json.get("environment").asText()).isEqualTo("point-goal");
    assertThat(json.get("seeds").asInt()).isEqualTo(2);
    assertThat(json.get("evolved").get("final")).hasSize(2);
    assertThat(json.get("reference").get("auc-median").asDouble()).isNegative();

    Cli.Result missing = Cli.run("epg", "test", "--loss", dir.resolve("nope.json").toString(), "--config", conf.toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("--loss").contains("nope.json");

    Files.writeString(conf, TINY.replace("population = 4", "population = 3"));
    Cli.Result bad = Cli.run("epg", "evolve", "--config", conf.toString(), "--out", dir.resolve("bad").toString());
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("metarl.epg.outer.population");
  }
}
