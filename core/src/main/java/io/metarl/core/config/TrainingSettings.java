package io.metarl.core.config;

import com.typesafe.config.Config;
import io.metarl.api.plugin.Settings;

/**
 * The {@code metarl.training} block.
 *
 * @param trials trials of the budget (a trial = one sampled task)
 * @param episodesPerTrial episodes per trial; the memory of a recurrent agent persists across them
 * @param maxSteps per-episode step limit on top of the environment's own, 0 for none
 * @param envSteps environment-step budget, 0 for none
 * @param lanes environments stepped together per worker
 * @param rolloutLength steps per lane between updates
 * @param progressInterval seconds between console progress lines, 0 for none
 * @param checkpointEvery updates between resumable checkpoints, 0 for none by count
 * @param checkpointMinutes minutes between resumable checkpoints, 0 for none by time
 * @param checkpointsKept resumable checkpoints kept (the newest)
 * @param skipFailedEpisodes skip an episode whose environment fails instead of stopping the run
 * @param recordEvery updates between recorded episodes (GIFs in the run directory), 0 for none
 * @param initFrom a checkpoint (or run directory) whose weights and optimiser state start the training
 *     (warm start, e.g. a curriculum's earlier stage), empty for freshly initialised weights
 */
public record TrainingSettings(
    long trials, int episodesPerTrial, int maxSteps, long envSteps, int lanes, int rolloutLength,
    double progressInterval, int checkpointEvery, double checkpointMinutes, int checkpointsKept,
    boolean skipFailedEpisodes, int recordEvery, String initFrom) {

  /** Settings without a warm start. */
  public TrainingSettings(long trials, int episodesPerTrial, int maxSteps, long envSteps, int lanes, int rolloutLength,
      double progressInterval, int checkpointEvery, double checkpointMinutes, int checkpointsKept,
      boolean skipFailedEpisodes, int recordEvery) {
    this(trials, episodesPerTrial, maxSteps, envSteps, lanes, rolloutLength, progressInterval, checkpointEvery,
        checkpointMinutes, checkpointsKept, skipFailedEpisodes, recordEvery, "");
  }

  /** Settings without periodic checkpoints (tests, benchmarks). */
  public TrainingSettings(long trials, int episodesPerTrial, int maxSteps, long envSteps, int lanes, int rolloutLength,
      double progressInterval) {
    this(trials, episodesPerTrial, maxSteps, envSteps, lanes, rolloutLength, progressInterval, 0, 0, 1, false, 0);
  }

  /** Reads and range-checks the block. */
  public static TrainingSettings from(Config c) {
    return new TrainingSettings(
        Settings.intAtLeast(c, "trials", 1),
        Settings.intAtLeast(c, "episodes-per-trial", 1),
        Settings.intAtLeast(c, "max-steps", 0),
        (long) Settings.nonNegative(c, "env-steps"),
        Settings.intAtLeast(c, "lanes", 1),
        Settings.intAtLeast(c, "rollout-length", 1),
        Settings.nonNegative(c, "progress-interval"),
        Settings.intAtLeast(c, "checkpoint-every", 0),
        Settings.nonNegative(c, "checkpoint-minutes"),
        Settings.intAtLeast(c, "checkpoints-kept", 1),
        Settings.oneOf(c, "on-environment-error", "fail", "skip-episode").equals("skip-episode"),
        Settings.intAtLeast(c, "record-every", 0),
        c.getString("init-from"));
  }

  /** Total episodes of the budget. */
  public long episodeBudget() {
    return trials * episodesPerTrial;
  }
}
