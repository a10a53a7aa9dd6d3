package io.metarl.core.agent;

import io.metarl.api.agent.RolloutBatch;
import io.metarl.api.agent.UpdateResult;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * How an actor-critic learner turns one rollout into parameter updates: the part of an algorithm that
 * is its own (Stable-Baselines3's {@code train()}), the rest being {@link ActorCriticModel}'s. A2C and
 * A3C take one step along {@link ActorCriticObjective}'s gradient ({@link #gradientStep()}); PPO takes
 * epochs of clipped minibatch steps. One instance per learner; its state, if any, is part of the
 * learner's resumable state.
 */
public interface PolicyUpdate {

  /** Updates the parameters from {@code batch} (returns and advantages filled in) through {@code steps}. */
  UpdateResult update(RolloutBatch batch, UpdateSteps steps);

  /** Writes the state exact resume needs (e.g. a shuffling generator); nothing by default. */
  default void writeState(DataOutputStream out) throws IOException {}

  /** Reads what {@link #writeState} wrote. */
  default void readState(DataInputStream in) throws IOException {}

  /** One step along the actor-critic objective's gradient per rollout (A2C, A3C). */
  static PolicyUpdate gradientStep() {
    return new GradientStep();
  }
}
