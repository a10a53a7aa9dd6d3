package io.metarl.envs.bandit;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A simple single-thread timing harness for {@link BernoulliBandit#step(int)} (not JMH): a 10-armed
 * bandit, arms chosen by a cheap xorshift so the branch is not predictable, rewards summed so the JIT
 * cannot drop the work, {@code reset} every {@code horizon} pulls (as an episode would), 3 warm-up
 * rounds, then 5 timed rounds of {@code steps} steps; prints steps/s and ns/step per round.
 *
 * <p>Usage: {@code StepBenchmark [steps=200000000] [horizon=100]}.
 */
public final class StepBenchmark {
  private StepBenchmark() {}

  /** Runs the harness. */
  public static void main(String[] args) {
    long steps = args.length > 0 ? Long.parseLong(args[0]) : 200_000_000L;
    int horizon = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    double[] p = new double[10];
    SplittableRandom rng = new SplittableRandom(1);
    for (int i = 0; i < p.length; i++) {
      p[i] = rng.nextDouble();
    }
    BernoulliBandit env = new BernoulliBandit(p, horizon);
    for (int round = 0; round < 8; round++) {
      long start = System.nanoTime();
      double total = run(env, steps, horizon);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(Locale.ROOT, "%s round %d: %.1f M steps/s, %.2f ns/step (mean reward %.4f)%n",
          round < 3 ? "warm-up" : "timed", round, steps / seconds / 1e6, seconds * 1e9 / steps, total / steps);
    }
  }

  private static double run(BernoulliBandit env, long steps, int horizon) {
    double total = 0;
    int x = 0x2545F491;
    long seed = 0;
    env.reset(seed++);
    int left = horizon;
    for (long t = 0; t < steps; t++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      int arm = (x >>> 1) % 10;
      total += env.step(arm).reward();
      if (--left == 0) {
        env.reset(seed++);
        left = horizon;
      }
    }
    return total;
  }
}
