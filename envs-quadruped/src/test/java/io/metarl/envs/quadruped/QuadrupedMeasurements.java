package io.metarl.envs.quadruped;

import io.metarl.api.env.EpisodeInfo;
import io.metarl.api.env.Step;
import java.util.Arrays;
import java.util.Map;

/**
 * Harness behind the figures in {@code QUADRUPED.md}: how far {@link TrotGait} gets in 10 s on every
 * terrain, as the direct mode's controller and as the residual mode's gait with zero offsets (read from
 * the episode metrics of the last step's info), and control steps per second on one thread. Run with
 * {@code java -cp ... io.metarl.envs.quadruped.QuadrupedMeasurements} (see QUADRUPED.md).
 */
public final class QuadrupedMeasurements {
  private QuadrupedMeasurements() {}

  /** Prints Markdown tables of gait distances (direct mode, then residual mode with zero offsets) and throughput lines. */
  public static void main(String[] args) {
    int steps = (int) Math.round(10.0 / QuadrupedEnvironment.CONTROL_DT);
    for (boolean residual : new boolean[] {false, true}) {
      System.out.println(residual ? "\nResidual mode (action-mode = residual, default gait), zero offsets:\n"
          : "Direct mode, TrotGait as the controller:\n");
      System.out.println("| terrain | steps survived (of " + steps + ") | forward distance (m) | lateral drift (m) | end |");
      System.out.println("|---|---|---|---|---|");
      for (Terrain t : Terrain.values()) {
        QuadrupedSettings settings = new QuadrupedSettings(steps, 0.6, RewardWeights.METAGYM,
            residual ? ResidualGait.DEFAULT : null);
        try (QuadrupedEnvironment env = new QuadrupedTask(t, 0, 1.0, 1.0, 1.0, settings).newEnvironment()) {
          TrotGait gait = new TrotGait();
          float[] obs = env.reset(0);
          gait.reset(0);
          Step s;
          int i = 0;
          do {
            s = env.step(residual ? new float[12] : gait.actContinuous(obs));
            obs = s.observation();
            i++;
          } while (!s.done());
          Map<String, Double> m = EpisodeInfo.of(s.info());
          String end = s.terminated() ? "terminated: " + cause(s.info().get("termination")) : "10 s elapsed";
          System.out.printf("| %s | %d | %.2f | %.2f | %s |%n", t.id(), i, m.get("forward_distance"),
              m.get("lateral_drift"), end);
        }
      }
    }
    for (Terrain t : new Terrain[] {Terrain.PLANE, Terrain.HEIGHTFIELD}) {
      double[] rates = new double[5];
      try (QuadrupedEnvironment env = QuadrupedTask.nominal(t).newEnvironment()) {
        TrotGait gait = new TrotGait();
        run(env, gait, 3000); // warm-up (JIT)
        for (int r = 0; r < rates.length; r++) {
          long t0 = System.nanoTime();
          int n = 3000;
          run(env, gait, n);
          rates[r] = n / ((System.nanoTime() - t0) / 1e9);
        }
      }
      Arrays.sort(rates);
      System.out.printf("throughput %s (gait, resets included): median %.0f, best %.0f control steps/s "
          + "(x13 physics steps)%n", t.id(), rates[rates.length / 2], rates[rates.length - 1]);
    }
  }

  private static void run(QuadrupedEnvironment env, TrotGait gait, int n) {
    long seed = 1;
    float[] obs = env.reset(seed);
    gait.reset(seed);
    for (int i = 0; i < n; i++) {
      Step s = env.step(gait.actContinuous(obs));
      obs = s.observation();
      if (s.done()) {
        obs = env.reset(++seed);
        gait.reset(seed);
      }
    }
  }

  private static String cause(Double code) {
    return switch (code == null ? 0 : code.intValue()) {
      case 1 -> "flipped";
      case 2 -> "feet lifted";
      case 3 -> "standing still";
      case 4 -> "|yaw| > 0.6";
      case 5 -> "non-finite state";
      default -> "?";
    };
  }
}
