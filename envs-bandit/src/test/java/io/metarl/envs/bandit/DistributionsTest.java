package io.metarl.envs.bandit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.metarl.api.env.Discrete;
import io.metarl.api.plugin.AgentProvider;
import io.metarl.api.plugin.EnvironmentProvider;
import io.metarl.api.plugin.InvalidSettingException;
import io.metarl.api.plugin.Plugin;
import io.metarl.api.task.TaskDistribution;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DistributionsTest {

  private static Config section(String plugin, String overrides) {
    Config defaults = ConfigFactory.defaultReference().getConfig("metarl.plugins." + plugin);
    return ConfigFactory.parseString(overrides).withFallback(defaults);
  }

  private static TaskDistribution env(String plugin, String overrides) {
    EnvironmentProvider p = ServiceLoader.load(EnvironmentProvider.class).stream()
        .map(ServiceLoader.Provider::get).filter(x -> x.name().equals(plugin)).findFirst().orElseThrow();
    return p.create(section(plugin, overrides), null);
  }

  @Test
  void pluginsAreRegisteredAndEveryOneHasDefaults() {
    Set<String> envs = ServiceLoader.load(EnvironmentProvider.class).stream()
        .map(p -> p.get().name()).collect(Collectors.toSet());
    assertThat(envs).contains("bandit-independent", "bandit-10brf", "bandit-dependent", "bandit-fixed");
    Set<String> agents = ServiceLoader.load(AgentProvider.class).stream()
        .map(p -> p.get().name()).collect(Collectors.toSet());
    assertThat(agents).contains("random", "greedy", "epsilon-greedy", "ucb1", "thompson", "optimistic-thompson", "gittins");
    Config ref = ConfigFactory.defaultReference();
    for (String name : new HashSet<>(List.of("bandit-independent", "bandit-10brf", "bandit-dependent", "bandit-fixed",
        "random", "greedy", "epsilon-greedy", "ucb1", "thompson", "optimistic-thompson", "gittins"))) {
      assertThat(ref.getObject("metarl.plugins").containsKey(name))
          .as(name).isTrue();
    }
    assertThat(ServiceLoader.load(EnvironmentProvider.class).stream().map(p -> p.get())
        .map(Plugin::description).filter(String::isEmpty).count()).isZero();
  }

  @Test
  void independentArmsAreUniformAndReproducible() {
    TaskDistribution d = env("bandit-independent", "arms = 5, horizon = 10");
    assertThat(d.spec().actionSpace()).isEqualTo(new Discrete(5));
    BanditTask a = (BanditTask) d.sample(new SplittableRandom(4));
    BanditTask b = (BanditTask) d.sample(new SplittableRandom(4));
    assertThat(a).isEqualTo(b);
    assertThat(a.horizon()).isEqualTo(10);
    SplittableRandom rng = new SplittableRandom(1);
    double sum = 0;
    double sumSq = 0;
    int count = 0;
    for (int i = 0; i < 2000; i++) {
      for (double p : ((BanditTask) d.sample(rng)).probabilities()) {
        assertThat(p).isBetween(0.0, 1.0);
        sum += p;
        sumSq += p * p;
        count++;
      }
    }
    // mean 1/2 and variance 1/12, within 4 standard errors of 10000 draws
    assertThat(sum / count).isCloseTo(0.5, within(4 * Math.sqrt(1.0 / 12 / count)));
    assertThat(sumSq / count - (sum / count) * (sum / count)).isCloseTo(1.0 / 12, within(0.004));
    assertThat(d.singleInstance()).isFalse();
  }

  @Test
  void dependentDifficultiesSampleOnlyTheirTwoPoints() {
    double[][] expected = {{0.1, 0.9}, {0.25, 0.75}, {0.4, 0.6}};
    String[] words = {"easy", "medium", "hard"};
    for (int w = 0; w < 3; w++) {
      TaskDistribution d = env("bandit-dependent", "difficulty = " + words[w]);
      SplittableRandom rng = new SplittableRandom(w);
      int low = 0;
      for (int i = 0; i < 4000; i++) {
        BanditTask t = (BanditTask) d.sample(rng);
        assertThat(t.arms()).isEqualTo(2);
        assertThat(t.horizon()).isEqualTo(100);
        assertThat(t.probability(0)).isIn(expected[w][0], expected[w][1]);
        assertThat(t.probability(1)).isEqualTo(1.0 - t.probability(0));
        if (t.probability(0) == expected[w][0]) {
          low++;
        }
      }
      assertThat(low / 4000.0).as(words[w]).isCloseTo(0.5, within(0.03));
    }
    TaskDistribution uniform = env("bandit-dependent", "difficulty = uniform");
    SplittableRandom rng = new SplittableRandom(5);
    Set<Double> seen = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      BanditTask t = (BanditTask) uniform.sample(rng);
      assertThat(t.probability(0) + t.probability(1)).isCloseTo(1.0, within(1e-12));
      seen.add(t.probability(0));
    }
    assertThat(seen).hasSize(100);
  }

  @Test
  void tenBrfIsOneFixedInstanceChosenByInstanceSeed() {
    TaskDistribution d = env("bandit-10brf", "instance-seed = 7");
    assertThat(d.singleInstance()).isTrue();
    BanditTask first = (BanditTask) d.sample(new SplittableRandom(1));
    BanditTask second = (BanditTask) d.sample(new SplittableRandom(2));
    assertThat(first).isEqualTo(second);
    assertThat(first.arms()).isEqualTo(10);
    assertThat(env("bandit-10brf", "instance-seed = 7").sample(new SplittableRandom(3))).isEqualTo(first);
    assertThat(env("bandit-10brf", "instance-seed = 8").sample(new SplittableRandom(3))).isNotEqualTo(first);
    assertThat(first).isEqualTo(new IndependentBandits(10, 100).sample(new SplittableRandom(7)));
  }

  @Test
  void fixedInstanceAndValidation() {
    TaskDistribution d = env("bandit-fixed", "probabilities = [0.3, 0.6, 0.9], horizon = 20");
    BanditTask t = (BanditTask) d.sample(new SplittableRandom(0));
    assertThat(t.probabilities()).containsExactly(0.3, 0.6, 0.9);
    assertThat(t.horizon()).isEqualTo(20);
    assertThat(d.singleInstance()).isTrue();
    assertThatThrownBy(() -> env("bandit-fixed", "probabilities = [0.3, 1.5]"))
        .isInstanceOf(InvalidSettingException.class)
        .satisfies(e -> assertThat(((InvalidSettingException) e).key()).isEqualTo("probabilities"));
    assertThatThrownBy(() -> env("bandit-fixed", "probabilities = [0.3]"))
        .isInstanceOf(InvalidSettingException.class).hasMessageContaining("at least 2");
    assertThatThrownBy(() -> env("bandit-fixed", "probabilities = [0.3, x]"))
        .isInstanceOf(InvalidSettingException.class);
    assertThatThrownBy(() -> env("bandit-independent", "arms = 1"))
        .isInstanceOf(InvalidSettingException.class).hasMessageContaining("arms");
    assertThatThrownBy(() -> env("bandit-independent", "horizon = 0"))
        .isInstanceOf(InvalidSettingException.class).hasMessageContaining("horizon");
    assertThatThrownBy(() -> env("bandit-dependent", "difficulty = extreme"))
        .isInstanceOf(InvalidSettingException.class).hasMessageContaining("easy, medium, hard, uniform");
    assertThatThrownBy(() -> env("bandit-dependent", "arms = 3"))
        .isInstanceOf(InvalidSettingException.class).hasMessageContaining("two arms");
    assertThatThrownBy(() -> env("bandit-10brf", "instance-seed = abc"))
        .isInstanceOf(InvalidSettingException.class).hasMessageContaining("instance-seed");
  }
}
