package io.metarl.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchTest {

  @Test
  void ratesAreUnitsPerSecondAndTheMedianIsReported() {
    Bench bench = new Bench(new Bench.Settings(1, 3, 0.02, false));
    // A chunk that sleeps 2 ms per unit: about 500 units/s.
    Bench.Measurement m = bench.measure(() -> {
      Thread.sleep(2);
      return 1;
    });
    assertThat(m.rates()).hasSize(3);
    assertThat(m.median()).isBetween(100.0, 520.0);
    assertThat(m.min()).isLessThanOrEqualTo(m.median());
    assertThat(m.max()).isGreaterThanOrEqualTo(m.median());
  }

  @Test
  void theCpuClockIgnoresTimeSpentOffTheCpu() {
    Bench wall = new Bench(new Bench.Settings(0, 1, 0.05, false));
    Bench cpu = new Bench(new Bench.Settings(0, 1, 0.05, true));
    Bench.Chunk sleepy = () -> {
      Thread.sleep(5);
      long x = 0;
      for (int i = 0; i < 200_000; i++) {
        x += i ^ (x >>> 3);
      }
      return x == 42 ? 2 : 1;
    };
    // Sleeping costs wall time but no CPU time: the CPU-clock rate is far higher.
    assertThat(cpu.measure(sleepy).median()).isGreaterThan(3 * wall.measure(sleepy).median());
  }

  @Test
  void aPairIsMeasuredInInterleavedRounds() {
    Bench bench = new Bench(new Bench.Settings(1, 4, 0.001, false));
    StringBuilder order = new StringBuilder();
    // each chunk outlasts a repetition (2 ms > 1 ms), so a repetition is one call
    Bench.Measurement[] m = bench.measurePair(() -> {
      order.append('a');
      Thread.sleep(2);
      return 1;
    }, () -> {
      order.append('b');
      Thread.sleep(2);
      return 1;
    });
    assertThat(m).hasSize(2);
    assertThat(m[0].rates()).hasSize(4);
    assertThat(m[1].rates()).hasSize(4);
    // warm-up a, b; then rounds a-b, b-a, a-b, b-a
    assertThat(order.toString()).isEqualTo("ab" + "ab" + "ba" + "ab" + "ba");
    Bench.Measurement ratios = Bench.pairedRatios(new Bench.Measurement(0, 0, 0, new double[] {2, 4, 9}),
        new Bench.Measurement(0, 0, 0, new double[] {1, 4, 3}));
    assertThat(ratios.median()).isEqualTo(2.0);
    assertThat(ratios.min()).isEqualTo(1.0);
    assertThat(ratios.max()).isEqualTo(3.0);
  }

  @Test
  void aChunkMustReportWork() {
    Bench bench = new Bench(new Bench.Settings(0, 1, 0.01, false));
    assertThatThrownBy(() -> bench.measure(() -> 0)).hasMessageContaining("0 units");
    assertThatThrownBy(() -> new Bench.Settings(0, 0, 1, false)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void figuresRenderAsTableAndJson() throws Exception {
    List<Figure> figures = List.of(Figure.of("env.x", 300, "steps/s", "base", 100), Figure.of("env.y", 5, "steps/s", "none", 0));
    assertThat(figures.get(0).ratio()).isEqualTo(3.0);
    assertThat(figures.get(1).ratio()).isNaN();
    String table = ThroughputSuite.table(figures);
    assertThat(table).contains("| env.x").contains("300").contains("3.00");
    JsonNode json = new ObjectMapper().readTree(ThroughputSuite.json(figures));
    assertThat(json).hasSize(2);
    JsonNode first = json.get(0);
    assertThat(first.get("name").asText()).isEqualTo("env.x");
    assertThat(first.get("value").asDouble()).isEqualTo(300.0);
    assertThat(first.get("unit").asText()).isEqualTo("steps/s");
    assertThat(first.get("baseline_name").asText()).isEqualTo("base");
    assertThat(first.get("baseline_value").asDouble()).isEqualTo(100.0);
    assertThat(first.get("ratio").asDouble()).isEqualTo(3.0);
    assertThat(json.get(1).get("ratio").isNull()).isTrue(); // NaN is not JSON
  }

  @Test
  void theProfilerFilesStacksUnderTheLoopsParts() {
    StackTraceElement tanh = new StackTraceElement("java.lang.StrictMath", "tanh", null, 1);
    StackTraceElement act = new StackTraceElement("io.metarl.core.nn.Activation$1", "apply", null, 1);
    StackTraceElement dense = new StackTraceElement("io.metarl.core.nn.ActorCriticNetwork", "dense", null, 1);
    StackTraceElement learn = new StackTraceElement("io.metarl.core.agent.ActorCriticLearner", "learn", null, 1);
    StackTraceElement actCall = new StackTraceElement("io.metarl.core.agent.ActorCriticLearner", "act", null, 1);
    StackTraceElement back = new StackTraceElement("io.metarl.core.nn.LstmLayer", "backward", null, 1);
    StackTraceElement lanes = new StackTraceElement("io.metarl.core.rollout.Lanes", "step", null, 1);
    StackTraceElement trainer = new StackTraceElement("io.metarl.core.train.Trainer", "worker", null, 1);
    assertThat(SamplingProfiler.classify(new StackTraceElement[] {tanh, act, dense, learn, trainer}))
        .isEqualTo("network forward (learn)");
    assertThat(SamplingProfiler.classify(new StackTraceElement[] {tanh, act, dense, actCall, trainer}))
        .isEqualTo("network forward (act, values)");
    assertThat(SamplingProfiler.classify(new StackTraceElement[] {back, learn, trainer})).isEqualTo("network backward");
    // A product kernel counts for the pass that called it.
    StackTraceElement kernel = new StackTraceElement("io.metarl.core.nn.Kernels", "multiplyAddTransposed", null, 1);
    assertThat(SamplingProfiler.classify(new StackTraceElement[] {kernel, back, learn, trainer})).isEqualTo("network backward");
    assertThat(SamplingProfiler.classify(new StackTraceElement[] {kernel, dense, actCall, trainer}))
        .isEqualTo("network forward (act, values)");
    assertThat(SamplingProfiler.classify(new StackTraceElement[] {lanes, trainer})).isEqualTo("environment + lanes");
    assertThat(SamplingProfiler.classify(new StackTraceElement[] {tanh})).isNull();
  }

  @Test
  void theProfilerSamplesARunningThread() throws Exception {
    SamplingProfiler p = SamplingProfiler.start(Thread.currentThread());
    long end = System.nanoTime() + 100_000_000L;
    double x = 0;
    while (System.nanoTime() < end) {
      x += Math.sin(x);
    }
    Map<String, Double> shares = p.shares();
    // Our own frames are outside the loop's parts: nothing is filed.
    assertThat(shares).isEmpty();
    assertThat(x).isNotNaN();
  }
}
