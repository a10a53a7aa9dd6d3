package io.metarl.envs.quadruped;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metarl.api.env.Step;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class QuadrupedEnvironmentTest {

  private static float[] randomAction(SplittableRandom rng) {
    float[] a = new float[12];
    for (int i = 0; i < 12; i++) {
      double lim = QuadrupedEnvironment.ACTION_LIMIT[i % 3];
      a[i] = (float) ((rng.nextDouble() * 2 - 1) * lim);
    }
    return a;
  }

  @Test
  void spacesFollowMetaGym() {
    try (QuadrupedEnvironment env = QuadrupedTask.nominal(Terrain.PLANE).newEnvironment()) {
      assertThat(env.observationSpace().flatSize()).isEqualTo(37);
      assertThat(env.actionSpace().flatSize()).isEqualTo(12);
      assertThat(env.actionSpace().high()).containsExactly(
          0.2f, 0.7f, 0.7f, 0.2f, 0.7f, 0.7f, 0.2f, 0.7f, 0.7f, 0.2f, 0.7f, 0.7f);
      float[] obs = env.reset(0);
      assertThat(obs).hasSize(37);
      for (int t = 0; t < 5; t++) {
        obs = env.step(new float[12]).observation();
      }
      // Standing on four feet after landing, level, motor angles near the default pose.
      assertThat(obs[33]).isEqualTo(1f);
      assertThat(obs[36]).isEqualTo(1f);
      assertThat(Math.abs(obs[3])).isLessThan(0.05f);
      assertThat(obs[10]).isBetween(0.8f, 1.0f);
      assertThat(obs[11]).isBetween(-1.95f, -1.7f);
    }
  }

  @Test
  void sameSeedGivesTheSameTrajectoryEvenWhenInterleaved() {
    QuadrupedTask task = QuadrupedTask.nominal(Terrain.PLANE);
    try (QuadrupedEnvironment a = task.newEnvironment();
        QuadrupedEnvironment b = task.newEnvironment();
        QuadrupedEnvironment c = task.newEnvironment()) {
      List<float[]> first = new ArrayList<>();
      List<Double> firstRewards = new ArrayList<>();
      SplittableRandom ra = new SplittableRandom(5);
      SplittableRandom rc = new SplittableRandom(99);
      first.add(a.reset(42));
      c.reset(7);
      for (int t = 0; t < 60; t++) {
        Step s = a.step(randomAction(ra));
        if (c.step(randomAction(rc)).done()) { // another simulation stepping in between
          c.reset(8);
        }
        first.add(s.observation());
        firstRewards.add(s.reward());
        if (s.done()) {
          break;
        }
      }
      SplittableRandom rb = new SplittableRandom(5);
      assertThat(b.reset(42)).containsExactly(first.get(0));
      for (int t = 0; t < firstRewards.size(); t++) {
        Step s = b.step(randomAction(rb));
        assertThat(s.observation()).containsExactly(first.get(t + 1));
        assertThat(s.reward()).isEqualTo(firstRewards.get(t));
      }
      assertThat(firstRewards).hasSizeGreaterThan(10);
    }
  }

  @Test
  void standingStillTerminatesAfterTenSteps() {
    try (QuadrupedEnvironment env = QuadrupedTask.nominal(Terrain.PLANE).newEnvironment()) {
      env.reset(1);
      Step s = null;
      int steps = 0;
      do {
        s = env.step(new float[12]);
        steps++;
      } while (!s.done() && steps < 200);
      assertThat(s.terminated()).isTrue();
      assertThat(s.info().get("termination")).isEqualTo(3.0);
      assertThat(s.reward()).isLessThan(-0.5); // the done penalty
      assertThat(steps).isBetween(10, 150);
      assertThatThrownBy(() -> env.step(new float[12])).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void truncatesAtMaxStepsAndReportsRewardTerms() {
    QuadrupedTask task = new QuadrupedTask(Terrain.PLANE, 0, 1.0, 1.0, 1.0,
        new QuadrupedSettings(20, 0.6, RewardWeights.METAGYM));
    try (QuadrupedEnvironment env = task.newEnvironment()) {
      TrotGait gait = new TrotGait();
      float[] obs = env.reset(3);
      gait.reset(3);
      Step s = null;
      for (int t = 0; t < 20; t++) {
        s = env.step(gait.actContinuous(obs));
        obs = s.observation();
        assertThat(s.terminated()).isFalse();
        assertThat(s.truncated()).isEqualTo(t == 19);
      }
      assertThat(s.info()).containsKeys("torso", "up", "feet", "tau", "badfoot", "footcontact", "done", "x");
      double sum = s.info().get("torso") + s.info().get("up") + s.info().get("feet") + s.info().get("tau")
          + s.info().get("badfoot") + s.info().get("footcontact") + s.info().get("done");
      assertThat(s.reward()).isEqualTo(sum);
    }
  }

  @Test
  void cPrecMatchesMetaGym() {
    assertThat(QuadrupedEnvironment.cPrec(0.3, 0.3, 0.5)).isEqualTo(0.0);
    double d = 0.5 * Math.log((1 + Math.sqrt(0.95)) / (1 - Math.sqrt(0.95)));
    assertThat(QuadrupedEnvironment.cPrec(0.8, 0.3, 0.5))
        .isCloseTo(Math.tanh(d * d), org.assertj.core.api.Assertions.within(1e-12));
    assertThat(QuadrupedEnvironment.cPrec(0.4, 0.3, 0.5)).isBetween(0.1, 0.2);
  }

  @Test
  void everyTerrainBuildsAndStepsFinitely() {
    for (Terrain t : Terrain.values()) {
      try (QuadrupedEnvironment env = QuadrupedTask.nominal(t).newEnvironment()) {
        float[] obs = env.reset(11);
        for (float v : obs) {
          assertThat(Float.isFinite(v)).as(t.id()).isTrue();
        }
        Step s = null;
        for (int k = 0; k < 5; k++) {
          s = env.step(new float[12]);
        }
        assertThat(s.observation()[33] + s.observation()[34] + s.observation()[35] + s.observation()[36])
            .as("feet on the ground at the start of " + t.id()).isGreaterThanOrEqualTo(2f);
      }
    }
  }

  @Test
  void rendersTheRobot() {
    try (QuadrupedEnvironment env = QuadrupedTask.nominal(Terrain.STAIRS_8CM).newEnvironment()) {
      env.reset(0);
      BufferedImage img = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = img.createGraphics();
      env.render(g, 320, 240);
      g.dispose();
      int trunkPixels = 0;
      for (int y = 0; y < 240; y++) {
        for (int x = 0; x < 320; x++) {
          if ((img.getRGB(x, y) & 0xffffff) == 0x282828) {
            trunkPixels++;
          }
        }
      }
      assertThat(trunkPixels).isGreaterThan(100);
    }
  }
}
