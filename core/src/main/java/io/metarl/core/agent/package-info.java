/**
 * The actor-critic machinery every actor-critic algorithm shares (Stable-Baselines3's {@code common/}):
 * {@link io.metarl.core.agent.ActorCriticModel} (network, global parameters, optimiser, policy-loss
 * factory), {@link io.metarl.core.agent.ActorCriticLearner} (acting and one update per rollout over a
 * batch of lanes), its passes ({@code RolloutPasses}: acting into the update's trace, replay, backward,
 * split over {@code learner-threads}), the loss ({@code ActorCriticObjective}), action sampling, the
 * recurrent state of the lanes, and the parameter files of checkpoints.
 *
 * <p>An algorithm lives in its own agent module and decides one thing here:
 * {@link io.metarl.core.agent.ParameterAccess}, how its learners reach the parameters (A2C: directly;
 * A3C: local copies re-read after each update under one lock); {@link io.metarl.core.agent.ModelAgent}
 * turns a model and that decision into an {@link io.metarl.api.agent.Agent}.
 */
package io.metarl.core.agent;
