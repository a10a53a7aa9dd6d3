package io.metarl.api.train;

/**
 * Observes a training run. Calls may come from several worker threads; implementations synchronise
 * themselves. Listeners must not throw; a listener that does stops the run with its name.
 */
public interface TrainingListener {

  /** An episode ended. */
  default void onEpisode(EpisodeRecord episode) {}

  /** An update was applied. */
  default void onUpdate(UpdateRecord update) {}

  /** The run ended (normally or not); flush and close. */
  default void onEnd() {}
}
