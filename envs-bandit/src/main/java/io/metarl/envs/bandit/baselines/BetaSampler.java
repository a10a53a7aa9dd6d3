package io.metarl.envs.bandit.baselines;

import java.util.random.RandomGenerator;

/**
 * Beta and Gamma variates from a {@link RandomGenerator}: Gamma by Marsaglia and Tsang (2000), "A
 * simple method for generating gamma variables" (shape < 1 by the boost {@code G(a) = G(a+1) U^(1/a)}),
 * and {@code Beta(a, b) = X / (X + Y)} with {@code X ~ Gamma(a)}, {@code Y ~ Gamma(b)}.
 */
public final class BetaSampler {
  private BetaSampler() {}

  /** A Beta(a, b) variate, {@code a, b > 0}. */
  public static double beta(double a, double b, RandomGenerator rng) {
    double x = gamma(a, rng);
    double y = gamma(b, rng);
    double s = x + y;
    return s > 0 ? x / s : (rng.nextDouble() < a / (a + b) ? 1.0 : 0.0);
  }

  /** A Gamma(shape, 1) variate, {@code shape > 0}. */
  public static double gamma(double shape, RandomGenerator rng) {
    if (shape < 1) {
      double u = rng.nextDouble();
      return gamma(shape + 1, rng) * Math.pow(u, 1.0 / shape);
    }
    double d = shape - 1.0 / 3.0;
    double c = 1.0 / Math.sqrt(9.0 * d);
    while (true) {
      double x;
      double v;
      do {
        x = rng.nextGaussian();
        v = 1.0 + c * x;
      } while (v <= 0);
      v = v * v * v;
      double u = rng.nextDouble();
      double x2 = x * x;
      if (u < 1.0 - 0.0331 * x2 * x2) {
        return d * v;
      }
      if (Math.log(u) < 0.5 * x2 + d * (1.0 - v + Math.log(v))) {
        return d * v;
      }
    }
  }
}
