package io.metarl.agents.a2c;

import io.metarl.core.agent.ActorCriticModel;
import io.metarl.core.agent.ModelAgent;
import io.metarl.core.agent.ParameterAccess;

/**
 * Synchronous advantage actor-critic: one worker steps all its lanes together and makes one batched
 * update per rollout, computing with the global parameters themselves ({@link ModelAgent}'s default,
 * {@link ParameterAccess#direct}: no copy, no lock, since nothing else writes them). Learners are used
 * from one thread at a time.
 */
final class A2cAgent extends ModelAgent {
  A2cAgent(ActorCriticModel model) {
    super(model);
  }
}
