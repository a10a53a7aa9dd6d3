package io.metarl.benchmarks.jmh;

import io.metarl.api.env.Discrete;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.benchmarks.Bench;
import io.metarl.benchmarks.Dl4jTwins;
import io.metarl.benchmarks.Workloads;
import io.metarl.core.wiring.Run;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Batched policy inference: our {@code Policy.act} ({@code impl = ours}) or the DL4J twin
 * ({@code impl = dl4j}: {@code ComputationGraph.output} for the MLP, {@code rnnTimeStep} for the LSTM),
 * for all {@code lanes} lanes in one call. One operation is one call; lane-steps/s = score x lanes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xss4m")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PolicyBenchmarks {
  /** mlp: A2C 64-64 on CartPole; lstm: RL² LSTM(48) on the dependent bandit. */
  @Param({"mlp", "lstm"})
  public String net;

  /** ours or dl4j. */
  @Param({"ours", "dl4j"})
  public String impl;

  /** Lanes per call. */
  @Param({"1", "16", "256"})
  public int lanes;

  private Bench.Chunk chunk;

  /** Builds the policy. */
  @Setup
  public void setup() {
    Run run = net.equals("mlp") ? Workloads.a2cCartPole() : Workloads.rl2Bandit();
    EnvironmentSpec spec = run.tasks().spec();
    int obs = spec.observationSpace().flatSize();
    int actions = ((Discrete) spec.actionSpace()).n();
    if (impl.equals("ours")) {
      chunk = Workloads.ourPolicy(run.agent(), lanes, 1);
    } else if (net.equals("mlp")) {
      chunk = Workloads.dl4jMlpPolicy(Dl4jTwins.mlp(obs, List.of(64, 64), actions), obs, lanes, 1);
    } else {
      int inputs = obs + actions + 2;
      chunk = Workloads.dl4jLstmPolicy(Dl4jTwins.lstm(inputs, 48, actions + 1), inputs, lanes, 1);
    }
  }

  /** One call for all lanes. */
  @Benchmark
  public long act() throws Exception {
    return chunk.run();
  }
}
