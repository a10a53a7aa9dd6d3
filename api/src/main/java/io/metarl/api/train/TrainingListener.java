package io.metarl.api.train;

/**
 * Observes a training run. Calls may come from several worker threads; implementations synchronise
 * themselves. Listeners must not throw; a listener that does stops the run with its name.
 *
 * <p>Order: {@link #onStart} once before the first step, then episodes and updates, then (when the
 * run evaluates its agent on held-out tasks) one {@link #onEvaluation} per policy, then {@link #onEnd}.
 */
public interface TrainingListener {

  /** The run is about to take its first step (or its first step after a resume). */
  default void onStart(RunInfo run) {}

  /** An episode ended. */
  default void onEpisode(EpisodeRecord episode) {}

  /** An update was applied. */
  default void onUpdate(UpdateRecord update) {}

  /** A policy (the trained agent, or a baseline on the same tasks) was evaluated on held-out tasks. */
  default void onEvaluation(EvaluationRecord evaluation) {}

  /** The run ended (normally or not); flush and close. */
  default void onEnd() {}
}
