package io.metarl.extensions.epg;

/**
 * Running mean and standard deviation of observations, as openai/EPG's {@code Normalizer}
 * ({@code epg/utils.py}, commit bb73d77): sums start at epsilon 1e-2 and the standard deviation is
 * floored at 0.1. Normalised values are clipped to [-10, 10] (as Stable-Baselines' VecNormalize
 * does), which openai/EPG does not do.
 */
final class Normalizer {
  private final double[] sum;
  private final double[] sum2;
  private double count = 1e-2;

  Normalizer(int size) {
    sum = new double[size];
    sum2 = new double[size];
    java.util.Arrays.fill(sum2, 1e-2);
  }

  void update(float[] x) {
    for (int i = 0; i < sum.length; i++) {
      sum[i] += x[i];
      sum2[i] += (double) x[i] * x[i];
    }
    count += 1;
  }

  /** An independent copy of the statistics. */
  Normalizer copy() {
    Normalizer c = new Normalizer(sum.length);
    System.arraycopy(sum, 0, c.sum, 0, sum.length);
    System.arraycopy(sum2, 0, c.sum2, 0, sum2.length);
    c.count = count;
    return c;
  }

  /** Updates with {@code x[offset .. offset + size)}. */
  void update(float[] x, int offset) {
    for (int i = 0; i < sum.length; i++) {
      sum[i] += x[offset + i];
      sum2[i] += (double) x[offset + i] * x[offset + i];
    }
    count += 1;
  }

  /** Normalises {@code x[from ..]} into {@code out[offset ..]}. */
  void normalise(float[] x, int from, double[] out, int offset) {
    for (int i = 0; i < sum.length; i++) {
      double mean = sum[i] / count;
      double sd = Math.sqrt(Math.max(sum2[i] / count - mean * mean, 0.01));
      out[offset + i] = Math.max(-10, Math.min(10, (x[from + i] - mean) / sd));
    }
  }

  void write(java.io.DataOutputStream out) throws java.io.IOException {
    out.writeInt(sum.length);
    for (int i = 0; i < sum.length; i++) {
      out.writeDouble(sum[i]);
      out.writeDouble(sum2[i]);
    }
    out.writeDouble(count);
  }

  void read(java.io.DataInputStream in) throws java.io.IOException {
    int n = in.readInt();
    if (n != sum.length) {
      throw new java.io.IOException("normaliser of " + n + " values, expected " + sum.length);
    }
    for (int i = 0; i < n; i++) {
      sum[i] = in.readDouble();
      sum2[i] = in.readDouble();
    }
    count = in.readDouble();
  }

  /** Writes the normalised {@code x} into {@code out[offset ..]}. */
  void normalise(float[] x, double[] out, int offset) {
    for (int i = 0; i < sum.length; i++) {
      double mean = sum[i] / count;
      double sd = Math.sqrt(Math.max(sum2[i] / count - mean * mean, 0.01));
      out[offset + i] = Math.max(-10, Math.min(10, (x[i] - mean) / sd));
    }
  }
}
