package io.metarl.core.train;

import io.metarl.core.config.TrainingSettings;
import java.util.concurrent.atomic.AtomicLong;

/** The run's budget, shared by all workers: episodes and (optionally) environment steps. */
public final class Budget {
  private final long episodes;
  private final long envSteps;
  private final AtomicLong episodesDone = new AtomicLong();
  private final AtomicLong envStepsDone = new AtomicLong();
  private final AtomicLong updates = new AtomicLong();
  private volatile boolean stopped;

  /** The budget of a training block. */
  public Budget(TrainingSettings s) {
    this(s.episodeBudget(), s.envSteps());
  }

  /**
   * @param episodes episodes to play
   * @param envSteps environment steps to take, 0 for no limit
   */
  public Budget(long episodes, long envSteps) {
    this.episodes = episodes;
    this.envSteps = envSteps;
  }

  /** True once either limit is reached or {@link #stop()} was called. */
  public boolean exhausted() {
    return stopped || episodesDone.get() >= episodes || (envSteps > 0 && envStepsDone.get() >= envSteps);
  }

  /** Fraction of the budget used, in [0, 1]. */
  public double fraction() {
    double f = (double) episodesDone.get() / episodes;
    if (envSteps > 0) {
      f = Math.max(f, (double) envStepsDone.get() / envSteps);
    }
    return Math.min(1.0, f);
  }

  /** Stops the run early. */
  public void stop() {
    stopped = true;
  }

  /** Adds finished episodes; returns the new total. */
  public long addEpisodes(long n) {
    return episodesDone.addAndGet(n);
  }

  /** Adds environment steps; returns the new total. */
  public long addEnvSteps(long n) {
    return envStepsDone.addAndGet(n);
  }

  /** Counts an update; returns its 1-based number. */
  public long nextUpdate() {
    return updates.incrementAndGet();
  }

  /** Restores the counters of a checkpoint (resume). */
  public void restore(long episodes, long envSteps, long updates) {
    episodesDone.set(episodes);
    envStepsDone.set(envSteps);
    this.updates.set(updates);
  }

  /** Episodes finished so far. */
  public long episodes() {
    return episodesDone.get();
  }

  /** Environment steps so far. */
  public long envSteps() {
    return envStepsDone.get();
  }

  /** Updates so far. */
  public long updates() {
    return updates.get();
  }
}
