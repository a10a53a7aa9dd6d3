package io.metarl.api.agent;

import io.metarl.api.env.EnvironmentSpec;

/**
 * A learning agent: the owner of the parameters. The training loop asks it for one {@link Learner}
 * per worker thread and steps all lanes of a worker together; evaluation asks for a frozen
 * {@link Policy}.
 */
public interface Agent extends Checkpointable, AutoCloseable {

  /** The spaces the agent was built for. */
  EnvironmentSpec spec();

  /** Worker threads the training loop should run: 1 for synchronous agents. */
  default int workers() {
    return 1;
  }

  /**
   * True when the agent carries a {@link MetaMemory} across the episodes of a trial (RL²): a
   * meta-learner. Reports use it to label agents; the training loop asks {@link #returnSpan()}.
   */
  default boolean recurrent() {
    return false;
  }

  /** Where this agent's returns stop: at each episode's end (default) or only at a trial's end (RL²). */
  default ReturnSpan returnSpan() {
    return ReturnSpan.EPISODE;
  }

  /**
   * The learner of worker {@code worker}, acting for {@code lanes} lanes.
   *
   * @param seed seeds the learner's action sampling
   */
  Learner learner(int worker, int lanes, long seed);

  /** A policy with frozen weights, for inference: acting through it never changes a weight. */
  Policy policy(int lanes, long seed);

  /**
   * Called by the training loop before each update with the fraction of the training budget used so
   * far, in [0, 1]; an agent may anneal its learning rate or exploration with it. Does nothing by
   * default.
   */
  default void trainingProgress(double fraction) {}

  /** The number of trainable parameters. */
  long parameterCount();

  @Override
  default void close() {}
}
