package io.metarl.extensions.epg;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Small statistics helpers: order statistics for reports, and the seeded normal draws of the module. */
public final class Stats {
  private Stats() {}

  /** The median (NaN when empty). */
  public static double median(double[] x) {
    return quantile(x, 0.5);
  }

  /** The {@code q}-quantile with linear interpolation between order statistics (numpy's default). */
  public static double quantile(double[] x, double q) {
    if (x.length == 0) {
      return Double.NaN;
    }
    double[] s = x.clone();
    Arrays.sort(s);
    double pos = q * (s.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, s.length - 1);
    return s[lo] + (pos - lo) * (s[hi] - s[lo]);
  }

  /**
   * A standard normal draw (Box-Muller; deterministic given the generator). ES noise, phi's
   * initialisation and the inner loop's Gaussian actions all draw through it.
   */
  public static double gaussian(SplittableRandom rng) {
    return io.metarl.core.rollout.Rng.standardNormal(rng);
  }
}
