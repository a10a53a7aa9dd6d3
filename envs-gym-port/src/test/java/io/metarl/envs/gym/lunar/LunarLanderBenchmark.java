package io.metarl.envs.gym.lunar;

import io.metarl.api.env.Step;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Measurement harness behind LUNAR.md (not a test): heuristic and random averages over seeds 0..n-1
 * with and without wind, and raw single-thread steps per second.
 *
 * <p>Run: {@code java -cp <test-classes>:<classes>:<deps> io.metarl.envs.gym.lunar.LunarLanderBenchmark [episodes|throughput]}.
 */
public final class LunarLanderBenchmark {
  private LunarLanderBenchmark() {}

  /** Entry point; the optional argument is the number of episodes per figure (default 100). */
  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("throughput")) {
      throughput(LunarLanderConfig.defaults(false), true);
      throughput(LunarLanderConfig.defaults(false), false);
      throughput(LunarLanderConfig.defaults(true), true);
      throughput(LunarLanderConfig.defaults(true), false);
      resets();
      return;
    }
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    for (boolean continuous : new boolean[] {false, true}) {
      report("heuristic", LunarLanderConfig.defaults(continuous), n, true);
      report("heuristic", LunarLanderConfig.windy(continuous, 15.0, 1.5), n, true);
      report("random", LunarLanderConfig.defaults(continuous), n, false);
    }
    throughput(LunarLanderConfig.defaults(false), true);
    throughput(LunarLanderConfig.defaults(false), false);
    throughput(LunarLanderConfig.defaults(true), true);
    throughput(LunarLanderConfig.defaults(true), false);
    resets();
  }

  static void resets() {
    LunarLander env = new LunarLander(LunarLanderConfig.defaults(false));
    for (int i = 0; i < 2000; i++) {
      env.reset(i);
    }
    int n = 20000;
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      env.reset(i);
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "reset (new world, terrain, lander, one no-op step): %.1f us each%n", secs / n * 1e6);
  }

  static void report(String policy, LunarLanderConfig config, int n, boolean heuristic) {
    double[] returns = new double[n];
    long steps = 0;
    int solved = 0;
    for (int seed = 0; seed < n; seed++) {
      Episode e = heuristic ? heuristicEpisode(config, seed) : randomEpisode(config, seed);
      returns[seed] = e.ret;
      steps += e.steps;
      if (e.ret >= 200) {
        solved++;
      }
    }
    double mean = 0;
    for (double r : returns) {
      mean += r;
    }
    mean /= n;
    double var = 0;
    for (double r : returns) {
      var += (r - mean) * (r - mean);
    }
    double sd = Math.sqrt(var / Math.max(1, n - 1));
    System.out.printf(Locale.ROOT, "%-9s %-10s wind=%-5s wp=%.1f tp=%.1f  mean %8.2f  sd %7.2f  >=200: %3d/%d  mean steps %.1f%n",
        policy, config.continuous() ? "continuous" : "discrete", config.enableWind(), config.windPower(),
        config.turbulencePower(), mean, sd, solved, n, steps / (double) n);
  }

  /** Return and length of one episode. */
  record Episode(double ret, int steps, boolean truncated) {}

  static Episode heuristicEpisode(LunarLanderConfig config, long seed) {
    LunarLander env = new LunarLander(config);
    LunarLanderHeuristic pilot = new LunarLanderHeuristic();
    float[] s = env.reset(seed);
    double total = 0;
    int steps = 0;
    while (true) {
      Step st = config.continuous() ? env.step(pilot.actContinuous(s)) : env.step(pilot.act(s));
      total += st.reward();
      steps++;
      s = st.observation();
      if (st.done()) {
        return new Episode(total, steps, st.truncated());
      }
    }
  }

  static Episode randomEpisode(LunarLanderConfig config, long seed) {
    LunarLander env = new LunarLander(config);
    SplittableRandom actions = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
    env.reset(seed);
    double total = 0;
    int steps = 0;
    while (true) {
      Step st = config.continuous()
          ? env.step(new float[] {(float) actions.nextDouble(-1, 1), (float) actions.nextDouble(-1, 1)})
          : env.step(actions.nextInt(4));
      total += st.reward();
      steps++;
      if (st.done()) {
        return new Episode(total, steps, st.truncated());
      }
    }
  }

  static void throughput(LunarLanderConfig config, boolean heuristic) {
    LunarLander env = new LunarLander(config);
    LunarLanderHeuristic pilot = new LunarLanderHeuristic();
    SplittableRandom actions = new SplittableRandom(99);
    float[] randomAction = new float[2];
    long steps = 0;
    long episodes = 0;
    long stepNanos = 0;
    long resetNanos = 0;
    long seed = 0;
    long warmupEnd = System.nanoTime() + 2_000_000_000L;
    boolean measuring = false;
    long t0 = 0;
    while (true) {
      long now = System.nanoTime();
      if (!measuring && now > warmupEnd) {
        measuring = true;
        steps = episodes = stepNanos = resetNanos = 0;
        t0 = now;
      }
      if (measuring && now - t0 > 5_000_000_000L) {
        break;
      }
      long r0 = System.nanoTime();
      float[] s = env.reset(seed++);
      long r1 = System.nanoTime();
      resetNanos += r1 - r0;
      Step st;
      do {
        if (config.continuous()) {
          float[] a;
          if (heuristic) {
            a = pilot.actContinuous(s);
          } else {
            randomAction[0] = (float) actions.nextDouble(-1, 1);
            randomAction[1] = (float) actions.nextDouble(-1, 1);
            a = randomAction;
          }
          st = env.step(a);
        } else {
          st = env.step(heuristic ? pilot.act(s) : actions.nextInt(4));
        }
        s = st.observation();
        steps++;
      } while (!st.done());
      stepNanos += System.nanoTime() - r1;
      episodes++;
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT,
        "throughput %-10s %-9s: %,8.0f steps/s with resets, %,8.0f steps/s stepping only, %.0f us per reset"
            + " (%d episodes, %d steps, %.1f s)%n",
        config.continuous() ? "continuous" : "discrete", heuristic ? "heuristic" : "random",
        steps / secs, steps / (stepNanos / 1e9), resetNanos / 1e3 / episodes, episodes, steps, secs);
  }

}
