/**
 * Gymnasium's classic-control environments (CartPole, Acrobot, MountainCar, MountainCarContinuous,
 * Pendulum) ported to Java from Gymnasium 1.4.0 ({@code gymnasium/envs/classic_control/*.py} at commit
 * {@code 3f0476a8cc224dcce2167cc4b6971ae0f04d5cfc}), with their task distributions as environment
 * plugins ({@code cartpole}, {@code acrobot}, {@code mountain-car}, {@code mountain-car-continuous},
 * {@code pendulum}).
 *
 * <p>The dynamics are computed in {@code double} in the same operation order as the Python code, so
 * that trajectories recorded from Gymnasium replay to within rounding (see {@code CLASSIC.md} in this
 * module). Observations are {@code float32} as in Gymnasium. Each environment applies Gymnasium's
 * registered {@code TimeLimit} itself ({@link io.metarl.envs.gym.classic.ClassicEnvironment}).
 */
package io.metarl.envs.gym.classic;
