package io.metarl.extensions.epg;

import java.util.SplittableRandom;

/**
 * A multilayer perceptron in plain Java (double precision) with tanh hidden layers and a linear
 * output, over a flat parameter vector (per layer: weights {@code [out][in]} row-major, then biases),
 * with hand-written backpropagation. Initialisation follows openai/EPG {@code epg/networks.py}
 * (commit bb73d77): Gaussian weights whose every input column is scaled to norm 1 (0.01 for the
 * output layer), zero biases.
 */
public final class Mlp {
  private final int[] sizes;
  private final int[] wOff;
  private final int[] bOff;
  private final int count;

  /** @param sizes input width, hidden widths, output width */
  public Mlp(int... sizes) {
    if (sizes.length < 2) {
      throw new IllegalArgumentException("an MLP needs at least an input and an output size");
    }
    this.sizes = sizes.clone();
    int layers = sizes.length - 1;
    wOff = new int[layers];
    bOff = new int[layers];
    int off = 0;
    for (int l = 0; l < layers; l++) {
      wOff[l] = off;
      off += sizes[l] * sizes[l + 1];
      bOff[l] = off;
      off += sizes[l + 1];
    }
    count = off;
  }

  /** Number of parameters. */
  public int parameterCount() {
    return count;
  }

  /** Output width. */
  public int outputSize() {
    return sizes[sizes.length - 1];
  }

  /** Input width. */
  public int inputSize() {
    return sizes[0];
  }

  /** Writes initial parameters into {@code p[offset ..]}. */
  public void initialise(double[] p, int offset, SplittableRandom rng, double outputScale) {
    int layers = sizes.length - 1;
    for (int l = 0; l < layers; l++) {
      int in = sizes[l];
      int out = sizes[l + 1];
      double scale = l == layers - 1 ? outputScale : 1.0;
      double[] w = new double[in * out];
      for (int i = 0; i < w.length; i++) {
        w[i] = gaussian(rng);
      }
      for (int c = 0; c < in; c++) {
        double s = 0;
        for (int r = 0; r < out; r++) {
          s += w[r * in + c] * w[r * in + c];
        }
        double k = scale / Math.sqrt(Math.max(s, 1e-300));
        for (int r = 0; r < out; r++) {
          w[r * in + c] *= k;
        }
      }
      System.arraycopy(w, 0, p, offset + wOff[l], w.length);
    }
  }

  /** A standard normal draw (Box-Muller; deterministic given the generator). */
  static double gaussian(SplittableRandom rng) {
    double u1 = rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2.0 * Math.log(1.0 - u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** Activations of one forward pass over {@code n} rows; {@code acts[last]} is the output. */
  public final class Trace {
    final int n;
    final double[][] acts;

    Trace(int n) {
      this.n = n;
      acts = new double[sizes.length][];
      for (int l = 0; l < sizes.length; l++) {
        acts[l] = new double[n * sizes[l]];
      }
    }

    /** The input rows ({@code n x in}); fill before {@link Mlp#forward}. */
    public double[] input() {
      return acts[0];
    }

    /** The output rows ({@code n x out}). */
    public double[] output() {
      return acts[sizes.length - 1];
    }

    /** Rows. */
    public int rows() {
      return n;
    }
  }

  /** A trace for {@code n} rows. */
  public Trace newTrace(int n) {
    return new Trace(n);
  }

  /** Forward pass of the rows in {@code tr.input()} with parameters {@code p[offset ..]}. */
  public void forward(double[] p, int offset, Trace tr) {
    int layers = sizes.length - 1;
    for (int l = 0; l < layers; l++) {
      int in = sizes[l];
      int out = sizes[l + 1];
      double[] x = tr.acts[l];
      double[] y = tr.acts[l + 1];
      int w = offset + wOff[l];
      int b = offset + bOff[l];
      boolean hidden = l < layers - 1;
      for (int r = 0; r < tr.n; r++) {
        int xr = r * in;
        int yr = r * out;
        for (int o = 0; o < out; o++) {
          double s = p[b + o];
          int wr = w + o * in;
          for (int i = 0; i < in; i++) {
            s += p[wr + i] * x[xr + i];
          }
          y[yr + o] = hidden ? Math.tanh(s) : s;
        }
      }
    }
  }

  /**
   * Backward pass: adds the gradient of {@code sum(dOut . output)} with respect to the parameters to
   * {@code grad[gOffset ..]}.
   */
  public void backward(double[] p, int offset, Trace tr, double[] dOut, double[] grad, int gOffset) {
    int layers = sizes.length - 1;
    double[] delta = dOut.clone();
    for (int l = layers - 1; l >= 0; l--) {
      int in = sizes[l];
      int out = sizes[l + 1];
      double[] x = tr.acts[l];
      int w = offset + wOff[l];
      int gw = gOffset + wOff[l];
      int gb = gOffset + bOff[l];
      double[] prev = l > 0 ? new double[tr.n * in] : null;
      for (int r = 0; r < tr.n; r++) {
        int xr = r * in;
        for (int o = 0; o < out; o++) {
          double d = delta[r * out + o];
          if (d == 0) {
            continue;
          }
          grad[gb + o] += d;
          int wr = o * in;
          for (int i = 0; i < in; i++) {
            grad[gw + wr + i] += d * x[xr + i];
          }
          if (prev != null) {
            for (int i = 0; i < in; i++) {
              prev[xr + i] += d * p[w + wr + i];
            }
          }
        }
      }
      if (prev != null) {
        for (int k = 0; k < prev.length; k++) {
          double a = x[k];
          prev[k] *= 1 - a * a;
        }
        delta = prev;
      }
    }
  }
}
