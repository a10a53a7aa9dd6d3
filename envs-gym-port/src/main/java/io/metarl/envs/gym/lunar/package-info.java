/**
 * Gymnasium's LunarLander-v3 (discrete and continuous) on JBox2D, its heuristic pilot, and the
 * {@code lunar-lander} / {@code lunar-lander-continuous} plugins.
 */
package io.metarl.envs.gym.lunar;
