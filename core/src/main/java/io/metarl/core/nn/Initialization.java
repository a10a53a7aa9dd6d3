package io.metarl.core.nn;

import java.util.SplittableRandom;

/**
 * How a network's weights are drawn: Glorot-uniform (metarl's original scheme) or orthogonal
 * (Saxe et al. 2014, the initialisation of OpenAI Baselines' and CleanRL's PPO: "37 implementation
 * details of PPO", detail 2), each layer scaled by a gain: the hidden layers by {@code hiddenGain},
 * the policy head by {@code policyGain} (small: a near-uniform or near-zero-mean initial policy), the
 * value head by {@code valueGain}. Biases start at zero, except the LSTM's forget gate (1). The
 * LSTM's gate blocks use gain 1 in both schemes.
 *
 * @param scheme glorot or orthogonal
 * @param hiddenGain gain of the torso's layers (CleanRL: sqrt 2 with orthogonal)
 * @param policyGain gain of the policy head (0.01)
 * @param valueGain gain of the value head (1)
 */
public record Initialization(Scheme scheme, double hiddenGain, double policyGain, double valueGain) {

  /** The weight distributions. */
  public enum Scheme { GLOROT, ORTHOGONAL }

  /** metarl's original initialisation: Glorot-uniform, policy head scaled by 0.01. */
  public static final Initialization DEFAULT = new Initialization(Scheme.GLOROT, 1.0, 0.01, 1.0);

  /** Validates the gains. */
  public Initialization {
    if (!(hiddenGain > 0) || !(policyGain > 0) || !(valueGain > 0)) {
      throw new IllegalArgumentException("initialisation gains must be > 0, got " + hiddenGain + ", " + policyGain
          + ", " + valueGain);
    }
  }

  /** Fills the {@code out x in} row-major matrix at {@code p[off..]} by this scheme, scaled by {@code gain}. */
  void fill(double[] p, int off, int in, int out, double gain, SplittableRandom rng) {
    if (scheme == Scheme.GLOROT) {
      glorot(p, off, in, out, gain, rng);
    } else {
      orthogonal(p, off, in, out, gain, rng);
    }
  }

  /** Uniform in {@code +-gain sqrt(6 / (in + out))}. */
  static void glorot(double[] p, int off, int in, int out, double gain, SplittableRandom rng) {
    double limit = gain * Math.sqrt(6.0 / (in + out));
    for (int i = 0; i < in * out; i++) {
      p[off + i] = rng.nextDouble(-limit, limit);
    }
  }

  /**
   * A (semi-)orthogonal matrix times {@code gain}: the Q factor of a standard-normal {@code m x k}
   * matrix ({@code m = max(out, in)}, {@code k = min}), made unique by a positive diagonal of R (as
   * {@code torch.nn.init.orthogonal_}), obtained by modified Gram-Schmidt. With {@code out >= in} the
   * columns of W are orthonormal, otherwise its rows.
   */
  static void orthogonal(double[] p, int off, int in, int out, double gain, SplittableRandom rng) {
    int m = Math.max(out, in);
    int k = Math.min(out, in);
    double[][] q = new double[k][m]; // k column vectors of length m
    for (int j = 0; j < k; j++) {
      for (int i = 0; i < m; i++) {
        q[j][i] = io.metarl.core.rollout.Rng.standardNormal(rng);
      }
    }
    for (int j = 0; j < k; j++) {
      for (int prev = 0; prev < j; prev++) {
        double dot = 0;
        for (int i = 0; i < m; i++) {
          dot += q[prev][i] * q[j][i];
        }
        for (int i = 0; i < m; i++) {
          q[j][i] -= dot * q[prev][i];
        }
      }
      double norm = 0;
      for (int i = 0; i < m; i++) {
        norm += q[j][i] * q[j][i];
      }
      norm = Math.sqrt(norm);
      for (int i = 0; i < m; i++) {
        q[j][i] /= norm;
      }
    }
    for (int r = 0; r < out; r++) {
      for (int c = 0; c < in; c++) {
        // out >= in: W[r][c] = Q[r][c] (column c of Q); otherwise W = Q^T, W[r][c] = Q[c][r]
        p[off + r * in + c] = gain * (out >= in ? q[c][r] : q[r][c]);
      }
    }
  }
}
