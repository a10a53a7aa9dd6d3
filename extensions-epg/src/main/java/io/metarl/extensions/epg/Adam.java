package io.metarl.extensions.epg;

/**
 * Adam over a flat {@code double[]} in plain Java (Kingma and Ba 2015), as in openai/EPG
 * {@code epg/utils.py} (commit bb73d77): bias-corrected step size {@code lr * sqrt(1 - b2^t) / (1 - b1^t)},
 * {@code eps} added to {@code sqrt(v)}. It descends: {@code params -= step}; pass a negated gradient to
 * ascend. No native calls, so population members can run it on many threads.
 */
public final class Adam {
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final double[] m;
  private final double[] v;
  private double learningRate;
  private int t;

  /**
   * @param size number of parameters
   * @param learningRate step size
   * @param beta1 first-moment decay (openai/EPG's outer loop uses 0)
   * @param beta2 second-moment decay
   * @param epsilon numerical epsilon
   */
  public Adam(int size, double learningRate, double beta1, double beta2, double epsilon) {
    this.m = new double[size];
    this.v = new double[size];
    this.learningRate = learningRate;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
  }

  /** Adam with the usual moments (0.9, 0.999) and epsilon 1e-8. */
  public Adam(int size, double learningRate) {
    this(size, learningRate, 0.9, 0.999, 1e-8);
  }

  /** Sets the step size (for schedules). */
  public void setLearningRate(double lr) {
    this.learningRate = lr;
  }

  /** One descent step on {@code params[offset .. offset + grad.length)} given its gradient. */
  public void step(double[] params, int offset, double[] grad) {
    t++;
    double a = learningRate * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
    for (int i = 0; i < grad.length; i++) {
      double g = grad[i];
      m[i] = beta1 * m[i] + (1 - beta1) * g;
      v[i] = beta2 * v[i] + (1 - beta2) * g * g;
      params[offset + i] -= a * m[i] / (Math.sqrt(v[i]) + epsilon);
    }
  }

  /** One descent step on all of {@code params}. */
  public void step(double[] params, double[] grad) {
    step(params, 0, grad);
  }

  /** Steps taken. */
  public int iterations() {
    return t;
  }

  /** First moments (live view, for checkpoints). */
  double[] firstMoments() {
    return m;
  }

  /** Second moments (live view, for checkpoints). */
  double[] secondMoments() {
    return v;
  }

  /** Restores the state saved from {@link #firstMoments()}, {@link #secondMoments()} and {@link #iterations()}. */
  void restore(double[] first, double[] second, int iterations) {
    if (first.length != m.length || second.length != v.length) {
      throw new IllegalArgumentException("Adam state of size " + first.length + " for " + m.length + " parameters");
    }
    System.arraycopy(first, 0, m, 0, m.length);
    System.arraycopy(second, 0, v, 0, v.length);
    t = iterations;
  }
}
