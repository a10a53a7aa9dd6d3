package io.metarl.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metarl.app.Cli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {

  @Test
  void measuresTheSelectedFiguresAndWritesJson(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("sub/bench.json");
    Cli.Result r = Cli.run("bench", "--quick", "--cpu-clock", "--filter", "^env\\.(bandit|cartpole)$", "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("| figure").contains("env.bandit").contains("env.cartpole").doesNotContain("env.lunarlander")
        .contains("wrote");
    JsonNode json = new ObjectMapper().readTree(out.toFile());
    assertThat(json.isArray()).isTrue();
    assertThat(json).hasSize(2);
    for (JsonNode f : json) {
      assertThat(f.get("unit").asText()).isEqualTo("steps/s");
      assertThat(f.get("baseline_name").asText()).contains("Lanes");
      double value = f.get("value").asDouble();
      double baseline = f.get("baseline_value").asDouble();
      // Even a busy machine steps these environments more than 100k times a second.
      assertThat(value).isGreaterThan(1e5);
      assertThat(baseline).isGreaterThan(1e5);
      assertThat(f.get("ratio").asDouble()).isCloseTo(value / baseline, org.assertj.core.data.Percentage.withPercentage(1e-6));
    }
    assertThat(json.get(0).get("name").asText()).isEqualTo("env.bandit");
  }

  @Test
  void badInputIsAUserError(@TempDir Path dir) {
    Cli.Result badRegex = Cli.run("bench", "--filter", "(");
    assertThat(badRegex.code()).isEqualTo(2);
    assertThat(badRegex.err()).contains("--filter");
    Cli.Result nothing = Cli.run("bench", "--quick", "--filter", "no-such-figure");
    assertThat(nothing.code()).isEqualTo(2);
    assertThat(nothing.err()).contains("matches no figure");
    Cli.Result directory = Cli.run("bench", "--quick", "--out", dir.toString());
    assertThat(directory.code()).isEqualTo(2);
    assertThat(directory.err()).contains("--out").contains("directory");
  }
}
