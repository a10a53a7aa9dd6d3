package io.metarl.extensions.epg;

import static org.assertj.core.api.Assertions.assertThat;

import io.metarl.api.env.Environment;
import io.metarl.api.env.Step;
import io.metarl.api.task.Task;
import io.metarl.api.task.TaskDistribution;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The point-goal environment and its half-plane task distributions. */
class PointGoalTest {

  @Test
  void goalsLieOnTheChosenHalfPlaneAtTheChosenDistance() {
    for (String half : new String[] {"left", "right"}) {
      TaskDistribution d = LifetimeTest.pointGoal(half);
      SplittableRandom rng = new SplittableRandom(1);
      for (int i = 0; i < 200; i++) {
        Task t = d.sample(rng);
        double x = (double) t.parameters().get("goal_x");
        double y = (double) t.parameters().get("goal_y");
        assertThat(Math.hypot(x, y)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(half.equals("left") ? x < 0 : x > 0).isTrue();
      }
    }
  }

  @Test
  void movingStraightToTheGoalEarnsTheNegativeDistanceAndTruncatesAt50() {
    Task t = LifetimeTest.pointGoal("right").sample(new SplittableRandom(2));
    double gx = (double) t.parameters().get("goal_x");
    double gy = (double) t.parameters().get("goal_y");
    try (Environment e = t.newEnvironment()) {
      float[] o = e.reset(7);
      assertThat(e.reset(7)).containsExactly(o);
      double total = 0;
      Step s = null;
      for (int k = 0; k < 50; k++) {
        float[] a = {(float) (gx - o[0]) * 10, (float) (gy - o[1]) * 10}; // clipped to [-1, 1]
        s = e.step(a);
        o = s.observation();
        total += s.reward();
        assertThat(s.reward()).isCloseTo(-s.info().get("distance"), org.assertj.core.data.Offset.offset(1e-12));
        if (k < 49) {
          assertThat(s.done()).isFalse();
        }
      }
      assertThat(s.truncated()).isTrue();
      assertThat(s.terminated()).isFalse();
      assertThat(s.info().get("distance")).isLessThan(0.1);
      assertThat(total).isBetween(-8.0, -3.0);
    }
  }
}
