package io.metarl.api.train;

/**
 * One finished episode.
 *
 * @param worker the worker thread that played it
 * @param lane the lane within the worker
 * @param trial the global index of the lane's trial (task), counted per worker and lane
 * @param episodeInTrial 0-based index of the episode within its trial
 * @param totalReturn undiscounted sum of rewards
 * @param length number of steps
 * @param envSteps environment steps of the whole run when it ended
 */
public record EpisodeRecord(
    int worker, int lane, long trial, int episodeInTrial, double totalReturn, int length, long envSteps) {}
