package io.metarl.api.agent;

/**
 * Where an agent's returns stop: what the training loop writes into {@link RolloutBatch#terminated}
 * and {@link RolloutBatch#truncated} when a lane's episode ends. An agent states it through
 * {@link Agent#returnSpan()}; the loop applies it without knowing which algorithm it trains.
 *
 * <p>Invariant: whatever the span, a return never flows across a trial's end (a new task).
 */
public enum ReturnSpan {
  /**
   * Returns stop at every episode end: terminated steps are not bootstrapped, truncated ones are
   * bootstrapped with the final observation's value (the usual, memoryless agent).
   */
  EPISODE,
  /**
   * Returns run across the episodes of one trial and stop only at its end, which is terminal: the
   * meta-episode is the trial (RL², Duan et al. 2016), so exploring in an early episode is credited
   * with what it earns in the later ones. An episode end inside a trial is an input, not a boundary.
   */
  TRIAL;

  /** The return boundary "terminated" of a step, from the lane's episode and trial outcome. */
  public boolean terminated(boolean episodeTerminated, boolean trialOver) {
    return this == EPISODE ? episodeTerminated : trialOver;
  }

  /** The return boundary "truncated" (bootstrapped) of a step, from the lane's episode outcome. */
  public boolean truncated(boolean episodeTruncated) {
    return this == EPISODE && episodeTruncated;
  }
}
