package io.metarl.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Pattern;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

/** Figures of the suite measured end to end with the shortest settings. */
class ThroughputSuiteTest {

  @Test
  void theEpgFilterMeasuresTheInnerLoopWithL_phiBesideTheReferenceLoss() throws Exception {
    StringWriter log = new StringWriter();
    // One repetition, no warm-up, on the CPU clock: each repetition is one whole lifetime per loss.
    ThroughputSuite suite = new ThroughputSuite(new Bench.Settings(0, 1, 0.01, true), Pattern.compile("epg\\."),
        new PrintWriter(log, true), 0);
    List<Figure> figures = suite.run();
    assertThat(figures).extracting(Figure::name).containsExactly("epg.lifetime.cartpole");
    Figure f = figures.get(0);
    assertThat(f.unit()).isEqualTo("env-steps/s");
    assertThat(f.baselineName()).contains("reference A2C loss");
    // Even a busy machine trains more than 100 env-steps/s in either inner loop (about 2-5k here).
    assertThat(f.value()).isGreaterThan(100).isFinite();
    assertThat(f.baselineValue()).isGreaterThan(100).isFinite();
    assertThat(f.ratio()).isCloseTo(f.value() / f.baselineValue(), Percentage.withPercentage(1e-9));
    assertThat(log.toString()).contains("epg.lifetime.cartpole");
    JsonNode json = new ObjectMapper().readTree(ThroughputSuite.json(figures)).get(0);
    for (String key : List.of("name", "value", "unit", "baseline_name", "baseline_value", "ratio")) {
      assertThat(json.has(key)).as(key).isTrue();
    }
    assertThat(json.get("ratio").asDouble()).isPositive();
  }
}
