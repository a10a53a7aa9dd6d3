package io.metarl.envs.gym.classic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metarl.api.env.Box;
import io.metarl.api.env.Discrete;
import io.metarl.api.env.Environment;
import io.metarl.api.env.Step;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ClassicEnvironmentTest {

  static List<String> ids() {
    return ClassicControl.IDS;
  }

  /** Plays {@code steps} steps with actions from a seeded source; returns all observations and rewards. */
  private static List<Object> trajectory(String id, long seed, int steps) {
    ClassicEnvironment env = ClassicControl.make(id);
    SplittableRandom actions = new SplittableRandom(99);
    List<Object> out = new ArrayList<>();
    out.add(env.reset(seed));
    for (int i = 0; i < steps; i++) {
      Step s = act(env, actions);
      out.add(s.observation());
      out.add(s.reward());
      if (s.done()) {
        out.add(env.reset(seed + i));
      }
    }
    return out;
  }

  private static Step act(Environment env, SplittableRandom rng) {
    if (env.actionSpace() instanceof Discrete d) {
      return env.step(rng.nextInt(d.n()));
    }
    Box b = (Box) env.actionSpace();
    return env.step(new float[] {(float) (b.low(0) + (b.high(0) - b.low(0)) * rng.nextDouble())});
  }

  @ParameterizedTest
  @MethodSource("ids")
  void sameSeedSameTrajectoryDifferentSeedDifferentStart(String id) {
    List<Object> a = trajectory(id, 42, 300);
    List<Object> b = trajectory(id, 42, 300);
    assertThat(a).hasSameSizeAs(b);
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.get(i)).as("%s element %d", id, i).isEqualTo(b.get(i));
    }
    float[] start42 = ClassicControl.make(id).reset(42);
    float[] start43 = ClassicControl.make(id).reset(43);
    assertThat(start42).isNotEqualTo(start43);
  }

  @ParameterizedTest
  @MethodSource("ids")
  void observationsStayInTheirSpaceAndStateRoundTrips(String id) {
    ClassicEnvironment env = ClassicControl.make(id);
    Box space = (Box) env.observationSpace();
    SplittableRandom rng = new SplittableRandom(5);
    float[] obs = env.reset(7);
    for (int i = 0; i < 200; i++) {
      assertThat(obs).hasSize(space.flatSize());
      Step s = act(env, rng);
      obs = s.observation();
      if (!s.terminated() && !id.startsWith("CartPole")) {
        assertThat(space.contains(obs)).as("%s step %d %s", id, i, java.util.Arrays.toString(obs)).isTrue();
      }
      if (s.done()) {
        obs = env.reset(i);
      }
    }
    double[] state = env.state();
    ClassicEnvironment copy = ClassicControl.make(id);
    copy.resetToState(state);
    assertThat(copy.state()).isEqualTo(state);
    assertThatThrownBy(() -> copy.resetToState(new double[state.length + 1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(id);
  }

  @Test
  void resetDistributionsMatchGymnasium() {
    for (long seed = 0; seed < 200; seed++) {
      CartPole cp = CartPole.version("v1");
      cp.reset(seed);
      for (double v : cp.state()) {
        assertThat(v).isBetween(-0.05, 0.05);
      }
      Acrobot ac = new Acrobot();
      ac.reset(seed);
      for (double v : ac.state()) {
        assertThat(v).isBetween(-0.1, 0.1);
        assertThat((double) (float) v).isEqualTo(v); // Gymnasium casts the initial state to float32
      }
      MountainCar mc = new MountainCar();
      mc.reset(seed);
      assertThat(mc.state()[0]).isBetween(-0.6, -0.4);
      assertThat(mc.state()[1]).isZero();
      Pendulum p = new Pendulum();
      p.reset(seed);
      assertThat(p.state()[0]).isBetween(-Math.PI, Math.PI);
      assertThat(p.state()[1]).isBetween(-1.0, 1.0);
    }
  }

  @ParameterizedTest
  @CsvSource({"v0, 200", "v1, 500"})
  void cartPoleTruncatesAtItsVersionsTimeLimit(String version, int limit) {
    CartPole env = CartPole.version(version);
    var controller = Controllers.cartPole();
    float[] obs = env.reset(3);
    for (int t = 1; t <= limit; t++) {
      Step s = env.step(controller.act(obs));
      obs = s.observation();
      assertThat(s.terminated()).as("step %d", t).isFalse();
      assertThat(s.truncated()).as("step %d", t).isEqualTo(t == limit);
    }
    assertThat(env.id()).isEqualTo("CartPole-" + version);
    // a reset restarts the counter
    env.reset(4);
    assertThat(env.elapsedSteps()).isZero();
    assertThat(env.step(0).truncated()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"Acrobot-v1, 500", "MountainCar-v0, 200", "MountainCarContinuous-v0, 999", "Pendulum-v1, 200"})
  void otherTimeLimits(String id, int limit) {
    ClassicEnvironment env = ClassicControl.make(id);
    env.reset(0);
    for (int t = 1; t <= limit; t++) {
      // no torque / no push: never reaches a goal
      Step s = env.actionSpace() instanceof Discrete ? env.step(1) : env.step(new float[] {0f});
      assertThat(s.terminated()).isFalse();
      assertThat(s.truncated()).as("%s step %d", id, t).isEqualTo(t == limit);
    }
  }

  @Test
  void cartPoleRewardsAndTermination() {
    CartPole env = CartPole.version("v1");
    env.resetToState(new double[] {0, 0, 0.19, 0.5});
    Step s = env.step(0); // Euler: theta becomes 0.19 + 0.02 * 0.5 = 0.2 < 12 degrees (0.2094)
    assertThat(s.terminated()).isFalse();
    assertThat(env.state()[2]).isEqualTo(0.19 + 0.02 * 0.5);
    Step t = env.step(0); // theta_dot grew above 0.5 pushing left: theta > 0.21
    assertThat(t.terminated()).isTrue();
    assertThat(t.reward()).isEqualTo(1.0);
    assertThat(env.step(0).reward()).isEqualTo(0.0); // steps beyond termination
    CartPole sb = new CartPole("CartPole-v1", 500, CartPole.Parameters.DEFAULT, true);
    sb.resetToState(new double[] {0, 0, 0.19, 0.5});
    assertThat(sb.step(0).reward()).isEqualTo(0.0);
    assertThat(sb.step(0).reward()).isEqualTo(-1.0);
    assertThatThrownBy(() -> env.step(2)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void mountainCarWallStopsTheCarAndContinuousRewardCountsTheUnclippedAction() {
    MountainCar mc = new MountainCar();
    mc.resetToState(new double[] {-1.19, -0.05});
    Step s = mc.step(0);
    assertThat(mc.state()).containsExactly(-1.2, 0.0);
    assertThat(s.reward()).isEqualTo(-1.0);
    MountainCarContinuous mcc = new MountainCarContinuous();
    mcc.resetToState(new double[] {0.449, 0.05});
    Step g = mcc.step(new float[] {3f});
    assertThat(g.terminated()).isTrue();
    assertThat(g.reward()).isEqualTo(100.0 - 0.9);
  }

  @Test
  void pendulumAngleNormalizeIsFlooredModulo() {
    assertThat(Pendulum.angleNormalize(0.5)).isEqualTo(0.5, org.assertj.core.api.Assertions.within(1e-15));
    assertThat(Pendulum.angleNormalize(-0.5 - 2 * Math.PI)).isCloseTo(-0.5, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(Pendulum.angleNormalize(3 * Math.PI + 0.25)).isCloseTo(-Math.PI + 0.25, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(Acrobot.wrap(4.0, -Math.PI, Math.PI)).isCloseTo(4.0 - 2 * Math.PI, org.assertj.core.api.Assertions.within(1e-15));
  }

  @ParameterizedTest
  @MethodSource("ids")
  void rendersSomething(String id) {
    ClassicEnvironment env = ClassicControl.make(id);
    env.reset(1);
    BufferedImage img = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    env.render(g, 300, 200);
    g.dispose();
    int nonWhite = 0;
    for (int y = 0; y < 200; y++) {
      for (int x = 0; x < 300; x++) {
        if ((img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
          nonWhite++;
        }
      }
    }
    assertThat(nonWhite).isGreaterThan(100);
  }

  @Test
  void controllersSolveTheirTasks() {
    for (long seed = 0; seed < 5; seed++) {
      assertThat(play(CartPole.version("v1"), Controllers.cartPole(), seed)).isEqualTo(500);
      assertThat(play(new MountainCar(), Controllers.mountainCar(), seed)).isLessThan(200);
      assertThat(play(new MountainCarContinuous(), Controllers.mountainCarContinuous(), seed)).isLessThan(999);
      assertThat(play(new Acrobot(), Controllers.acrobot(), seed)).isLessThan(500);
    }
    // the pendulum never terminates: check it ends upright
    Pendulum p = new Pendulum();
    var c = Controllers.pendulum();
    float[] obs = p.reset(3);
    double lastRewards = 0;
    for (int t = 0; t < 200; t++) {
      Step s = p.step(c.actContinuous(obs));
      obs = s.observation();
      if (t >= 180) {
        lastRewards += s.reward();
      }
    }
    assertThat(lastRewards / 20).isGreaterThan(-0.1);
  }

  /** Episode length under a controller. */
  private static int play(ClassicEnvironment env, io.metarl.api.env.Controller c, long seed) {
    float[] obs = env.reset(seed);
    for (int t = 1; ; t++) {
      Step s = env.actionSpace() instanceof Discrete ? env.step(c.act(obs)) : env.step(c.actContinuous(obs));
      obs = s.observation();
      if (s.done()) {
        return t;
      }
    }
  }
}
