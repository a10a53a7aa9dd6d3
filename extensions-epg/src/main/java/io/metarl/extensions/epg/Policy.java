package io.metarl.extensions.epg;

import java.util.SplittableRandom;

/**
 * The inner loop's policy: an MLP (tanh hidden layers, 64-64 by default) whose output is either the
 * action probabilities (softmax, discrete actions) or the Gaussian mean with a state-independent
 * log standard deviation (continuous actions), as openai/EPG's {@code DiscreteGenericAgent} and
 * {@code ContinuousGenericAgent} ({@code epg/agents.py}, commit bb73d77). The "policy output" fed to
 * the loss network is the probabilities, or the mean followed by the log-std.
 *
 * <p>With a bounded continuous action box the mean is squashed into it,
 * {@code centre + half-width * tanh(z)} (a departure from openai/EPG's linear mean: with clipped
 * actions an unbounded mean can leave the box, after which every sample is clipped to the same action
 * and the gradient carries no signal; we saw A2C runs on point-goal diverge that way).
 *
 * <p>Parameter layout: the MLP's parameters, then (continuous only) one log-std per action dimension.
 */
public final class Policy {
  private final Mlp mlp;
  private final int actions;
  private final boolean discrete;
  private final double[] centre;
  private final double[] half;

  /**
   * A policy with an unbounded (linear) mean for continuous actions.
   *
   * @param observationSize observation width
   * @param actions number of discrete actions, or the action dimension
   * @param discrete whether actions are discrete
   * @param hidden hidden widths
   */
  public Policy(int observationSize, int actions, boolean discrete, int[] hidden) {
    this(observationSize, actions, discrete, hidden, null, null);
  }

  /**
   * @param observationSize observation width
   * @param actions number of discrete actions, or the action dimension
   * @param discrete whether actions are discrete
   * @param hidden hidden widths
   * @param low lower action bounds (continuous; null or any infinite bound: linear mean)
   * @param high upper action bounds
   */
  public Policy(int observationSize, int actions, boolean discrete, int[] hidden, float[] low, float[] high) {
    int[] sizes = new int[hidden.length + 2];
    sizes[0] = observationSize;
    System.arraycopy(hidden, 0, sizes, 1, hidden.length);
    sizes[sizes.length - 1] = actions;
    this.mlp = new Mlp(sizes);
    this.actions = actions;
    this.discrete = discrete;
    boolean bounded = !discrete && low != null && high != null;
    if (bounded) {
      for (int i = 0; i < actions; i++) {
        bounded &= Float.isFinite(low[i]) && Float.isFinite(high[i]);
      }
    }
    if (bounded) {
      centre = new double[actions];
      half = new double[actions];
      for (int i = 0; i < actions; i++) {
        centre[i] = 0.5 * ((double) low[i] + high[i]);
        half[i] = 0.5 * ((double) high[i] - low[i]);
      }
    } else {
      centre = half = null;
    }
  }

  /** Number of parameters. */
  public int parameterCount() {
    return mlp.parameterCount() + (discrete ? 0 : actions);
  }

  /** Width of the policy output: the number of actions, or twice the action dimension. */
  public int outputSize() {
    return discrete ? actions : 2 * actions;
  }

  /** Discrete actions? */
  public boolean discrete() {
    return discrete;
  }

  /** Number of actions or action dimension. */
  public int actions() {
    return actions;
  }

  /** Observation width. */
  public int observationSize() {
    return mlp.inputSize();
  }

  /** Fresh parameters (log-std 0, a near-uniform/near-zero initial policy). */
  public double[] initialParameters(SplittableRandom rng) {
    double[] p = new double[parameterCount()];
    mlp.initialise(p, 0, rng, 0.01);
    return p;
  }

  /** A forward pass over rows: the MLP's trace and the policy outputs ({@code rows x outputSize}). */
  public final class Pass {
    final Mlp.Trace trace;
    /** Policy outputs, row-major. */
    public final double[] out;

    Pass(int rows) {
      trace = mlp.newTrace(rows);
      out = new double[rows * outputSize()];
    }

    /** Observation rows to fill before {@link Policy#forward}. */
    public double[] input() {
      return trace.input();
    }

    /** Rows. */
    public int rows() {
      return trace.rows();
    }
  }

  /** A pass for {@code rows} rows. */
  public Pass newPass(int rows) {
    return new Pass(rows);
  }

  /** Computes the policy outputs of the observations in {@code pass.input()}. */
  public void forward(double[] theta, Pass pass) {
    mlp.forward(theta, 0, pass.trace);
    double[] z = pass.trace.output();
    int n = pass.rows();
    int w = outputSize();
    if (discrete) {
      for (int r = 0; r < n; r++) {
        int o = r * actions;
        double max = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < actions; a++) {
          max = Math.max(max, z[o + a]);
        }
        double s = 0;
        for (int a = 0; a < actions; a++) {
          double e = Math.exp(z[o + a] - max);
          pass.out[o + a] = e;
          s += e;
        }
        for (int a = 0; a < actions; a++) {
          pass.out[o + a] /= s;
        }
      }
    } else {
      int ls = mlp.parameterCount();
      for (int r = 0; r < n; r++) {
        for (int a = 0; a < actions; a++) {
          double zz = z[r * actions + a];
          pass.out[r * w + a] = half == null ? zz : centre[a] + half[a] * Math.tanh(zz);
          pass.out[r * w + actions + a] = theta[ls + a];
        }
      }
    }
  }

  /** Adds the gradient of {@code sum(dOut . outputs)} with respect to {@code theta} to {@code grad}. */
  public void backward(double[] theta, Pass pass, double[] dOut, double[] grad) {
    int n = pass.rows();
    double[] dz = new double[n * actions];
    if (discrete) {
      for (int r = 0; r < n; r++) {
        int o = r * actions;
        double dot = 0;
        for (int a = 0; a < actions; a++) {
          dot += pass.out[o + a] * dOut[o + a];
        }
        for (int a = 0; a < actions; a++) {
          dz[o + a] = pass.out[o + a] * (dOut[o + a] - dot);
        }
      }
    } else {
      int w = outputSize();
      int ls = mlp.parameterCount();
      for (int r = 0; r < n; r++) {
        for (int a = 0; a < actions; a++) {
          double d = dOut[r * w + a];
          if (half != null) {
            double t = (pass.out[r * w + a] - centre[a]) / half[a];
            d *= half[a] * (1 - t * t);
          }
          dz[r * actions + a] = d;
          grad[ls + a] += dOut[r * w + actions + a];
        }
      }
    }
    mlp.backward(theta, 0, pass.trace, dz, grad, 0);
  }

  /**
   * Samples an action for row {@code r}: fills {@code action} with a one-hot vector (discrete) or the
   * Gaussian draw (continuous); returns the discrete index, or -1.
   */
  public int sample(Pass pass, int r, SplittableRandom rng, double[] action) {
    int w = outputSize();
    if (discrete) {
      double u = rng.nextDouble();
      int chosen = actions - 1;
      double c = 0;
      for (int a = 0; a < actions; a++) {
        c += pass.out[r * w + a];
        if (u < c) {
          chosen = a;
          break;
        }
      }
      java.util.Arrays.fill(action, 0);
      action[chosen] = 1;
      return chosen;
    }
    for (int a = 0; a < actions; a++) {
      action[a] = pass.out[r * w + a] + Math.exp(pass.out[r * w + actions + a]) * Mlp.gaussian(rng);
    }
    return -1;
  }
}
