package io.metarl.envs.mdp.baselines;

import java.util.random.RandomGenerator;

/** Gamma(shape, 1) draws (Marsaglia and Tsang 2000; shape < 1 by the boost {@code G(a+1) U^(1/a)}). */
final class Gamma {
  private Gamma() {}

  static double sample(double shape, RandomGenerator rng) {
    if (shape < 1) {
      double u = rng.nextDouble();
      return sample(shape + 1, rng) * Math.pow(u, 1.0 / shape);
    }
    double d = shape - 1.0 / 3.0;
    double c = 1.0 / Math.sqrt(9 * d);
    while (true) {
      double x = rng.nextGaussian();
      double v = 1 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = rng.nextDouble();
      if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
        return d * v;
      }
    }
  }
}
