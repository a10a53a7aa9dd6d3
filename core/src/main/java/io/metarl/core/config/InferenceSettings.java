package io.metarl.core.config;

import com.typesafe.config.Config;
import io.metarl.api.agent.Mode;
import io.metarl.api.plugin.Settings;
import java.util.List;
import java.util.Locale;

/**
 * The {@code metarl.inference} block: unseen tasks played with frozen weights.
 *
 * @param trials number of trials (tasks)
 * @param episodesPerTrial episodes per trial
 * @param maxSteps per-episode step limit on top of the environment's own, 0 for none
 * @param lanes environments stepped together
 * @param mode how actions are chosen
 * @param baselines agent plugins (e.g. gittins, ucb1) played on the same held-out tasks for comparison
 */
public record InferenceSettings(int trials, int episodesPerTrial, int maxSteps, int lanes, Mode mode, List<String> baselines) {

  /** Settings without baselines. */
  public InferenceSettings(int trials, int episodesPerTrial, int maxSteps, int lanes, Mode mode) {
    this(trials, episodesPerTrial, maxSteps, lanes, mode, List.of());
  }

  /** Reads and range-checks the block. */
  public static InferenceSettings from(Config c) {
    return new InferenceSettings(
        Settings.intAtLeast(c, "trials", 1),
        Settings.intAtLeast(c, "episodes-per-trial", 1),
        Settings.intAtLeast(c, "max-steps", 0),
        Settings.intAtLeast(c, "lanes", 1),
        Mode.valueOf(Settings.oneOf(c, "mode", "explore", "greedy").toUpperCase(Locale.ROOT)),
        c.getStringList("baselines"));
  }
}
