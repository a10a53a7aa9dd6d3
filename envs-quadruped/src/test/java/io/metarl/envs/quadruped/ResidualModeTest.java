package io.metarl.envs.quadruped;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.metarl.api.env.Step;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The residual-on-gait action mode: zero offsets are the gait, offsets stay within the scale, spaces widen. */
class ResidualModeTest {

  private static QuadrupedTask task(Terrain terrain, ResidualGait residual) {
    return new QuadrupedTask(terrain, 0, 1.0, 1.0, 1.0, QuadrupedSettings.DEFAULT.withResidual(residual));
  }

  @Test
  void zeroOffsetsReproduceTheGaitStepForStep() {
    ResidualGait residual = new ResidualGait(0.3, 2.0, 0.35, 0.5, 2.0);
    try (QuadrupedEnvironment direct = QuadrupedTask.nominal(Terrain.HEIGHTFIELD).newEnvironment();
        QuadrupedEnvironment res = task(Terrain.HEIGHTFIELD, residual).newEnvironment()) {
      TrotGait gait = residual.newGait();
      float[] d = direct.reset(4);
      gait.reset(4);
      float[] r = res.reset(4);
      assertThat(Arrays.copyOf(r, 37)).containsExactly(d);
      for (int t = 0; t < 150; t++) {
        double phase = gait.phase();
        assertThat(r[37]).isEqualTo((float) Math.sin(phase));
        assertThat(r[38]).isEqualTo((float) Math.cos(phase));
        Step sd = direct.step(gait.actContinuous(d));
        Step sr = res.step(new float[12]);
        assertThat(res.targets()).containsExactly(direct.targets());
        assertThat(Arrays.copyOf(sr.observation(), 37)).containsExactly(sd.observation());
        assertThat(sr.reward()).isEqualTo(sd.reward());
        assertThat(sr.terminated()).isEqualTo(sd.terminated());
        d = sd.observation();
        r = sr.observation();
        if (sd.done()) {
          break;
        }
      }
    }
  }

  @Test
  void offsetsAreTheScaledClippedActionOnTopOfTheGait() {
    ResidualGait residual = new ResidualGait(0.25, 2.5, 0.3, 0.6, 3.0);
    try (QuadrupedEnvironment env = task(Terrain.PLANE, residual).newEnvironment()) {
      TrotGait gait = residual.newGait();
      float[] obs = env.reset(1);
      gait.reset(1);
      SplittableRandom rng = new SplittableRandom(9);
      double largest = 0;
      for (int t = 0; t < 60; t++) {
        float[] a = new float[12];
        for (int i = 0; i < 12; i++) {
          a[i] = (float) (rng.nextDouble() * 6 - 3); // mostly outside [-1, 1]
        }
        float[] g = gait.offsets(obs[5]);
        Step s = env.step(a);
        double[] q = env.targets();
        for (int i = 0; i < 12; i++) {
          double offset = q[i] - (A1.DEFAULT_POSE[i % 3] + g[i]);
          assertThat(offset).isCloseTo(0.25 * Math.max(-1, Math.min(1, a[i])), within(1e-12));
          largest = Math.max(largest, Math.abs(offset));
        }
        obs = s.observation();
        if (s.done()) {
          break;
        }
      }
      assertThat(largest).isCloseTo(0.25, within(1e-12));
    }
  }

  @Test
  void spacesWidenInTheResidualMode() {
    try (QuadrupedEnvironment env = task(Terrain.PLANE, ResidualGait.DEFAULT).newEnvironment()) {
      assertThat(env.actionSpace().flatSize()).isEqualTo(12);
      assertThat(env.actionSpace().low()).containsOnly(-1f);
      assertThat(env.actionSpace().high()).containsOnly(1f);
      assertThat(env.observationSpace().flatSize()).isEqualTo(39);
      float[] obs = env.reset(0);
      assertThat(obs).hasSize(39);
      assertThat(obs[37]).isEqualTo(0f); // phase 0 at the first step
      assertThat(obs[38]).isEqualTo(1f);
      assertThat(env.observationSpace().contains(env.step(new float[12]).observation())).isTrue();
    }
    try (QuadrupedEnvironment env = QuadrupedTask.nominal(Terrain.PLANE).newEnvironment()) {
      assertThat(env.observationSpace().flatSize()).isEqualTo(37);
      assertThat(env.actionSpace()).isEqualTo(QuadrupedEnvironment.actionBox());
    }
  }
}
