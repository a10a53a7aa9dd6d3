package io.metarl.core.nn;

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
 * JMH version of {@link Float32KernelExperiments}: one {@link Float32Workloads} call per operation, in
 * nanoseconds. The forked JVM gets {@code --add-modules jdk.incubator.vector}. From the repository
 * root, with the class path of the benchmarks module (see {@code BENCHMARKS.md}):
 *
 * <pre>
 * java -cp ... org.openjdk.jmh.Main 'io.metarl.core.nn.Float32KernelBenchmarks' -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xss4m", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class Float32KernelBenchmarks {
  /** {@code workload/implementation}, see {@link Float32Workloads}. */
  @Param({"gemm.lstm48/f64", "gemm.lstm48/f32-axpy", "gemm.lstm48/f32-scalar", "gemm.lstm48/f32-vector",
      "gemm.dense64/f64", "gemm.dense64/f32-axpy", "gemm.dense64/f32-scalar", "gemm.dense64/f32-vector",
      "gemm.bptt48/f64", "gemm.bptt48/f32-axpy", "gemm.bptt48/f32-scalar", "gemm.bptt48/f32-vector",
      "step.lstm48/f64", "step.lstm48/f32-scalar", "step.lstm48/f32-vector",
      "torso.mlp64x64/f64", "torso.mlp64x64/f32-scalar", "torso.mlp64x64/f32-vector",
      "act.tanh/f64", "act.tanh/f32-scalar", "act.tanh/f32-vector"})
  public String variant;

  private Runnable call;

  /** Builds the workload. */
  @Setup
  public void setup() {
    String[] parts = variant.split("/");
    call = Float32Workloads.create(parts[0], parts[1]);
  }

  /** One call. */
  @Benchmark
  public void run() {
    call.run();
  }
}
