package io.metarl.core.agent;

/**
 * How a learner reaches the agent's parameters: the array it acts and differentiates with, and how
 * its gradient becomes a parameter update. This is where algorithms differ in how they share
 * parameters: a synchronous agent (A2C) hands its learner the global parameters themselves; an
 * asynchronous one (A3C) gives each worker a local copy that is re-read after each of its updates.
 */
public interface ParameterAccess {

  /** The parameters the learner computes with; valid until the next {@link #apply} or {@link #refresh}. */
  double[] current();

  /**
   * Applies a loss gradient to the agent's parameters and makes {@link #current()} reflect them.
   *
   * @return the gradient's global norm before clipping
   * @throws IllegalStateException when the step was undone (a parameter became non-finite)
   */
  double apply(double[] grad);

  /** Makes {@link #current()} reflect the agent's parameters (after a load or a resume). */
  void refresh();

  /** The optimiser's learning rate now. */
  double learningRate();

  /**
   * Direct access to {@code store}: the learner computes with the global parameters themselves and
   * steps them in place (a synchronous, single-writer scheme; no copy, no lock).
   */
  static ParameterAccess direct(ParameterStore store) {
    return new ParameterAccess() {
      @Override
      public double[] current() {
        return store.values();
      }

      @Override
      public double apply(double[] grad) {
        return store.step(grad);
      }

      @Override
      public void refresh() {}

      @Override
      public double learningRate() {
        return store.learningRate();
      }
    };
  }
}
