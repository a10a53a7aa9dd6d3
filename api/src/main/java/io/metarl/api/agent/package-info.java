/**
 * Agents: batched policies, learners, the RL² meta-memory and the rollout buffer they learn from;
 * where an agent's returns stop ({@link io.metarl.api.agent.ReturnSpan}); and the run-time state a
 * learner keeps for exact resume ({@link io.metarl.api.agent.Resumable}).
 *
 * <p>Every call works on a batch of lanes (parallel environments) at once: never call a network once
 * per lane per step (DESIGN.md section 5).
 */
package io.metarl.api.agent;
