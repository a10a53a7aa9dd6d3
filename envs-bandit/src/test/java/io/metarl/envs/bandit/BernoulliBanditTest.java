package io.metarl.envs.bandit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.metarl.api.env.Box;
import io.metarl.api.env.Discrete;
import io.metarl.api.env.Step;
import org.junit.jupiter.api.Test;

class BernoulliBanditTest {

  @Test
  void spacesAndConstantObservation() {
    BernoulliBandit env = new BernoulliBandit(new double[] {0.1, 0.5, 0.9}, 5);
    assertThat(env.actionSpace()).isEqualTo(new Discrete(3));
    assertThat(env.observationSpace()).isEqualTo(Box.of(0f, 1f, 1));
    float[] obs = env.reset(3);
    assertThat(obs).containsExactly(1f);
    obs[0] = 42f; // a caller scribbling on the shared array does not leak into the next step
    Step s = env.step(1);
    assertThat(s.observation()).containsExactly(1f);
    assertThat(s.observation()).isSameAs(obs);
  }

  @Test
  void observeTimeGivesTheElapsedFractionOfTheEpisode() {
    BernoulliBandit env = new BernoulliBandit(new double[] {0.3, 0.6}, 4, true);
    assertThat(env.reset(3)).containsExactly(0f);
    assertThat(env.step(0).observation()).containsExactly(0.25f);
    assertThat(env.step(1).observation()).containsExactly(0.5f);
    assertThat(env.step(0).observation()).containsExactly(0.75f);
    assertThat(env.step(0).observation()).containsExactly(1f);
    assertThat(env.reset(4)).containsExactly(0f);
    // Through the plugin: observe-time = true wraps any bandit distribution, spaces unchanged.
    com.typesafe.config.Config section = com.typesafe.config.ConfigFactory.parseString(
        "difficulty = hard, horizon = 10, arms = 2, observe-time = true");
    BanditDistribution tasks = new DependentBanditProvider().create(section, null);
    BanditTask task = tasks.sample(new java.util.SplittableRandom(1));
    assertThat(task.observeTime()).isTrue();
    assertThat(task.probabilities()).containsAnyOf(0.4, 0.6);
    assertThat(tasks.spec()).isEqualTo(new DependentBandits(DependentBandits.Difficulty.HARD, 10).spec());
    assertThat(task.newEnvironment().reset(1)).containsExactly(0f);
    BanditTask plain = new DependentBanditProvider().create(section.withValue("observe-time",
        com.typesafe.config.ConfigValueFactory.fromAnyRef(false)), null).sample(new java.util.SplittableRandom(1));
    assertThat(plain.newEnvironment().reset(1)).containsExactly(1f);
    assertThat(plain).isNotEqualTo(task).isEqualTo(new BanditTask(task.probabilities(), 10));
  }

  @Test
  void truncatesAfterHorizonAndNeverTerminates() {
    BernoulliBandit env = new BernoulliBandit(new double[] {1.0, 0.0}, 3);
    env.reset(1);
    Step a = env.step(0);
    Step b = env.step(1);
    Step c = env.step(0);
    assertThat(a.reward()).isEqualTo(1.0);
    assertThat(b.reward()).isEqualTo(0.0);
    assertThat(c.reward()).isEqualTo(1.0);
    assertThat(a.truncated() || b.truncated()).isFalse();
    assertThat(c.truncated()).isTrue();
    assertThat(a.terminated() || b.terminated() || c.terminated()).isFalse();
    assertThatThrownBy(() -> env.step(0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("reset");
    env.reset(2);
    assertThat(env.pulls()).isZero();
    assertThat(env.step(0).truncated()).isFalse();
  }

  @Test
  void rejectsBadActionsAndStepBeforeReset() {
    BernoulliBandit env = new BernoulliBandit(new double[] {0.5, 0.5}, 3);
    assertThatThrownBy(() -> env.step(0)).isInstanceOf(IllegalStateException.class);
    env.reset(0);
    assertThatThrownBy(() -> env.step(2)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Discrete(2)");
    assertThatThrownBy(() -> env.step(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BernoulliBandit(new double[] {1.5}, 3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BernoulliBandit(new double[] {0.5}, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sameSeedSameRewardsAndFrequenciesMatchProbabilities() {
    int n = 200_000;
    BernoulliBandit env = new BernoulliBandit(new double[] {0.2, 0.7}, n);
    BernoulliBandit twin = new BernoulliBandit(new double[] {0.2, 0.7}, n);
    env.reset(99);
    twin.reset(99);
    int[] hits = new int[2];
    for (int t = 0; t < n; t++) {
      int a = t % 2;
      int r = (int) env.step(a).reward();
      assertThat(twin.pull(a)).isEqualTo(r);
      hits[a] += r;
    }
    assertThat(hits[0] / (n / 2.0)).isCloseTo(0.2, within(0.005));
    assertThat(hits[1] / (n / 2.0)).isCloseTo(0.7, within(0.005));
  }

  @Test
  void rewardsFollowSplittableRandomOfTheSeed() {
    double[] p = {0.3, 0.6};
    BernoulliBandit env = new BernoulliBandit(p, 1000);
    env.reset(12345L);
    java.util.SplittableRandom rng = new java.util.SplittableRandom(12345L);
    for (int t = 0; t < 1000; t++) {
      int a = t % 2;
      assertThat(env.pull(a)).isEqualTo(rng.nextDouble() < p[a] ? 1 : 0);
    }
  }

  @Test
  void taskMakesEnvironmentsAndReportsParameters() {
    BanditTask task = new BanditTask(new double[] {0.3, 0.9, 0.1}, 7);
    assertThat(task.bestMean()).isEqualTo(0.9);
    assertThat(task.bestArm()).isEqualTo(1);
    assertThat(task.gap(2)).isCloseTo(0.8, within(1e-12));
    assertThat(task.parameters()).containsEntry("arms", 3).containsEntry("horizon", 7);
    assertThat(task.parameters().get("probabilities")).isEqualTo(java.util.List.of(0.3, 0.9, 0.1));
    BernoulliBandit env = task.newEnvironment();
    assertThat(env.arms()).isEqualTo(3);
    assertThat(env.horizon()).isEqualTo(7);
    assertThat(task).isEqualTo(new BanditTask(new double[] {0.3, 0.9, 0.1}, 7));
    double[] copy = task.probabilities();
    copy[0] = 1;
    assertThat(task.probability(0)).isEqualTo(0.3);
  }

  @org.junit.jupiter.api.Test
  void rendersThePosteriorOfEachArm() {
    BernoulliBandit env = new BernoulliBandit(new double[] {0.2, 0.9}, 50);
    env.reset(3);
    for (int i = 0; i < 20; i++) {
      env.step(i % 2);
    }
    var img = new java.awt.image.BufferedImage(200, 120, java.awt.image.BufferedImage.TYPE_INT_RGB);
    var g = img.createGraphics();
    env.render(g, 200, 120);
    g.dispose();
    int coloured = 0;
    for (int y = 0; y < 120; y++) {
      for (int x = 0; x < 200; x++) {
        if ((img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
          coloured++;
        }
      }
    }
    org.assertj.core.api.Assertions.assertThat(coloured).as("pixels drawn").isGreaterThan(500);
  }
}
