package io.metarl.agents.ppo;

import io.metarl.api.agent.Learner;
import io.metarl.core.agent.ActorCriticModel;
import io.metarl.core.agent.ModelAgent;

/**
 * Proximal policy optimisation: a synchronous actor-critic agent (one worker, the global parameters
 * used directly, as A2C) whose learners update by {@link PpoUpdate}, several clipped minibatch steps
 * per rollout.
 */
final class PpoAgent extends ModelAgent {
  private final PpoSettings ppo;

  PpoAgent(ActorCriticModel model, PpoSettings ppo) {
    super(model);
    this.ppo = ppo;
  }

  @Override
  public Learner learner(int worker, int lanes, long seed) {
    // the shuffling generator is seeded apart from the action sampler's
    return model.learner(access(worker), lanes, seed, new PpoUpdate(ppo, seed ^ 0x5DEECE66DL));
  }
}
