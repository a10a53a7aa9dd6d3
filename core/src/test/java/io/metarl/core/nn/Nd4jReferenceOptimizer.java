package io.metarl.core.nn;

import io.metarl.core.config.OptimizerSettings;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The ND4J-backed optimiser that {@link Optimizer} replaced (commit 4eb4ce6), kept unchanged as the
 * reference for {@code OptimizerTest}. A first-order optimiser over a flat parameter vector, delegating the update rule to ND4J's own
 * updaters (RMSProp, Adam, SGD), with optional global gradient-norm clipping. One ND4J call per
 * update, not per parameter.
 */
final class Nd4jReferenceOptimizer {
  private final GradientUpdater<?> updater;
  private final INDArray gradient;
  private final INDArray state;
  private final double maxGradNorm;
  private final IUpdater config;
  private final OptimizerSettings settings;
  private double learningRate;
  private int iteration;

  /**
   * @param settings the optimiser block
   * @param parameters number of parameters
   */
  Nd4jReferenceOptimizer(OptimizerSettings settings, int parameters) {
    IUpdater config = switch (settings.type()) {
      case "adam" -> new Adam(settings.learningRate(), 0.9, 0.999, settings.epsilon());
      case "sgd" -> new Sgd(settings.learningRate());
      default -> new RmsProp(settings.learningRate(), settings.rmsDecay(), settings.epsilon());
    };
    long stateSize = config.stateSize(parameters);
    this.state = stateSize > 0 ? Nd4j.zeros(DataType.DOUBLE, 1, stateSize) : null;
    this.config = config;
    this.settings = settings;
    this.updater = config.instantiate(state, true);
    this.gradient = Nd4j.zeros(DataType.DOUBLE, 1, parameters);
    this.maxGradNorm = settings.maxGradNorm();
    this.learningRate = settings.learningRate();
  }

  /**
   * Clips {@code grad} to the maximal global norm (if enabled) and applies one update to {@code params}
   * in place.
   *
   * @return the gradient's global norm before clipping
   */
  public double step(double[] params, double[] grad) {
    double norm = 0;
    for (double g : grad) {
      norm += g * g;
    }
    norm = Math.sqrt(norm);
    double scale = maxGradNorm > 0 && norm > maxGradNorm ? maxGradNorm / norm : 1.0;
    double[] g = grad;
    if (scale != 1.0) {
      g = grad.clone();
      for (int i = 0; i < g.length; i++) {
        g[i] *= scale;
      }
    }
    gradient.assign(Nd4j.createFromArray(g).reshape(1, g.length));
    updater.applyUpdater(gradient, iteration++, 0);
    double[] update = gradient.toDoubleVector();
    for (int i = 0; i < params.length; i++) {
      params[i] -= update[i];
    }
    return norm;
  }

  /** The learning rate in use. */
  public double learningRate() {
    return learningRate;
  }

  /** Sets the learning rate for {@code fraction} of the training budget used (the settings' schedule). */
  public void progress(double fraction) {
    double lr = settings.learningRateAt(fraction);
    if (lr != learningRate) {
      learningRate = lr;
      config.setLrAndSchedule(lr, null);
    }
  }

  /** Updates applied so far. */
  public int iterations() {
    return iteration;
  }

  /** The updater's state (e.g. RMSProp's running averages), for checkpoints; empty for SGD. */
  public double[] state() {
    return state == null ? new double[0] : state.toDoubleVector();
  }

  /** Restores {@link #state()} and the iteration counter. */
  public void restore(double[] values, int iterations) {
    if (state != null) {
      if (values.length != state.length()) {
        throw new IllegalArgumentException("optimizer state has " + values.length + " values, expected " + state.length());
      }
      state.assign(Nd4j.createFromArray(values).reshape(1, values.length));
    }
    this.iteration = iterations;
  }
}
