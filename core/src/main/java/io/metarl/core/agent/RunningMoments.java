package io.metarl.core.agent;

import java.util.Arrays;

/**
 * Running means and (population) variances of {@code k} quantities, merged batch by batch with Chan et
 * al.'s parallel formula, starting as Stable-Baselines3's {@code RunningMeanStd} does: mean 0, variance
 * 1, a pseudo-count of 1e-4. Shared by observation normalisation and reward scaling.
 */
final class RunningMoments {
  final double[] mean;
  final double[] var;
  double count = 1e-4;

  RunningMoments(int k) {
    mean = new double[k];
    var = new double[k];
    Arrays.fill(var, 1.0);
  }

  /** Takes in a batch of {@code n} values per quantity with means {@code bMean} and variances {@code bVar}. */
  void merge(double[] bMean, double[] bVar, double n) {
    double total = count + n;
    for (int i = 0; i < mean.length; i++) {
      double delta = bMean[i] - mean[i];
      double m2 = var[i] * count + bVar[i] * n + delta * delta * count * n / total;
      mean[i] += delta * n / total;
      var[i] = m2 / total;
    }
    count = total;
  }
}
