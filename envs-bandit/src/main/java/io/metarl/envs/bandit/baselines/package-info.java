/**
 * Classical bandit baselines as agent plugins ({@code random}, {@code greedy}, {@code epsilon-greedy},
 * {@code ucb1}, {@code thompson}, {@code optimistic-thompson}, {@code gittins}): batched policies that
 * keep per-lane arm statistics fed from the RL² meta inputs and learn no weights; the
 * {@link io.metarl.envs.bandit.baselines.BaselineRunner} that plays them (and the oracle) on the same
 * tasks; and {@link io.metarl.envs.bandit.baselines.PaperTable}, which reproduces the RL² paper's
 * bandit table.
 */
package io.metarl.envs.bandit.baselines;
