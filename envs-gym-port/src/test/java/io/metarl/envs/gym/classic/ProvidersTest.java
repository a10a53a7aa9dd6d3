package io.metarl.envs.gym.classic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.metarl.api.env.Discrete;
import io.metarl.api.env.Environment;
import io.metarl.api.plugin.EnvironmentProvider;
import io.metarl.api.plugin.InvalidSettingException;
import io.metarl.api.plugin.Plugin;
import io.metarl.api.plugin.PluginContext;
import io.metarl.api.task.Task;
import io.metarl.api.task.TaskDistribution;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProvidersTest {

  private static final PluginContext CONTEXT =
      new PluginContext() {
        @Override
        public long seed() {
          return 1;
        }

        @Override
        public Config runConfig() {
          return ConfigFactory.empty();
        }

        @Override
        public <P extends Plugin> P provider(Class<P> kind, String name) {
          throw new IllegalArgumentException(name);
        }

        @Override
        public Config pluginSection(String name, Config overrides) {
          return overrides.withFallback(defaults(name));
        }
      };

  static Config defaults(String name) {
    return ConfigFactory.defaultReference().getConfig("metarl.plugins." + name);
  }

  static EnvironmentProvider provider(String name) {
    for (EnvironmentProvider p : ServiceLoader.load(EnvironmentProvider.class)) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    throw new AssertionError("no provider " + name);
  }

  static TaskDistribution create(String name, String hocon) {
    Config section = ConfigFactory.parseString(hocon).withFallback(defaults(name));
    return provider(name).create(section, CONTEXT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"cartpole", "acrobot", "mountain-car", "mountain-car-continuous", "pendulum"})
  void defaultsGiveASingleGymnasiumInstanceWithAHeuristic(String name) {
    EnvironmentProvider p = provider(name);
    assertThat(p.description()).isNotBlank();
    assertThat(p.controllers()).containsKey("heuristic");
    TaskDistribution d = p.create(defaults(name), CONTEXT);
    assertThat(d.singleInstance()).isTrue();
    Task t = d.sample(new SplittableRandom(1));
    try (Environment env = t.newEnvironment()) {
      assertThat(env).isInstanceOf(ClassicEnvironment.class);
      assertThat(d.spec().observationSpace()).isEqualTo(env.observationSpace());
      assertThat(ClassicControl.IDS).contains(env.id());
      // a fixed instance behaves like gymnasium.make(id)
      ClassicEnvironment reference = ClassicControl.make(env.id());
      float[] a = env.reset(5);
      float[] b = reference.reset(5);
      assertThat(a).isEqualTo(b);
      for (int i = 0; i < 50; i++) {
        var sa = env.actionSpace() instanceof Discrete ? env.step(i % 2) : env.step(new float[] {0.3f});
        var sb = env.actionSpace() instanceof Discrete ? reference.step(i % 2) : reference.step(new float[] {0.3f});
        assertThat(sa.observation()).isEqualTo(sb.observation());
      }
    }
  }

  @Test
  void cartPoleVersionPicksTheTimeLimit() {
    CartPole v0 = (CartPole) create("cartpole", "version = v0").sample(new SplittableRandom(0)).newEnvironment();
    CartPole v1 = (CartPole) create("cartpole", "").sample(new SplittableRandom(0)).newEnvironment();
    assertThat(v0.maxEpisodeSteps()).isEqualTo(200);
    assertThat(v0.id()).isEqualTo("CartPole-v0");
    assertThat(v1.maxEpisodeSteps()).isEqualTo(500);
    assertThat(v1.parameters()).isEqualTo(CartPole.Parameters.DEFAULT);
  }

  @Test
  void rangesDrawParametersPerTaskReproducibly() {
    TaskDistribution d = create("cartpole", "length-range = [0.25, 1.0], masspole-range = [0.05, 0.5]");
    assertThat(d.singleInstance()).isFalse();
    Map<Double, Integer> lengths = new HashMap<>();
    SplittableRandom rng = new SplittableRandom(11);
    SplittableRandom rng2 = new SplittableRandom(11);
    for (int i = 0; i < 100; i++) {
      Task t = d.sample(rng);
      CartPole env = (CartPole) t.newEnvironment();
      double length = env.parameters().length();
      assertThat(length).isBetween(0.25, 1.0);
      assertThat(env.parameters().masspole()).isBetween(0.05, 0.5);
      assertThat(env.parameters().masscart()).isEqualTo(1.0);
      assertThat(t.parameters()).containsEntry("length", length).containsEntry("version", "v1");
      lengths.merge(length, 1, Integer::sum);
      CartPole again = (CartPole) d.sample(rng2).newEnvironment();
      assertThat(again.parameters()).isEqualTo(env.parameters());
    }
    assertThat(lengths).hasSizeGreaterThan(90);

    TaskDistribution g = create("pendulum", "g-range = [2, 20]");
    Pendulum p = (Pendulum) g.sample(new SplittableRandom(3)).newEnvironment();
    assertThat(p.parameters().g()).isBetween(2.0, 20.0);
    assertThat(p.parameters().m()).isEqualTo(1.0);
    Acrobot a = (Acrobot) create("acrobot", "link-mass-2-range = [0.5, 2], dynamics = nips")
        .sample(new SplittableRandom(3)).newEnvironment();
    assertThat(a.parameters().linkMass2()).isBetween(0.5, 2.0);
    assertThat(a.parameters().bookDynamics()).isFalse();
    MountainCar mc = (MountainCar) create("mountain-car", "force-range = [0.0005, 0.002]")
        .sample(new SplittableRandom(3)).newEnvironment();
    assertThat(mc.parameters().force()).isBetween(0.0005, 0.002);
    MountainCarContinuous mcc = (MountainCarContinuous) create("mountain-car-continuous", "power-range = [0.001, 0.002]")
        .sample(new SplittableRandom(3)).newEnvironment();
    assertThat(mcc.parameters().power()).isBetween(0.001, 0.002);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "cartpole | length-range = [1.0] | length-range",
        "cartpole | length-range = [1.0, 0.5] | length-range",
        "cartpole | length-range = [0, 0.5] | length-range",
        "cartpole | masspole-range = [a, b] | masspole-range",
        "cartpole | force-mag-range = 3 | force-mag-range",
        "cartpole | length = -0.5 | length",
        "cartpole | masscart = heavy | masscart",
        "cartpole | version = v2 | version",
        "cartpole | gravity-range = [-1, 9.8] | gravity-range",
        "acrobot | dynamics = fast | dynamics",
        "acrobot | link-length-1 = 0 | link-length-1",
        "mountain-car | force-range = [0.001, 0.002, 0.003] | force-range",
        "mountain-car-continuous | power = -1 | power",
        "pendulum | g-range = [20, 2] | g-range",
        "pendulum | m = 0 | m"
      })
  void invalidSettingsNameTheirKey(String plugin, String hocon, String key) {
    assertThatThrownBy(() -> create(plugin, hocon))
        .isInstanceOf(InvalidSettingException.class)
        .satisfies(e -> assertThat(((InvalidSettingException) e).key()).isEqualTo(key))
        .hasMessageContaining("expected");
  }
}
