package io.metarl.envs.mdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.typesafe.config.ConfigFactory;
import io.metarl.api.env.Box;
import io.metarl.api.env.Discrete;
import io.metarl.api.env.Step;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TabularMdpTest {
  private static final RandomMdps PAPER = new RandomMdps(10, 5, 10);

  @Test
  void priorsHaveThePapersShapes() {
    MdpTask t = PAPER.sample(new SplittableRandom(1));
    assertThat(t.states()).isEqualTo(10);
    assertThat(t.actions()).isEqualTo(5);
    assertThat(t.episodeLength()).isEqualTo(10);
    for (int s = 0; s < 10; s++) {
      for (int a = 0; a < 5; a++) {
        double sum = 0;
        for (int n = 0; n < 10; n++) {
          assertThat(t.transition(s, a, n)).isBetween(0.0, 1.0);
          sum += t.transition(s, a, n);
        }
        assertThat(sum).isCloseTo(1.0, within(1e-12));
      }
    }
    assertThat(PAPER.spec().observationSpace()).isEqualTo(Box.of(0f, 1f, 10));
    assertThat(PAPER.spec().actionSpace()).isEqualTo(new Discrete(5));
  }

  @Test
  void priorMomentsMatchNormalOneOneAndAFlatDirichlet() {
    SplittableRandom rng = new SplittableRandom(7);
    double sum = 0;
    double sq = 0;
    double p0 = 0;
    double p0sq = 0;
    int m = 0;
    int rows = 0;
    for (int i = 0; i < 400; i++) {
      MdpTask t = PAPER.sample(rng);
      for (int s = 0; s < 10; s++) {
        for (int a = 0; a < 5; a++) {
          sum += t.mean(s, a);
          sq += t.mean(s, a) * t.mean(s, a);
          m++;
          p0 += t.transition(s, a, 3);
          p0sq += t.transition(s, a, 3) * t.transition(s, a, 3);
          rows++;
        }
      }
    }
    double mean = sum / m;
    assertThat(mean).isCloseTo(1.0, within(0.03));
    assertThat(sq / m - mean * mean).isCloseTo(1.0, within(0.05));
    // Dirichlet(1,...,1) with K = 10: each component has mean 1/10 and variance (1/10)(9/10)/11
    double pm = p0 / rows;
    assertThat(pm).isCloseTo(0.1, within(0.004));
    assertThat(p0sq / rows - pm * pm).isCloseTo(0.09 / 11, within(0.0008));
  }

  @Test
  void reproducibleFromASeed() {
    MdpTask a = PAPER.sample(new SplittableRandom(42));
    MdpTask b = PAPER.sample(new SplittableRandom(42));
    MdpTask c = PAPER.sample(new SplittableRandom(43));
    assertThat(a.parameters()).isEqualTo(b.parameters());
    assertThat(a.transitionRow(4, 2)).containsExactly(b.transitionRow(4, 2));
    assertThat(a.parameters()).isNotEqualTo(c.parameters());
    TabularMdp e1 = a.newEnvironment();
    TabularMdp e2 = a.newEnvironment();
    e1.reset(9);
    e2.reset(9);
    for (int t = 0; t < 10; t++) {
      Step s1 = e1.step(t % 5);
      Step s2 = e2.step(t % 5);
      assertThat(s1.reward()).isEqualTo(s2.reward());
      assertThat(s1.observation()).containsExactly(s2.observation());
    }
  }

  @Test
  void episodesLastTenStepsFromStateZeroWithOneHotObservations() {
    TabularMdp env = PAPER.sample(new SplittableRandom(3)).newEnvironment();
    float[] o = env.reset(5);
    assertThat(o).hasSize(10);
    assertThat(o[0]).isEqualTo(1f);
    for (int t = 1; t <= 10; t++) {
      Step s = env.step(1);
      float total = 0;
      int hot = -1;
      for (int i = 0; i < 10; i++) {
        total += s.observation()[i];
        if (s.observation()[i] == 1f) {
          hot = i;
        }
      }
      assertThat(total).isEqualTo(1f);
      assertThat(hot).isEqualTo(env.state());
      assertThat(s.terminated()).isFalse();
      assertThat(s.truncated()).isEqualTo(t == 10);
    }
    assertThatThrownBy(() -> env.step(0)).isInstanceOf(IllegalStateException.class);
    assertThat(env.reset(6)[0]).isEqualTo(1f);
    assertThat(env.state()).isZero();
  }

  @Test
  void rewardsAreTheMeanPlusUnitNoise() {
    double[][] r = {{2.5, -1}};
    double[][][] p = {{{1.0}, {1.0}}};
    TabularMdp env = new MdpTask(r, p, 1000).newEnvironment();
    env.reset(1);
    double sum = 0;
    double sq = 0;
    for (int t = 0; t < 1000; t++) {
      double x = env.step(0).reward();
      sum += x;
      sq += x * x;
    }
    assertThat(sum / 1000).isCloseTo(2.5, within(0.1));
    assertThat(sq / 1000 - (sum / 1000) * (sum / 1000)).isCloseTo(1.0, within(0.12));
  }

  @Test
  void optimalReturnIsFiniteHorizonValueIteration() {
    // two states: action 1 in state 0 pays 1 and moves to state 1, which pays 3 for any action and stays
    double[][] r = {{0.5, 1.0}, {3.0, 3.0}};
    double[][][] p = {{{1, 0}, {0, 1}}, {{0, 1}, {0, 1}}};
    MdpTask t = new MdpTask(r, p, 3);
    assertThat(t.optimalReturn().getAsDouble()).isCloseTo(1 + 3 + 3, within(1e-12));
  }

  @Test
  void providerReadsItsDefaults() {
    var section = ConfigFactory.defaultReference().getConfig("metarl.plugins.tabular-mdp");
    RandomMdps d = new TabularMdpProvider().create(section, null);
    assertThat(d).isEqualTo(PAPER);
  }
}
