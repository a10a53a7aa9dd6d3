package io.metarl.core.rollout;

import java.util.random.RandomGenerator;

/**
 * The run's random generator: SplitMix64 (the algorithm behind {@link java.util.SplittableRandom}),
 * with its state readable and restorable so that a resumed run makes exactly the same draws as an
 * uninterrupted one. Not thread-safe: each lane set, worker and learner owns its own.
 */
public final class Rng implements RandomGenerator {
  private static final long GAMMA = 0x9e3779b97f4a7c15L;
  private long state;

  /** A generator seeded with {@code seed}. */
  public Rng(long seed) {
    this.state = mix64(seed);
  }

  private Rng(long state, boolean raw) {
    this.state = state;
  }

  /** A generator restored from {@link #state()}. */
  public static Rng restore(long state) {
    return new Rng(state, true);
  }

  /** The generator's state; {@link #restore(long)} continues the same sequence. */
  public long state() {
    return state;
  }

  @Override
  public long nextLong() {
    state += GAMMA;
    return mix64(state);
  }

  /** A new, statistically independent generator seeded from this one. */
  public Rng split() {
    return new Rng(nextLong());
  }

  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /**
   * A standard normal draw by Box-Muller from {@code r} (two uniforms, the first as {@code 1 - u} so the
   * logarithm is finite): the one Gaussian of the project's samplers and initialisers, reproducible from
   * the generator alone.
   */
  public static double standardNormal(RandomGenerator r) {
    double u1 = 1.0 - r.nextDouble();
    double u2 = r.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
