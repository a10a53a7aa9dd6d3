package io.metarl.envs.gym.lunar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.metarl.api.env.Box;
import io.metarl.api.env.Discrete;
import io.metarl.api.env.Step;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LunarLanderTest {

  /** Mean heuristic return over seeds {@code 0..n-1}. */
  private static double heuristicMean(LunarLanderConfig config, int n) {
    double sum = 0;
    for (int seed = 0; seed < n; seed++) {
      sum += LunarLanderBenchmark.heuristicEpisode(config, seed).ret();
    }
    return sum / n;
  }

  @Test
  void discreteHeuristicLandsAsInGymnasium() {
    double mean = heuristicMean(LunarLanderConfig.defaults(false), 100);
    // EnvPool's bar; gym's own 1000-episode figure is 236.9 +- 105.8.
    assertThat(mean).isGreaterThanOrEqualTo(220.0).isCloseTo(237.0, within(20.0));
  }

  @Test
  void continuousHeuristicLandsAsInGymnasium() {
    double mean = heuristicMean(LunarLanderConfig.defaults(true), 100);
    // EnvPool's bar; gym's own 1000-episode figure is 283.9 +- 18.9.
    assertThat(mean).isGreaterThanOrEqualTo(260.0).isCloseTo(284.0, within(10.0));
  }

  @Test
  void randomPolicyCrashes() {
    for (boolean continuous : new boolean[] {false, true}) {
      double sum = 0;
      for (int seed = 0; seed < 50; seed++) {
        sum += LunarLanderBenchmark.randomEpisode(LunarLanderConfig.defaults(continuous), seed).ret();
      }
      assertThat(sum / 50).as("random mean, continuous=%s", continuous).isLessThan(-100.0);
    }
  }

  @Test
  void landingEndsWithPlusHundredAndCrashWithMinusHundred() {
    LunarLander env = new LunarLander(LunarLanderConfig.defaults(true));
    LunarLanderHeuristic pilot = new LunarLanderHeuristic();
    float[] s = env.reset(0);
    Step st;
    do {
      st = env.step(pilot.actContinuous(s));
      s = st.observation();
    } while (!st.done());
    assertThat(st.terminated()).isTrue();
    assertThat(st.reward()).isEqualTo(100.0);
    assertThat(s[6] + s[7]).as("legs on the ground").isGreaterThan(0f);
    assertThat(Math.abs(s[0])).as("near the pad").isLessThan(0.2f);

    LunarLander crash = new LunarLander(LunarLanderConfig.defaults(false));
    crash.reset(3);
    do {
      st = crash.step(0); // free fall
    } while (!st.done());
    assertThat(st.terminated()).isTrue();
    assertThat(st.truncated()).isFalse();
    assertThat(st.reward()).isEqualTo(-100.0);
  }

  @Test
  void sameSeedSameEpisodeDifferentSeedDifferentEpisode() {
    for (LunarLanderConfig config : List.of(
        LunarLanderConfig.defaults(false), LunarLanderConfig.windy(true, 15.0, 1.5))) {
      List<float[]> a = trajectory(new LunarLander(config), 42);
      List<float[]> b = trajectory(new LunarLander(config), 42);
      assertThat(a).hasSameSizeAs(b);
      for (int i = 0; i < a.size(); i++) {
        assertThat(b.get(i)).containsExactly(a.get(i));
      }
      // The same instance reset again replays the episode too (a fresh world every reset).
      LunarLander env = new LunarLander(config);
      trajectory(env, 7);
      List<float[]> c = trajectory(env, 42);
      assertThat(c.get(c.size() - 1)).containsExactly(a.get(a.size() - 1));
      List<float[]> d = trajectory(new LunarLander(config), 43);
      assertThat(d.get(0)).isNotEqualTo(a.get(0));
    }
  }

  /** Observations then rewards of a heuristic episode, capped at 300 steps. */
  private static List<float[]> trajectory(LunarLander env, long seed) {
    List<float[]> out = new ArrayList<>();
    LunarLanderHeuristic pilot = new LunarLanderHeuristic();
    float[] s = env.reset(seed);
    out.add(s);
    for (int t = 0; t < 300; t++) {
      Step st = env.config().continuous() ? env.step(pilot.actContinuous(s)) : env.step(pilot.act(s));
      s = st.observation();
      out.add(s);
      out.add(new float[] {(float) st.reward()});
      if (st.done()) {
        break;
      }
    }
    return out;
  }

  @Test
  void hoveringTruncatesAtThousandSteps() {
    LunarLander env = new LunarLander(LunarLanderConfig.defaults(true));
    LunarLanderHeuristic pilot = new LunarLanderHeuristic();
    float[] s = env.reset(5);
    Step st = null;
    int steps = 0;
    while (st == null || !st.done()) {
      float[] a = pilot.actContinuous(s);
      // Hold y at 0.8 (above the pad) instead of landing.
      double hoverTodo = (0.8 - s[1]) * 0.5 - s[3] * 0.5;
      a[0] = (float) Math.max(-1, Math.min(1, hoverTodo * 20 - 1));
      st = env.step(a);
      s = st.observation();
      steps++;
    }
    assertThat(steps).isEqualTo(LunarLander.MAX_EPISODE_STEPS);
    assertThat(env.elapsedSteps()).isEqualTo(1000);
    assertThat(st.truncated()).isTrue();
    assertThat(st.terminated()).isFalse();
    assertThat(s[1]).as("still in the air").isBetween(0.5f, 1.0f);
    assertThat(s[6] + s[7]).isZero();
    assertThatThrownBy(() -> env.step(new float[] {0, 0})).isInstanceOf(IllegalStateException.class);
    env.reset(6);
    assertThat(env.elapsedSteps()).isZero();
  }

  @Test
  void customTimeLimitTruncates() {
    LunarLander env = new LunarLander(LunarLanderConfig.defaults(false), 3);
    env.reset(1);
    assertThat(env.step(0).truncated()).isFalse();
    assertThat(env.step(0).truncated()).isFalse();
    Step third = env.step(0);
    assertThat(third.truncated()).isTrue();
    assertThat(third.terminated()).isFalse();
  }

  @Test
  void spacesAndFirstObservation() {
    LunarLander discrete = new LunarLander(LunarLanderConfig.defaults(false));
    LunarLander continuous = new LunarLander(LunarLanderConfig.defaults(true));
    assertThat(discrete.actionSpace()).isEqualTo(new Discrete(4));
    assertThat(continuous.actionSpace()).isEqualTo(Box.of(-1f, 1f, 2));
    Box obs = (Box) discrete.observationSpace();
    assertThat(obs.flatSize()).isEqualTo(8);
    assertThat(obs.high(0)).isEqualTo(2.5f);
    assertThat(obs.high(4)).isEqualTo((float) (2 * Math.PI));
    assertThat(discrete.id()).isEqualTo("LunarLander-v3");
    assertThat(continuous.id()).isEqualTo("LunarLanderContinuous-v3");
    for (long seed = 0; seed < 20; seed++) {
      float[] s = discrete.reset(seed);
      assertThat(obs.contains(s)).isTrue();
      // Starts at the top centre, one frame after the random push.
      assertThat(s[0]).isCloseTo(0f, within(0.02f));
      assertThat(s[1]).isCloseTo(1.41f, within(0.03f));
      assertThat(s[6]).isZero();
      assertThat(s[7]).isZero();
    }
  }

  @Test
  void enginesPushTheLander() {
    LunarLander env = new LunarLander(LunarLanderConfig.defaults(false));
    float[][] after = new float[4][];
    for (int a = 0; a < 4; a++) {
      env.reset(11);
      after[a] = env.step(a).observation();
    }
    assertThat(after[2][3]).as("main engine raises vy").isGreaterThan(after[0][3] + 0.01f);
    // Left engine (1) spins the lander counter-clockwise (angle up), right engine (3) clockwise,
    // as the heuristic expects (angle_todo > 0 -> 1).
    assertThat(after[1][5]).isGreaterThan(after[0][5] + 0.01f);
    assertThat(after[3][5]).isLessThan(after[0][5] - 0.01f);
  }

  @Test
  void continuousMappingFollowsGymnasium() {
    LunarLander env = new LunarLander(LunarLanderConfig.defaults(true));
    // Main engine off for main <= 0, lateral off for |lateral| <= 0.5, actions clipped to [-1, 1].
    assertThat(run(env, new float[] {-1f, 0f})).containsExactly(run(env, new float[] {0f, 0.5f}));
    assertThat(run(env, new float[] {-0.3f, -0.5f})).containsExactly(run(env, new float[] {-1f, 0f}));
    assertThat(run(env, new float[] {5f, -7f})).containsExactly(run(env, new float[] {1f, -1f}));
    // Throttle: 0+ is half power, so it pushes less than full power but more than off.
    float off = run(env, new float[] {-1f, 0f})[3];
    float half = run(env, new float[] {1e-6f, 0f})[3];
    float full = run(env, new float[] {1f, 0f})[3];
    assertThat(half).isGreaterThan(off);
    assertThat(full).isGreaterThan(half);
    assertThatThrownBy(() -> env.step(new float[] {Float.NaN, 0f})).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> env.step(new float[] {0f})).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> env.step(1)).isInstanceOf(UnsupportedOperationException.class);
  }

  private static float[] run(LunarLander env, float[] action) {
    env.reset(21);
    float[] s = null;
    for (int t = 0; t < 10; t++) {
      s = env.step(action).observation();
    }
    return s;
  }

  @Test
  void badActionsAndOrderAreRejected() {
    LunarLander env = new LunarLander(LunarLanderConfig.defaults(false));
    assertThatThrownBy(() -> env.step(0)).isInstanceOf(IllegalStateException.class);
    env.reset(0);
    assertThatThrownBy(() -> env.step(4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> env.step(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> env.step(new float[] {0, 0})).isInstanceOf(UnsupportedOperationException.class);
    env.close();
    assertThatThrownBy(() -> env.step(0)).isInstanceOf(IllegalStateException.class);
    assertThat(env.reset(0)).containsExactly(new LunarLander(LunarLanderConfig.defaults(false)).reset(0));
    assertThatThrownBy(() -> new LunarLanderConfig(false, 0.0, false, 15, 1.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gravity");
    assertThatThrownBy(() -> new LunarLanderConfig(false, -10, true, 20.5, 1.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wind");
    assertThatThrownBy(() -> new LunarLanderConfig(false, -10, true, 15, -0.1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("turbulence");
  }

  @Test
  void windPushesTheLanderAndIsRedrawnEveryReset() {
    // Free fall for 40 steps: wind changes the horizontal velocity and the spin.
    float[] calm = freeFall(LunarLanderConfig.defaults(false), 9, 40);
    float[] windy = freeFall(new LunarLanderConfig(false, -10, true, 20, 2), 9, 40);
    assertThat(Math.abs(windy[2] - calm[2]) + Math.abs(windy[5] - calm[5])).isGreaterThan(0.01f);
    // Wind offsets are drawn from the reset seed: the wind differs between seeds.
    LunarLanderConfig strongWind = new LunarLanderConfig(false, -10, true, 20, 0);
    float[] dx = new float[6];
    for (int seed = 0; seed < dx.length; seed++) {
      dx[seed] = freeFall(strongWind, seed, 40)[2] - freeFall(LunarLanderConfig.defaults(false), seed, 40)[2];
    }
    float min = Float.MAX_VALUE;
    float max = -Float.MAX_VALUE;
    for (float v : dx) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    assertThat(max - min).as("wind effect varies with the seed").isGreaterThan(0.05f);
  }

  private static float[] freeFall(LunarLanderConfig config, long seed, int steps) {
    LunarLander env = new LunarLander(config);
    float[] s = env.reset(seed);
    for (int t = 0; t < steps; t++) {
      Step st = env.step(0);
      s = st.observation();
      if (st.done()) {
        break;
      }
    }
    return s;
  }

  @Test
  void gravityChangesTheFall() {
    float[] moon = freeFall(new LunarLanderConfig(false, -1.6, false, 15, 1.5), 4, 20);
    float[] heavy = freeFall(new LunarLanderConfig(false, -11.9, false, 15, 1.5), 4, 20);
    assertThat(heavy[3]).isLessThan(moon[3] - 0.5f);
  }

  @Test
  void heuristicFollowsGymnasiumRules() {
    LunarLanderHeuristic h = new LunarLanderHeuristic();
    assertThat(h.act(new float[8])).isZero();
    assertThat(h.actContinuous(new float[8])).containsExactly(new float[] {-1f, 0f}, within(0f));
    // Too low: main engine.
    assertThat(h.act(new float[] {0, -1, 0, 0, 0, 0, 0, 0})).isEqualTo(2);
    assertThat(h.actContinuous(new float[] {0, -1, 0, 0, 0, 0, 0, 0})).containsExactly(new float[] {1f, 0f}, within(0f));
    // Tilted left (positive angle) at the right height: fire the right engine (3), lateral > 0.
    float[] tilted = {0, 0, 0, 0, 0.3f, 0, 0, 0};
    assertThat(h.act(tilted)).isEqualTo(3);
    assertThat(h.actContinuous(tilted)[1]).isEqualTo(1f);
    float[] tiltedRight = {0, 0, 0, 0, -0.3f, 0, 0, 0};
    assertThat(h.act(tiltedRight)).isEqualTo(1);
    // On the ground: only brake the fall, ignore the angle.
    float[] landed = {0, 0, 0, -0.2f, 0.3f, 0, 1, 0};
    assertThat(h.act(landed)).isEqualTo(2);
    assertThat(h.actContinuous(landed)[1]).isCloseTo(0f, within(0f));
    assertThatThrownBy(() -> h.act(new float[3])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rendersSkyGroundAndLander() {
    LunarLander env = new LunarLander(LunarLanderConfig.defaults(false));
    BufferedImage img = new BufferedImage(600, 400, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    env.render(g, 600, 400); // before reset: background only
    env.reset(0);
    env.render(g, 600, 400);
    g.dispose();
    assertThat(img.getRGB(5, 5) & 0xFFFFFF).as("sky").isEqualTo(0x000000);
    assertThat(img.getRGB(300, 398) & 0xFFFFFF).as("ground").isEqualTo(0xFFFFFF);
    // The lander starts at the top centre (x = 300 px), its body just below the top edge.
    int landerPixels = 0;
    for (int y = 0; y < 60; y++) {
      for (int x = 260; x < 340; x++) {
        if ((img.getRGB(x, y) & 0xFFFFFF) == 0x8066E6) {
          landerPixels++;
        }
      }
    }
    assertThat(landerPixels).isGreaterThan(200);
    // A yellow flag at the left helipad edge (x = 8 units = 240 px).
    boolean flag = false;
    for (int y = 0; y < 400 && !flag; y++) {
      for (int x = 240; x < 265 && !flag; x++) {
        flag = (img.getRGB(x, y) & 0xFFFFFF) == 0xCCCC00;
      }
    }
    assertThat(flag).isTrue();
  }

  @Test
  void randomPolicyHelperIsSeeded() {
    LunarLanderConfig config = LunarLanderConfig.defaults(false);
    assertThat(LunarLanderBenchmark.randomEpisode(config, 3).ret())
        .isEqualTo(LunarLanderBenchmark.randomEpisode(config, 3).ret());
    assertThat(LunarLanderBenchmark.randomEpisode(config, 3).ret())
        .isNotEqualTo(LunarLanderBenchmark.randomEpisode(config, 4).ret());
  }
}
