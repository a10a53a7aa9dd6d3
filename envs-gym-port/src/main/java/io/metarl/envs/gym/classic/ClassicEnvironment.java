package io.metarl.envs.gym.classic;

import io.metarl.api.env.Renderable;
import io.metarl.api.env.StatefulEnvironment;
import java.util.SplittableRandom;

/**
 * Common part of the classic-control ports: the episode step counter of Gymnasium's {@code TimeLimit}
 * wrapper (which {@code gymnasium.make} adds with the registered {@code max_episode_steps}) and the
 * seeded random source used by {@code reset}.
 *
 * <p>As in {@code gymnasium/wrappers/common.py} ({@code TimeLimit.step}), the counter is set to zero by
 * {@link #reset(long)} and {@link #resetToState(double[])}, incremented by every step, and a step
 * reports {@code truncated} when the counter reaches the limit, independently of {@code terminated}
 * (both may be true on the same step). Stepping after the end of an episode is allowed, as in
 * Gymnasium, but its results are unspecified.
 *
 * <p>Random numbers come from a {@link SplittableRandom} created from the reset seed: the same seed
 * gives the same initial state, but not numpy's stream (initial states differ from Gymnasium's for the
 * same seed; the distributions are the same).
 */
public abstract class ClassicEnvironment implements StatefulEnvironment, Renderable {
  private final String id;
  private final int maxEpisodeSteps;
  /** Steps taken since the last reset. */
  protected int elapsedSteps;

  /**
   * @param id the Gymnasium id, e.g. {@code CartPole-v1}
   * @param maxEpisodeSteps the time limit; at least 1
   */
  protected ClassicEnvironment(String id, int maxEpisodeSteps) {
    if (maxEpisodeSteps < 1) {
      throw new IllegalArgumentException("maxEpisodeSteps must be >= 1, got " + maxEpisodeSteps);
    }
    this.id = id;
    this.maxEpisodeSteps = maxEpisodeSteps;
  }

  @Override
  public String id() {
    return id;
  }

  /** The time limit (Gymnasium's {@code max_episode_steps}). */
  public final int maxEpisodeSteps() {
    return maxEpisodeSteps;
  }

  /** Steps taken since the last reset. */
  public final int elapsedSteps() {
    return elapsedSteps;
  }

  /** Counts one step; true when the time limit is reached by it. */
  protected final boolean countStep() {
    return ++elapsedSteps >= maxEpisodeSteps;
  }

  @Override
  public final float[] reset(long seed) {
    elapsedSteps = 0;
    return resetFrom(new SplittableRandom(seed));
  }

  @Override
  public final float[] resetToState(double[] state) {
    elapsedSteps = 0;
    return setState(state);
  }

  /** Draws the initial state from {@code rng} and returns its observation. */
  protected abstract float[] resetFrom(SplittableRandom rng);

  /** Sets the state (validating its length) and returns its observation. */
  protected abstract float[] setState(double[] state);

  /** A number uniform in {@code [low, high)}, as numpy's {@code uniform}: {@code low + (high - low) * u}. */
  protected static double uniform(SplittableRandom rng, double low, double high) {
    return low + (high - low) * rng.nextDouble();
  }

  /** Throws unless {@code state.length == n}. */
  protected final void checkLength(double[] state, int n) {
    if (state == null || state.length != n) {
      throw new IllegalArgumentException(
          id + " state needs " + n + " components, got " + (state == null ? "null" : state.length));
    }
  }
}
