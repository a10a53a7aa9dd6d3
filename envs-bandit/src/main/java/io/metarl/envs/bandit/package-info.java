/**
 * Bernoulli bandits: the {@link io.metarl.envs.bandit.BernoulliBandit} environment, the
 * {@link io.metarl.envs.bandit.BanditTask} value and the task distributions of the RL² and
 * "learning to reinforcement learn" papers, each an environment plugin: {@code bandit-independent},
 * {@code bandit-10brf}, {@code bandit-dependent}, {@code bandit-fixed}.
 */
package io.metarl.envs.bandit;
