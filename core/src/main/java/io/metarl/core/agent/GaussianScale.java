package io.metarl.core.agent;

import io.metarl.core.nn.ActorCriticNetwork;

/**
 * The standard deviations of a Gaussian policy and the gradient into their parameters. Either one
 * learned log standard deviation per action dimension, or gSDE's state-dependent one ({@link
 * Exploration}): {@code sigma_j(s)^2 = sum_i phi_i(s)^2 exp(2 theta_ij) + 1e-6}, with the policy
 * head's input phi treated as a constant (Stable-Baselines3's {@code learn_features = False}; its
 * epsilon keeps sigma positive where the features vanish), so that
 * {@code d log sigma_j(s) / d theta_ij = phi_i^2 exp(2 theta_ij) / sigma_j(s)^2}.
 */
final class GaussianScale {
  private final int offset;
  private final int p;
  private final int width;
  private final boolean stateDependent;
  private static final double EPSILON = 1e-6;

  GaussianScale(ActorCriticNetwork network) {
    this.offset = network.logStdOffset();
    this.p = network.spec().policyOutputs();
    this.width = network.policyFeatureWidth();
    this.stateDependent = network.spec().stateDependentNoise();
  }

  boolean stateDependent() {
    return stateDependent;
  }

  /** Writes log sigma of samples {@code first .. first + n - 1} ({@code features} row-major) to {@code out}. */
  void logStd(double[] params, double[] features, int first, int n, double[] out) {
    for (int s = 0; s < n; s++) {
      if (!stateDependent) {
        System.arraycopy(params, offset, out, s * p, p);
        continue;
      }
      int f = (first + s) * width;
      for (int j = 0; j < p; j++) {
        double var = EPSILON;
        for (int i = 0; i < width; i++) {
          double phi = features[f + i];
          var += phi * phi * Math.exp(2 * params[offset + i * p + j]);
        }
        out[s * p + j] = 0.5 * Math.log(var);
      }
    }
  }

  /**
   * Adds to {@code grad} the gradient of a loss whose derivatives with respect to the samples' log
   * sigma are {@code dLogStd} ({@code [n][p]}): summed over the samples per action dimension, or
   * spread over the noise matrix by the samples' features.
   */
  void backward(double[] params, double[] features, int first, int n, double[] dLogStd, double[] grad) {
    if (!stateDependent) {
      double[] sum = new double[p];
      for (int s = 0; s < n; s++) {
        for (int j = 0; j < p; j++) {
          sum[j] += dLogStd[s * p + j];
        }
      }
      for (int j = 0; j < p; j++) {
        grad[offset + j] += sum[j];
      }
      return;
    }
    double[] share = new double[width];
    for (int s = 0; s < n; s++) {
      int f = (first + s) * width;
      for (int j = 0; j < p; j++) {
        double var = EPSILON;
        for (int i = 0; i < width; i++) {
          double phi = features[f + i];
          share[i] = phi * phi * Math.exp(2 * params[offset + i * p + j]);
          var += share[i];
        }
        double g = dLogStd[s * p + j] / var;
        for (int i = 0; i < width; i++) {
          grad[offset + i * p + j] += g * share[i];
        }
      }
    }
  }

  /** Draws a noise matrix {@code E_ij ~ N(0, exp(theta_ij)^2)} into {@code out} ({@code width x p}). */
  void drawNoise(double[] params, io.metarl.core.rollout.Rng rng, double[] out) {
    for (int k = 0; k < width * p; k++) {
      out[k] = Math.exp(params[offset + k]) * io.metarl.core.rollout.Rng.standardNormal(rng);
    }
  }

  /** The noise {@code sum_i phi_i E_ij} of action dimension {@code j} for the features at {@code features[f..]}. */
  double noise(double[] features, int f, double[] matrix, int j) {
    double e = 0;
    for (int i = 0; i < width; i++) {
      e += features[f + i] * matrix[i * p + j];
    }
    return e;
  }

  int width() {
    return width;
  }
}
