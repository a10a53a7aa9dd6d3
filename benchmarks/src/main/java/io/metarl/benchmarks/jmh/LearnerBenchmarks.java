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
 * One learner update: our {@code Learner.learn} (forward, loss, backward through time, RMSProp) or DL4J
 * {@code fit} of the twin, on a rollout of 16 lanes x 20 steps (MLP) or 16 x 100 (LSTM). One operation
 * is one update; samples/s = score x 320 (MLP) or x 1600 (LSTM).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xss4m")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class LearnerBenchmarks {
  /** mlp: A2C 64-64 on CartPole (16 x 20); lstm: RL² LSTM(48) on the dependent bandit (16 x 100). */
  @Param({"mlp", "lstm"})
  public String net;

  /** ours or dl4j. */
  @Param({"ours", "dl4j"})
  public String impl;

  private Bench.Chunk chunk;

  /** Builds the learner and its batch. */
  @Setup
  public void setup() {
    boolean mlp = net.equals("mlp");
    Run run = mlp ? Workloads.a2cCartPole() : Workloads.rl2Bandit();
    EnvironmentSpec spec = run.tasks().spec();
    int obs = spec.observationSpace().flatSize();
    int actions = ((Discrete) spec.actionSpace()).n();
    int steps = mlp ? 20 : 100;
    if (impl.equals("ours")) {
      chunk = Workloads.ourLearner(run.agent(), steps, 16);
    } else if (mlp) {
      chunk = Workloads.dl4jMlpFit(Dl4jTwins.mlp(obs, List.of(64, 64), actions), obs, actions, steps * 16);
    } else {
      int inputs = obs + actions + 2;
      chunk = Workloads.dl4jLstmFit(Dl4jTwins.lstm(inputs, 48, actions + 1), inputs, actions + 1, steps, 16);
    }
  }

  /** One update. */
  @Benchmark
  public long learn() throws Exception {
    return chunk.run();
  }
}
