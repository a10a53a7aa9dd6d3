package io.metarl.envs.quadruped;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.metarl.api.env.EpisodeInfo;
import io.metarl.api.env.Step;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-episode metrics in the step info: distances, time survived and exactly one end flag. */
class LocomotionMetricsTest {
  private static final int TEN_SECONDS = (int) Math.round(10.0 / QuadrupedEnvironment.CONTROL_DT);

  private static double endFlags(Map<String, Double> info) {
    return EpisodeInfo.of(info).entrySet().stream().filter(e -> EpisodeInfo.isEnd(e.getKey()))
        .mapToDouble(Map.Entry::getValue).sum();
  }

  @Test
  void theScriptedTrotWalksSixMetresOnThePlaneInTenSeconds() {
    QuadrupedTask task = new QuadrupedTask(Terrain.PLANE, 0, 1.0, 1.0, 1.0,
        new QuadrupedSettings(TEN_SECONDS, 0.6, RewardWeights.METAGYM));
    try (QuadrupedEnvironment env = task.newEnvironment()) {
      TrotGait gait = new TrotGait();
      float[] obs = env.reset(0);
      gait.reset(0);
      Step s = null;
      int steps = 0;
      do {
        s = env.step(gait.actContinuous(obs));
        obs = s.observation();
        steps++;
        assertThat(endFlags(s.info())).isEqualTo(1.0);
      } while (!s.done());
      Map<String, Double> m = EpisodeInfo.of(s.info());
      assertThat(s.truncated()).isTrue();
      assertThat(steps).isEqualTo(TEN_SECONDS);
      // QUADRUPED.md: 6.27 m forward, 0.04 m sideways in 10 s (385 control steps).
      assertThat(m.get("forward_distance")).isCloseTo(6.27, within(0.1));
      assertThat(m.get("lateral_drift")).isBetween(0.0, 0.15);
      assertThat(m.get("time_survived")).isCloseTo(TEN_SECONDS * 0.026, within(1e-9));
      assertThat(m.get("end.survived")).isEqualTo(1.0);
      assertThat(m.get("end.flipped")).isEqualTo(0.0);
    }
  }

  @Test
  void aTerminationSetsItsCauseAndOnlyThat() {
    try (QuadrupedEnvironment env = QuadrupedTask.nominal(Terrain.PLANE).newEnvironment()) {
      env.reset(1);
      Step s;
      int steps = 0;
      do {
        s = env.step(new float[12]);
        steps++;
        assertThat(endFlags(s.info())).isEqualTo(1.0);
      } while (!s.done());
      Map<String, Double> m = EpisodeInfo.of(s.info());
      assertThat(s.info().get("termination")).isEqualTo(3.0);
      assertThat(m.get("end.standing_still")).isEqualTo(1.0);
      assertThat(m.get("end.survived")).isEqualTo(0.0);
      assertThat(m.get("time_survived")).isCloseTo(steps * 0.026, within(1e-9));
      assertThat(Math.abs(m.get("forward_distance"))).isLessThan(0.05);
      assertThat(LocomotionMetrics.ENDS).containsExactly(
          "survived", "flipped", "feet_lifted", "standing_still", "yaw_limit", "non_finite");
    }
  }

  @Test
  void theMetricsRestartWithEveryEpisode() {
    try (QuadrupedEnvironment env = QuadrupedTask.nominal(Terrain.PLANE).newEnvironment()) {
      TrotGait gait = new TrotGait();
      float[] obs = env.reset(0);
      gait.reset(0);
      for (int t = 0; t < 100; t++) {
        obs = env.step(gait.actContinuous(obs)).observation();
      }
      obs = env.reset(0);
      gait.reset(0);
      Map<String, Double> m = EpisodeInfo.of(env.step(gait.actContinuous(obs)).info());
      assertThat(m.get("time_survived")).isCloseTo(0.026, within(1e-12));
      assertThat(Math.abs(m.get("forward_distance"))).isLessThan(0.05);
    }
  }
}
