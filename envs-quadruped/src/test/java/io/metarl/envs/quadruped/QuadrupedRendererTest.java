package io.metarl.envs.quadruped;

import static org.assertj.core.api.Assertions.assertThat;

import io.metarl.api.env.Step;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** The side view: the robot is drawn, and frames of a walking gait differ (the view follows the trunk, the ruler moves). */
class QuadrupedRendererTest {

  private static BufferedImage frame(QuadrupedEnvironment env) {
    BufferedImage img = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    env.render(g, 320, 240);
    g.dispose();
    return img;
  }

  private static int count(BufferedImage img, int rgb) {
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        n += (img.getRGB(x, y) & 0xffffff) == rgb ? 1 : 0;
      }
    }
    return n;
  }

  @Test
  void framesOfTheResidualGaitShowTheRobotAndChange() {
    QuadrupedTask task = new QuadrupedTask(Terrain.PLANE, 0, 1.0, 1.0, 1.0,
        QuadrupedSettings.DEFAULT.withResidual(ResidualGait.DEFAULT));
    try (QuadrupedEnvironment env = task.newEnvironment()) {
      assertThat(count(frame(env), 0xe1ebf5)).isEqualTo(320 * 240); // before reset: sky only
      env.reset(0);
      BufferedImage first = frame(env);
      int trunk = QuadrupedRenderer.TRUNK.getRGB() & 0xffffff;
      assertThat(count(first, trunk)).isGreaterThan(100);
      for (int t = 0; t < 20; t++) {
        Step s = env.step(new float[12]);
        assertThat(s.done()).isFalse();
      }
      BufferedImage later = frame(env);
      assertThat(count(later, trunk)).isGreaterThan(100);
      int differing = 0;
      for (int y = 0; y < 240; y++) {
        for (int x = 0; x < 320; x++) {
          differing += first.getRGB(x, y) != later.getRGB(x, y) ? 1 : 0;
        }
      }
      assertThat(differing).isGreaterThan(500);
    }
  }
}
