package io.metarl.core.nn;

import io.metarl.core.config.OptimizerSettings;

/**
 * A first-order optimiser over a flat parameter vector (RMSProp, Adam, SGD), with optional global
 * gradient-norm clipping. The update runs in place in plain Java, with no allocation per update.
 *
 * <p>The update rules, their state and its layout are those of ND4J's updaters ({@code RmsProp},
 * {@code Adam} with beta1 0.9 and beta2 0.999, {@code Sgd}), which this class delegated to before;
 * {@code OptimizerTest} keeps ND4J as the reference. In particular the RMSProp running average
 * starts at epsilon (not 0), Adam's bias correction uses {@code iterations + 1}, and the state vector
 * ({@link #state()}, stored in checkpoints) is RMSProp's running average, or Adam's first moments
 * followed by its second moments.
 */
public final class Optimizer {
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;

  private enum Rule { RMSPROP, ADAM, SGD }

  private final Rule rule;
  private final int size;
  private final double[] state;
  private final double maxGradNorm;
  private final double rmsDecay;
  private final double epsilon;
  private final OptimizerSettings settings;
  private double learningRate;
  private int iteration;

  /**
   * @param settings the optimiser block
   * @param parameters number of parameters
   */
  public Optimizer(OptimizerSettings settings, int parameters) {
    this.rule = switch (settings.type()) {
      case "adam" -> Rule.ADAM;
      case "sgd" -> Rule.SGD;
      default -> Rule.RMSPROP;
    };
    this.size = parameters;
    this.settings = settings;
    this.maxGradNorm = settings.maxGradNorm();
    this.rmsDecay = settings.rmsDecay();
    this.epsilon = settings.epsilon();
    this.learningRate = settings.learningRate();
    this.state = switch (rule) {
      case RMSPROP -> new double[parameters];
      case ADAM -> new double[2 * parameters];
      case SGD -> new double[0];
    };
    if (rule == Rule.RMSPROP) {
      java.util.Arrays.fill(state, epsilon); // as ND4J's RmsPropUpdater initialises its state
    }
  }

  /**
   * Clips {@code grad} to the maximal global norm (if enabled) and applies one update to {@code params}
   * in place; {@code grad} is left unchanged.
   *
   * @return the gradient's global norm before clipping
   */
  public double step(double[] params, double[] grad) {
    if (params.length != size || grad.length != size) {
      throw new IllegalArgumentException("expected " + size + " parameters and gradients, got " + params.length
          + " and " + grad.length);
    }
    double norm = 0;
    for (double g : grad) {
      norm += g * g;
    }
    norm = Math.sqrt(norm);
    double scale = maxGradNorm > 0 && norm > maxGradNorm ? maxGradNorm / norm : 1.0;
    boolean clip = scale != 1.0;
    double lr = learningRate;
    switch (rule) {
      case RMSPROP -> {
        double decay = rmsDecay;
        double keep = 1 - decay;
        double eps = epsilon;
        for (int i = 0; i < size; i++) {
          double g = clip ? grad[i] * scale : grad[i];
          double s = state[i] * decay + g * g * keep;
          state[i] = s;
          params[i] -= (lr * g) / (Math.sqrt(s) + eps);
        }
      }
      case ADAM -> {
        int t = iteration + 1;
        double beta1T = Math.pow(BETA1, t);
        double beta2T = Math.pow(BETA2, t);
        double alpha = lr * Math.sqrt(1.0 - beta2T) / (1.0 - beta1T);
        if (Double.isNaN(alpha) || Double.isInfinite(alpha) || alpha == 0) {
          alpha = epsilon;
        }
        double eps = epsilon;
        for (int i = 0, v = size; i < size; i++, v++) {
          double g = clip ? grad[i] * scale : grad[i];
          double m = BETA1 * state[i] + g * (1 - BETA1);
          double u = BETA2 * state[v] + g * g * (1 - BETA2);
          state[i] = m;
          state[v] = u;
          params[i] -= (m * alpha) / (Math.sqrt(u) + eps);
        }
      }
      case SGD -> {
        for (int i = 0; i < size; i++) {
          double g = clip ? grad[i] * scale : grad[i];
          params[i] -= lr * g;
        }
      }
      default -> throw new IllegalStateException(rule.toString());
    }
    iteration++;
    return norm;
  }

  /** The learning rate in use. */
  public double learningRate() {
    return learningRate;
  }

  /** Sets the learning rate for {@code fraction} of the training budget used (the settings' schedule). */
  public void progress(double fraction) {
    learningRate = settings.learningRateAt(fraction);
  }

  /** Updates applied so far. */
  public int iterations() {
    return iteration;
  }

  /** The updater's state (e.g. RMSProp's running averages), for checkpoints; empty for SGD. */
  public double[] state() {
    return state.clone();
  }

  /** Restores {@link #state()} and the iteration counter. */
  public void restore(double[] values, int iterations) {
    if (state.length > 0) {
      if (values.length != state.length) {
        throw new IllegalArgumentException("optimizer state has " + values.length + " values, expected " + state.length);
      }
      System.arraycopy(values, 0, state, 0, state.length);
    }
    this.iteration = iterations;
  }
}
