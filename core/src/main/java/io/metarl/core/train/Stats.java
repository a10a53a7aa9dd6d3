package io.metarl.core.train;

/** Small statistics helpers (NaN for empty input). */
public final class Stats {
  private Stats() {}

  /** The mean, NaN when empty. */
  public static double mean(double[] x) {
    if (x.length == 0) {
      return Double.NaN;
    }
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  /** The standard error of the mean (sample standard deviation / sqrt(n)); 0 for n = 1, NaN when empty. */
  public static double stderr(double[] x) {
    if (x.length == 0) {
      return Double.NaN;
    }
    if (x.length == 1) {
      return 0;
    }
    double m = mean(x);
    double ss = 0;
    for (double v : x) {
      ss += (v - m) * (v - m);
    }
    return Math.sqrt(ss / (x.length - 1) / x.length);
  }

  /** The median (average of the middle two for even n), NaN when empty. */
  public static double median(double[] x) {
    if (x.length == 0) {
      return Double.NaN;
    }
    double[] s = x.clone();
    java.util.Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}
