package io.metarl.extensions.metagradient;

/**
 * Gradient ascent on the logits of the meta-parameters: Adam (Kingma and Ba 2015; beta1 0.9, beta2
 * 0.999, epsilon 1e-8, bias-corrected) or plain SGD. Not thread-safe; the caller synchronises.
 */
final class MetaOptimizer {
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPS = 1e-8;
  private final boolean adam;
  private final double rate;
  private final double[] m;
  private final double[] v;
  private int t;

  MetaOptimizer(String type, double rate, int size) {
    this.adam = type.equals("adam");
    this.rate = rate;
    this.m = new double[size];
    this.v = new double[size];
  }

  /** One ascent step: {@code x += step(grad)}. */
  void ascend(double[] x, double[] grad) {
    t++;
    for (int i = 0; i < x.length; i++) {
      if (adam) {
        m[i] = BETA1 * m[i] + (1 - BETA1) * grad[i];
        v[i] = BETA2 * v[i] + (1 - BETA2) * grad[i] * grad[i];
        double mh = m[i] / (1 - Math.pow(BETA1, t));
        double vh = v[i] / (1 - Math.pow(BETA2, t));
        x[i] += rate * mh / (Math.sqrt(vh) + EPS);
      } else {
        x[i] += rate * grad[i];
      }
    }
  }
}
