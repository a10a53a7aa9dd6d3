package io.metarl.core.agent;

import io.metarl.core.config.OptimizerSettings;
import io.metarl.core.nn.Optimizer;
import java.io.IOException;
import java.nio.file.Path;

/**
 * An agent's global parameters and the optimiser that updates them. Not thread-safe: a synchronous
 * agent owns it alone; an asynchronous one guards it with its own lock.
 *
 * <p>Invariant: the parameters are always finite. A step that would make one non-finite is undone
 * (the parameters are restored bit for bit) and reported.
 */
public final class ParameterStore {
  private final double[] params;
  private final Optimizer optimizer;
  // The parameters before the optimiser step, to undo a step that made one non-finite.
  private double[] rollback;

  /** A store holding {@code initial} (not copied), updated by an optimiser of {@code settings}. */
  public ParameterStore(double[] initial, OptimizerSettings settings) {
    this.params = initial;
    this.optimizer = new Optimizer(settings, initial.length);
  }

  /** The live parameter array (a synchronous learner computes with it directly). */
  public double[] values() {
    return params;
  }

  /** The number of parameters. */
  public int size() {
    return params.length;
  }

  /** Copies the parameters into {@code dst}. */
  public void copyInto(double[] dst) {
    System.arraycopy(params, 0, dst, 0, params.length);
  }

  /**
   * One optimiser step along {@code grad} (a loss gradient: the step descends it).
   *
   * @return the gradient's global norm before clipping
   * @throws IllegalStateException when the step made a parameter non-finite (the step is undone)
   */
  public double step(double[] grad) {
    if (rollback == null) {
      rollback = new double[params.length];
    }
    double[] before = rollback;
    System.arraycopy(params, 0, before, 0, params.length);
    double norm = optimizer.step(params, grad);
    for (int i = 0; i < params.length; i++) {
      if (!Double.isFinite(params[i])) {
        System.arraycopy(before, 0, params, 0, params.length);
        throw new IllegalStateException("parameter " + i + " became non-finite after the optimizer step (gradient norm "
            + norm + "); the update was undone");
      }
    }
    return norm;
  }

  /** The optimiser's current learning rate. */
  public double learningRate() {
    return optimizer.learningRate();
  }

  /** The fraction of the training budget used so far (learning-rate schedules). */
  public void progress(double fraction) {
    optimizer.progress(fraction);
  }

  /** Writes the parameter files of {@link ParameterFiles} into {@code dir}. */
  public void save(Path dir, String description) throws IOException {
    ParameterFiles.save(dir, description, params, optimizer.state(), optimizer.iterations());
  }

  /** Reads the parameter files of {@code dir} (all checked before anything is changed). */
  public void load(Path dir, String description) throws IOException {
    ParameterFiles.Loaded l = ParameterFiles.load(dir, description, params.length, optimizer.state().length);
    optimizer.restore(l.optimizerState(), l.iterations());
    System.arraycopy(l.parameters(), 0, params, 0, params.length);
  }
}
