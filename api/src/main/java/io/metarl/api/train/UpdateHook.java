package io.metarl.api.train;

/**
 * A training listener that takes part in each update (research extensions such as meta-gradients):
 * {@link #beforeUpdate} runs after the returns are estimated and before the learner learns;
 * {@link #afterUpdate} right after. Called on the worker's thread; with several workers (A3C) each
 * worker calls it for its own updates.
 */
public interface UpdateHook extends TrainingListener {

  /** Before the learner learns from {@code context.batch()}. */
  default void beforeUpdate(UpdateContext context) {}

  /** After the learner has applied its update. */
  default void afterUpdate(UpdateContext context) {}
}
