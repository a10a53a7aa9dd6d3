package io.metarl.benchmarks.jmh;

import io.metarl.benchmarks.Bench;
import io.metarl.benchmarks.Workloads;
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
 * Environment steps per second: one environment stepped directly ({@code path = direct}) or the same
 * environment through core's {@code Lanes} with 16 lanes ({@code path = lanes16}); one operation is one
 * environment step (random actions, reset or autoreset at episode ends).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xss4m")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class EnvStepBenchmarks {
  private static final int STEPS = 1024;

  /** Which environment. */
  @Param({"bandit", "cartpole", "lunarlander"})
  public String env;

  /** Direct stepping or through Lanes. */
  @Param({"direct", "lanes16"})
  public String path;

  private Bench.Chunk chunk;

  /** Builds the workload. */
  @Setup
  public void setup() {
    Workloads.EnvCase c = switch (env) {
      case "bandit" -> Workloads.bandit();
      case "cartpole" -> Workloads.cartPole();
      default -> Workloads.lunarLander();
    };
    chunk = path.equals("direct") ? Workloads.directStepping(c, STEPS) : Workloads.lanesStepping(c, 16, STEPS / 16);
  }

  /** 1024 environment steps. */
  @Benchmark
  @OperationsPerInvocation(STEPS)
  public long step() throws Exception {
    return chunk.run();
  }
}
