/** Baselines for random tabular MDPs (RL² section 3.2): random, greedy, epsilon-greedy, PSRL, OPSRL, UCRL2, BEB. */
package io.metarl.envs.mdp.baselines;
