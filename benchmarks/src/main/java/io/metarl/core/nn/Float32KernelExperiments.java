package io.metarl.core.nn;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The float32 kernels against the float64 {@link Kernels} ({@link Float32Workloads}), on the thread's
 * CPU clock, in interleaved rounds: every round measures every variant once, so a change of the
 * machine's load hits all of them alike; per variant the median over the rounds is reported, and the
 * ratio to {@code f64} is the median of the per-round ratios. Each measurement runs in a JVM of its
 * own (with this JVM's {@code --add-modules jdk.incubator.vector}, if it has it): in one shared JVM
 * the JIT's profiles of the shared loops depend on which variants ran before, which moved single
 * figures by up to 2x between otherwise identical runs here. {@code --in-process} measures in this
 * JVM instead (quicker, for a first look). Prints a Markdown table ({@code BENCHMARKS.md}, "float32
 * kernels") with the JVM, the kernels {@link Float32Kernels#best()} chose and the load average before
 * and after.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp ... io.metarl.core.nn.Float32KernelExperiments \
 *     [--rounds 3] [--warmup-seconds 1] [--seconds 0.3] [--filter REGEX] [--in-process]
 * </pre>
 */
public final class Float32KernelExperiments {
  private Float32KernelExperiments() {}

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    int rounds = 3;
    double warmupSeconds = 1;
    double seconds = 0.3;
    boolean inProcess = false;
    String child = null;
    Pattern filter = Pattern.compile(".*");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--warmup-seconds" -> warmupSeconds = Double.parseDouble(args[++i]);
        case "--seconds" -> seconds = Double.parseDouble(args[++i]);
        case "--filter" -> filter = Pattern.compile(args[++i]);
        case "--in-process" -> inProcess = true;
        case "--child" -> child = args[++i];
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (child != null) { // one measurement, printed as ns per call
      String[] v = child.split(" ");
      Runnable call = Float32Workloads.create(v[0], v[1]);
      measure(call, warmupSeconds);
      System.out.println(measure(call, seconds));
      return;
    }
    boolean vector = Float32Kernels.best() != Float32Kernels.scalar();
    List<String> variants = new ArrayList<>();
    for (String w : Float32Workloads.WORKLOADS) {
      for (String impl : Float32Workloads.implementations(w)) {
        String name = w + " " + impl;
        if (filter.matcher(name).find() && (vector || !impl.equals("f32-vector"))) {
          variants.add(name);
        }
      }
    }
    Map<String, Runnable> calls = new LinkedHashMap<>();
    if (inProcess) {
      for (String v : variants) {
        String[] p = v.split(" ");
        calls.put(v, Float32Workloads.create(p[0], p[1]));
      }
    }
    String loadBefore = loadAverage();
    Map<String, List<Double>> ns = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      for (String v : variants) {
        double value;
        if (inProcess) {
          Runnable call = calls.get(v);
          if (round == 0) {
            measure(call, warmupSeconds);
          }
          value = measure(call, seconds);
        } else {
          value = fork(v, warmupSeconds, seconds, vector);
        }
        ns.computeIfAbsent(v, x -> new ArrayList<>()).add(value);
      }
    }
    System.out.printf(Locale.ROOT, "java %s (%s), %s, %d CPUs; float32 kernels: %s (%s)%n",
        System.getProperty("java.version"), System.getProperty("java.vm.name"), System.getProperty("os.arch"),
        Runtime.getRuntime().availableProcessors(), Float32Kernels.best().name(), Float32KernelChoice.REASON);
    System.out.printf(Locale.ROOT, "thread CPU clock, %s, %d interleaved rounds, %.1f s warm-up + %.2f s per "
        + "measurement; load average before: %s, after: %s%n%n", inProcess ? "one JVM" : "one JVM per measurement",
        rounds, warmupSeconds, seconds, loadBefore, loadAverage());
    System.out.println("| workload | implementation | ns per call (median, range) | ns per lane | GFLOP/s | vs f64 |");
    System.out.println("|---|---|---:|---:|---:|---:|");
    for (Map.Entry<String, List<Double>> e : ns.entrySet()) {
      String[] parts = e.getKey().split(" ");
      double[] v = sorted(e.getValue());
      double med = median(v);
      double flops = Float32Workloads.flops(parts[0]);
      List<Double> base = ns.get(parts[0] + " f64");
      String ratio = "";
      if (base != null) {
        double[] r = new double[v.length];
        for (int i = 0; i < r.length; i++) {
          r[i] = base.get(i) / e.getValue().get(i);
        }
        ratio = String.format(Locale.ROOT, "%.2f", median(sorted(r)));
      }
      System.out.printf(Locale.ROOT, "| %s | %s | %,.0f (%,.0f-%,.0f) | %.1f | %s | %s |%n", parts[0], parts[1], med,
          v[0], v[v.length - 1], med / Float32Workloads.LANES,
          flops > 0 ? String.format(Locale.ROOT, "%.1f", flops / med) : "-", ratio);
    }
  }

  /** Thread-CPU nanoseconds per call, over at least {@code seconds} of calls. */
  private static double measure(Runnable call, double seconds) {
    ThreadMXBean clock = ManagementFactory.getThreadMXBean();
    long budget = (long) (seconds * 1e9);
    long calls = 0;
    long t0 = clock.getCurrentThreadCpuTime();
    long t;
    do {
      for (int q = 0; q < 8; q++) {
        call.run();
      }
      calls += 8;
      t = clock.getCurrentThreadCpuTime();
    } while (t - t0 < budget);
    return (t - t0) / (double) calls;
  }

  private static double fork(String variant, double warmupSeconds, double seconds, boolean vector) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xss4m");
    if (vector) {
      cmd.addAll(List.of("--add-modules", "jdk.incubator.vector"));
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Float32KernelExperiments.class.getName(),
        "--child", variant, "--warmup-seconds", Double.toString(warmupSeconds), "--seconds", Double.toString(seconds)));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(variant + ": the measuring JVM failed (exit " + p.exitValue() + ")");
    }
    return Double.parseDouble(out);
  }

  private static double[] sorted(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(v);
    return v;
  }

  private static double[] sorted(double[] v) {
    Arrays.sort(v);
    return v;
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (Exception e) {
      return "n/a";
    }
  }
}
