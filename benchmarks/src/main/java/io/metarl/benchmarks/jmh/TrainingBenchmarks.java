package io.metarl.benchmarks.jmh;

import io.metarl.benchmarks.Bench;
import io.metarl.benchmarks.Workloads;
import io.metarl.core.wiring.Run;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * End-to-end training throughput of core's {@code Trainer}: A2C on CartPole-v1 (rollout 20) or RL² with
 * an LSTM(48) on the dependent bandit (rollout 100, one 100-pull episode per trial), with 1 or 16 lanes.
 * One operation is one environment step (3,200 per invocation).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xss4m")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TrainingBenchmarks {
  private static final int STEPS = 3200;

  /** a2c-cartpole or rl2-bandit. */
  @Param({"a2c-cartpole", "rl2-bandit"})
  public String loop;

  /** Lanes of the single worker. */
  @Param({"1", "16"})
  public int lanes;

  private Bench.Chunk chunk;

  /** Wires the run. */
  @Setup
  public void setup() {
    if (loop.equals("a2c-cartpole")) {
      Run run = Workloads.a2cCartPole();
      chunk = Workloads.training(run, lanes, 20, 1_000_000, STEPS);
    } else {
      Run run = Workloads.rl2Bandit();
      chunk = Workloads.training(run, lanes, 100, 1, STEPS);
    }
  }

  /** 3,200 environment steps of training. */
  @Benchmark
  @OperationsPerInvocation(STEPS)
  public long train() throws Exception {
    return chunk.run();
  }
}
