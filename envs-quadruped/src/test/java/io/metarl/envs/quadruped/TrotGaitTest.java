package io.metarl.envs.quadruped;

import static org.assertj.core.api.Assertions.assertThat;

import io.metarl.api.env.Step;
import org.junit.jupiter.api.Test;

class TrotGaitTest {

  @Test
  void gaitWalksAtLeastOneMetreInTenSecondsOnThePlane() {
    try (QuadrupedEnvironment env = QuadrupedTask.nominal(Terrain.PLANE).newEnvironment()) {
      TrotGait gait = new TrotGait();
      float[] obs = env.reset(0);
      gait.reset(0);
      double x0 = env.simulation().basePosition()[0];
      int steps = (int) Math.round(10.0 / QuadrupedEnvironment.CONTROL_DT);
      for (int t = 0; t < steps; t++) {
        Step s = env.step(gait.actContinuous(obs));
        obs = s.observation();
        assertThat(s.terminated()).as("terminated at step %d: %s", t, s.info()).isFalse();
      }
      double[] p = env.simulation().basePosition();
      assertThat(p[0] - x0).isGreaterThan(1.0);
      assertThat(p[2]).isGreaterThan(0.2); // still upright
    }
  }

  @Test
  void actionsStayInTheBox() {
    TrotGait gait = new TrotGait();
    gait.reset(0);
    float[] obs = new float[37];
    obs[5] = 0.5f; // a large yaw to saturate the steering
    for (int t = 0; t < 100; t++) {
      assertThat(QuadrupedEnvironment.actionBox().contains(gait.actContinuous(obs))).isTrue();
    }
  }
}
