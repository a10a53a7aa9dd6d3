package io.metarl.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Evidence for the speed-up recommendations in {@code BENCHMARKS.md}: variants of the two kernels
 * that dominate {@code ActorCriticNetwork}, measured with the same {@link Bench} harness.
 *
 * <ul>
 *   <li>Dense forward {@code y[s] = b + W x[s]} for a batch of samples, {@code W} of 64 x 64 (the A2C
 *       torso) and the LSTM(48) gate product {@code 192 x 53}: (a) today's loop, one dot product per
 *       output whose floating-point sum is a serial dependency chain (C2 does not vectorise FP
 *       reductions); (b) the same with four independent accumulators; (c) weights stored transposed
 *       {@code [in][out]} so the inner loop is an axpy over outputs, which C2's SuperWord may vectorise;
 *       (d) as (c) in float; (e) a 4-sample register tile reusing each weight for four samples; (f) a
 *       4-sample x 2-output tile (eight independent accumulators).
 *   <li>{@code tanh}: {@code Math.tanh} (fdlibm in Java 17, no intrinsic) against
 *       {@code (1 - e) / (1 + e)} with {@code e = Math.exp(-2|x|)} (an intrinsic), same result to
 *       1e-15.
 * </ul>
 */
public final class KernelExperiments {
  private KernelExperiments() {}

  /** One measured variant. */
  public record Result(String kernel, String variant, double rate, String unit) {}

  /** today's loop: per sample, per output, a serial dot product. */
  static void denseA(double[] w, double[] b, double[] x, double[] y, int n, int in, int out) {
    for (int s = 0; s < n; s++) {
      int xo = s * in;
      int yo = s * out;
      for (int o = 0; o < out; o++) {
        double sum = b[o];
        int wo = o * in;
        for (int i = 0; i < in; i++) {
          sum += w[wo + i] * x[xo + i];
        }
        y[yo + o] = sum;
      }
    }
  }

  /** four independent accumulators. */
  static void denseB(double[] w, double[] b, double[] x, double[] y, int n, int in, int out) {
    for (int s = 0; s < n; s++) {
      int xo = s * in;
      int yo = s * out;
      for (int o = 0; o < out; o++) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int wo = o * in;
        int i = 0;
        for (; i + 3 < in; i += 4) {
          s0 += w[wo + i] * x[xo + i];
          s1 += w[wo + i + 1] * x[xo + i + 1];
          s2 += w[wo + i + 2] * x[xo + i + 2];
          s3 += w[wo + i + 3] * x[xo + i + 3];
        }
        for (; i < in; i++) {
          s0 += w[wo + i] * x[xo + i];
        }
        y[yo + o] = b[o] + (s0 + s1) + (s2 + s3);
      }
    }
  }

  /** transposed weights wt[in][out]: inner axpy over outputs (vectorisable). */
  static void denseC(double[] wt, double[] b, double[] x, double[] y, int n, int in, int out) {
    for (int s = 0; s < n; s++) {
      int xo = s * in;
      int yo = s * out;
      System.arraycopy(b, 0, y, yo, out);
      for (int i = 0; i < in; i++) {
        double xi = x[xo + i];
        int wo = i * out;
        for (int o = 0; o < out; o++) {
          y[yo + o] += xi * wt[wo + o];
        }
      }
    }
  }

  /** (c) in float. */
  static void denseD(float[] wt, float[] b, float[] x, float[] y, int n, int in, int out) {
    for (int s = 0; s < n; s++) {
      int xo = s * in;
      int yo = s * out;
      System.arraycopy(b, 0, y, yo, out);
      for (int i = 0; i < in; i++) {
        float xi = x[xo + i];
        int wo = i * out;
        for (int o = 0; o < out; o++) {
          y[yo + o] += xi * wt[wo + o];
        }
      }
    }
  }

  /** 4-sample register tile over today's layout: each weight is loaded once per four samples. */
  static void denseE(double[] w, double[] b, double[] x, double[] y, int n, int in, int out) {
    int s = 0;
    for (; s + 3 < n; s += 4) {
      int x0 = s * in;
      int x1 = x0 + in;
      int x2 = x1 + in;
      int x3 = x2 + in;
      for (int o = 0; o < out; o++) {
        double a0 = b[o];
        double a1 = a0;
        double a2 = a0;
        double a3 = a0;
        int wo = o * in;
        for (int i = 0; i < in; i++) {
          double wi = w[wo + i];
          a0 += wi * x[x0 + i];
          a1 += wi * x[x1 + i];
          a2 += wi * x[x2 + i];
          a3 += wi * x[x3 + i];
        }
        y[s * out + o] = a0;
        y[(s + 1) * out + o] = a1;
        y[(s + 2) * out + o] = a2;
        y[(s + 3) * out + o] = a3;
      }
    }
    if (s < n) {
      denseA(w, b, java.util.Arrays.copyOfRange(x, s * in, n * in), y, 0, in, out); // never hit for n % 4 == 0
    }
  }

  /** 4-sample x 2-output register tile (8 independent accumulators). */
  static void denseF(double[] w, double[] b, double[] x, double[] y, int n, int in, int out) {
    for (int s = 0; s + 3 < n; s += 4) {
      int x0 = s * in;
      int x1 = x0 + in;
      int x2 = x1 + in;
      int x3 = x2 + in;
      for (int o = 0; o + 1 < out; o += 2) {
        double a0 = b[o];
        double a1 = a0;
        double a2 = a0;
        double a3 = a0;
        double c0 = b[o + 1];
        double c1 = c0;
        double c2 = c0;
        double c3 = c0;
        int wa = o * in;
        int wc = wa + in;
        for (int i = 0; i < in; i++) {
          double u = w[wa + i];
          double v = w[wc + i];
          double p0 = x[x0 + i];
          double p1 = x[x1 + i];
          double p2 = x[x2 + i];
          double p3 = x[x3 + i];
          a0 += u * p0;
          a1 += u * p1;
          a2 += u * p2;
          a3 += u * p3;
          c0 += v * p0;
          c1 += v * p1;
          c2 += v * p2;
          c3 += v * p3;
        }
        y[s * out + o] = a0;
        y[(s + 1) * out + o] = a1;
        y[(s + 2) * out + o] = a2;
        y[(s + 3) * out + o] = a3;
        y[s * out + o + 1] = c0;
        y[(s + 1) * out + o + 1] = c1;
        y[(s + 2) * out + o + 1] = c2;
        y[(s + 3) * out + o + 1] = c3;
      }
    }
  }

  /** tanh through one {@code Math.exp}. */
  static double fastTanh(double x) {
    double e = Math.exp(-2 * Math.abs(x));
    double t = (1 - e) / (1 + e);
    return x < 0 ? -t : t;
  }

  /** Measures every variant. */
  public static List<Result> run(Bench bench) {
    List<Result> results = new ArrayList<>();
    int[][] shapes = {{64, 64, 16}, {53, 192, 16}};
    String[] names = {"dense 64x64, batch 16", "lstm48 gates 192x53, batch 16"};
    for (int k = 0; k < shapes.length; k++) {
      int in = shapes[k][0];
      int out = shapes[k][1];
      int n = shapes[k][2];
      double[] w = Workloads.randomDoubles(in * out, 1);
      double[] wt = new double[in * out];
      for (int o = 0; o < out; o++) {
        for (int i = 0; i < in; i++) {
          wt[i * out + o] = w[o * in + i];
        }
      }
      double[] b = Workloads.randomDoubles(out, 2);
      double[] x = Workloads.randomDoubles(n * in, 3);
      double[] y = new double[n * out];
      float[] wtf = toFloat(wt);
      float[] bf = toFloat(b);
      float[] xf = toFloat(x);
      float[] yf = new float[n * out];
      double flops = 2.0 * in * out * n;
      int reps = 200;
      String unit = "GFLOP/s";
      results.add(new Result(names[k], "a: today (double, serial dot product)",
          bench.measure(() -> { for (int r = 0; r < reps; r++) { denseA(w, b, x, y, n, in, out); } return reps; }).median() * flops / 1e9, unit));
      results.add(new Result(names[k], "b: 4 accumulators (double)",
          bench.measure(() -> { for (int r = 0; r < reps; r++) { denseB(w, b, x, y, n, in, out); } return reps; }).median() * flops / 1e9, unit));
      results.add(new Result(names[k], "c: transposed, axpy inner loop (double)",
          bench.measure(() -> { for (int r = 0; r < reps; r++) { denseC(wt, b, x, y, n, in, out); } return reps; }).median() * flops / 1e9, unit));
      results.add(new Result(names[k], "d: transposed, axpy inner loop (float)",
          bench.measure(() -> { for (int r = 0; r < reps; r++) { denseD(wtf, bf, xf, yf, n, in, out); } return reps; }).median() * flops / 1e9, unit));
      results.add(new Result(names[k], "e: 4-sample register tile (double)",
          bench.measure(() -> { for (int r = 0; r < reps; r++) { denseE(w, b, x, y, n, in, out); } return reps; }).median() * flops / 1e9, unit));
      results.add(new Result(names[k], "f: 4-sample x 2-output register tile (double)",
          bench.measure(() -> { for (int r = 0; r < reps; r++) { denseF(w, b, x, y, n, in, out); } return reps; }).median() * flops / 1e9, unit));
    }
    double[] xs = Workloads.randomDoubles(4096, 5);
    double[] ys = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      xs[i] *= 3;
    }
    double worst = 0;
    for (double v : xs) {
      worst = Math.max(worst, Math.abs(fastTanh(v) - Math.tanh(v)));
    }
    results.add(new Result("tanh", "Math.tanh",
        bench.measure(() -> { for (int i = 0; i < xs.length; i++) { ys[i] = Math.tanh(xs[i]); } return xs.length; }).median() / 1e6, "M/s"));
    results.add(new Result("tanh", String.format(Locale.ROOT, "via Math.exp (max abs diff %.1e)", worst),
        bench.measure(() -> { for (int i = 0; i < xs.length; i++) { ys[i] = fastTanh(xs[i]); } return xs.length; }).median() / 1e6, "M/s"));
    results.add(new Result("sigmoid", "1 / (1 + Math.exp(-x))",
        bench.measure(() -> { for (int i = 0; i < xs.length; i++) { ys[i] = 1 / (1 + Math.exp(-xs[i])); } return xs.length; }).median() / 1e6, "M/s"));
    return results;
  }

  private static float[] toFloat(double[] d) {
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }

  /** Prints the variants: {@code [--quick] [--cpu-clock]}. */
  public static void main(String[] args) {
    boolean quick = List.of(args).contains("--quick");
    boolean cpu = List.of(args).contains("--cpu-clock");
    Bench.Settings s = (quick ? Bench.Settings.quick() : Bench.Settings.full()).withCpuClock(cpu);
    System.out.println(ThroughputSuite.machine());
    System.out.println(ThroughputSuite.describe(s));
    System.out.println();
    System.out.println("| kernel | variant | rate | unit |");
    System.out.println("|---|---|---:|---|");
    for (Result r : run(new Bench(s))) {
      System.out.printf(Locale.ROOT, "| %s | %s | %.2f | %s |%n", r.kernel(), r.variant(), r.rate(), r.unit());
    }
  }
}
