package io.metarl.envs.gym.classic;

import static org.assertj.core.api.Assertions.assertThat;

import io.metarl.api.env.Discrete;
import io.metarl.api.env.Step;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Raw single-thread stepping speed of the classic-control ports through the public API ({@code
 * step} returning a fresh observation and {@link Step}), with a precomputed pseudo-random action
 * sequence and a reset whenever an episode ends (resets included in the time). Run it with {@code java
 * -cp ... io.metarl.envs.gym.classic.ClassicSpeed [seconds]} or {@code mvn -pl envs-gym-port test -Pslow
 * -Dtest=ClassicSpeed}.
 */
@Tag("slow")
class ClassicSpeed {

  /** Steps per second of {@code id}: best of {@code rounds} rounds of {@code seconds} each after warm-up. */
  static double measure(String id, double seconds, int rounds) {
    ClassicEnvironment env = ClassicControl.make(id);
    boolean discrete = env.actionSpace() instanceof Discrete;
    int n = discrete ? ((Discrete) env.actionSpace()).n() : 0;
    SplittableRandom rng = new SplittableRandom(1);
    int[] discreteActions = new int[4096];
    float[][] continuous = new float[4096][];
    for (int i = 0; i < 4096; i++) {
      if (discrete) {
        discreteActions[i] = rng.nextInt(n);
      } else {
        continuous[i] = new float[] {(float) (rng.nextDouble() * 2 - 1)};
      }
    }
    env.reset(0);
    run(env, discrete, discreteActions, continuous, (long) (seconds * 1e9)); // warm-up
    double best = 0;
    for (int r = 0; r < rounds; r++) {
      best = Math.max(best, run(env, discrete, discreteActions, continuous, (long) (seconds * 1e9)));
    }
    return best;
  }

  private static double run(
      ClassicEnvironment env, boolean discrete, int[] da, float[][] ca, long nanos) {
    long steps = 0;
    long seed = 1;
    double sink = 0;
    long start = System.nanoTime();
    long end = start + nanos;
    long now;
    do {
      for (int i = 0; i < 4096; i++) {
        Step s = discrete ? env.step(da[i]) : env.step(ca[i]);
        sink += s.observation()[0];
        if (s.terminated() || s.truncated()) {
          env.reset(seed++);
        }
      }
      steps += 4096;
      now = System.nanoTime();
    } while (now < end);
    if (sink == 42.4242) {
      System.out.print("");
    }
    return steps / ((now - start) / 1e9);
  }

  /**
   * Prints steps/s: {@code main(seconds, id...)}; all environments when no id is given. For figures
   * free of JIT type-profile pollution (the step call site turns megamorphic once several environment
   * classes ran through it) measure one id per JVM.
   */
  public static void main(String[] args) {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
    java.util.List<String> ids =
        args.length > 1 ? java.util.Arrays.asList(args).subList(1, args.length) : ClassicControl.IDS;
    System.out.printf(Locale.ROOT, "%-26s %14s%n", "env", "steps/s (1 thread)");
    for (String id : ids) {
      System.out.printf(Locale.ROOT, "%-26s %,14.0f%n", id, measure(id, seconds, 5));
    }
  }

  @Test
  void printsSpeeds() {
    main(new String[] {"0.5"});
    assertThat(measure("CartPole-v1", 0.3, 1)).isGreaterThan(1e6);
  }
}
