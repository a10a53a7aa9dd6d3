package io.metarl.envs.gym.lunar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.metarl.api.env.Box;
import io.metarl.api.env.Controller;
import io.metarl.api.env.Discrete;
import io.metarl.api.env.Environment;
import io.metarl.api.plugin.EnvironmentProvider;
import io.metarl.api.plugin.InvalidSettingException;
import io.metarl.api.task.Task;
import io.metarl.api.task.TaskDistribution;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LunarLanderProviderTest {

  private static Config section(String plugin, String overrides) {
    Config defaults = ConfigFactory.parseResources("lunar-lander.conf").getConfig("metarl.plugins." + plugin);
    return ConfigFactory.parseString(overrides).withFallback(defaults).resolve();
  }

  private static TaskDistribution create(String plugin, String overrides) {
    EnvironmentProvider p = plugin.equals("lunar-lander")
        ? new LunarLanderProvider() : new LunarLanderContinuousProvider();
    return p.create(section(plugin, overrides), null);
  }

  @Test
  void bothPluginsAreDiscoveredWithTheHeuristic() {
    Map<String, EnvironmentProvider> found = new HashMap<>();
    for (EnvironmentProvider p : ServiceLoader.load(EnvironmentProvider.class)) {
      found.put(p.name(), p);
    }
    assertThat(found).containsKeys("lunar-lander", "lunar-lander-continuous");
    for (String name : new String[] {"lunar-lander", "lunar-lander-continuous"}) {
      Controller c = found.get(name).controllers().get("heuristic").get();
      assertThat(c).isInstanceOf(LunarLanderHeuristic.class);
      assertThat(found.get(name).description()).contains("LunarLander");
    }
  }

  @Test
  void referenceConfListsEveryKeyWithGymnasiumDefaults() {
    for (String plugin : new String[] {"lunar-lander", "lunar-lander-continuous"}) {
      Config c = section(plugin, "");
      assertThat(c.getBoolean("enable-wind")).isFalse();
      assertThat(c.getDouble("wind-power")).isEqualTo(15.0);
      assertThat(c.getDouble("turbulence-power")).isEqualTo(1.5);
      assertThat(c.getDouble("gravity")).isEqualTo(-10.0);
      assertThat(c.getList("wind-power-range")).isEmpty();
      assertThat(c.getList("turbulence-power-range")).isEmpty();
      assertThat(c.getList("gravity-range")).isEmpty();
      assertThat(c.root().keySet()).hasSize(7);
    }
  }

  @Test
  void moduleReferenceConfIncludesTheDefaults() {
    Config ref = ConfigFactory.defaultReference();
    for (String plugin : new String[] {"lunar-lander", "lunar-lander-continuous"}) {
      assertThat(ref.getConfig("metarl.plugins." + plugin).root().keySet())
          .containsExactlyInAnyOrder("enable-wind", "wind-power", "turbulence-power", "gravity",
              "wind-power-range", "turbulence-power-range", "gravity-range");
    }
  }

  @Test
  void defaultsMakeTheSingleGymnasiumTask() {
    TaskDistribution d = create("lunar-lander", "");
    assertThat(d.singleInstance()).isTrue();
    assertThat(d.spec().actionSpace()).isEqualTo(new Discrete(4));
    assertThat(d.spec().observationSpace().flatSize()).isEqualTo(8);
    Task t = d.sample(new SplittableRandom(1));
    assertThat(t.parameters()).containsEntry("wind_power", 15.0).containsEntry("enable_wind", false)
        .containsEntry("gravity", -10.0).containsEntry("continuous", false);
    try (Environment env = t.newEnvironment()) {
      assertThat(env.reset(0)).hasSize(8);
    }
    TaskDistribution c = create("lunar-lander-continuous", "enable-wind = true, wind-power = 5");
    assertThat(c.singleInstance()).isTrue();
    assertThat(c.spec().actionSpace()).isEqualTo(Box.of(-1f, 1f, 2));
    assertThat(c.sample(new SplittableRandom(2)).parameters())
        .containsEntry("wind_power", 5.0).containsEntry("enable_wind", true).containsEntry("continuous", true);
  }

  @Test
  void windPowerRangeDrawsOneWindPerTask() {
    TaskDistribution d = create("lunar-lander-continuous", "enable-wind = true, wind-power-range = [5, 20]");
    assertThat(d.singleInstance()).isFalse();
    SplittableRandom rng = new SplittableRandom(3);
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (int i = 0; i < 200; i++) {
      double w = (double) d.sample(rng).parameters().get("wind_power");
      assertThat(w).isBetween(5.0, 20.0);
      min = Math.min(min, w);
      max = Math.max(max, w);
    }
    assertThat(max - min).isGreaterThan(10.0);
    // Reproducible from the source's seed.
    assertThat(d.sample(new SplittableRandom(9)).parameters())
        .isEqualTo(d.sample(new SplittableRandom(9)).parameters());
    // Other parameters stay at their scalar values.
    assertThat(d.sample(rng).parameters()).containsEntry("turbulence_power", 1.5).containsEntry("gravity", -10.0);
  }

  @Test
  void gravityAndTurbulenceRanges() {
    TaskDistribution d = create("lunar-lander",
        "enable-wind = true, turbulence-power-range = [0, 2], gravity-range = [-11.5, -2]");
    assertThat(d.singleInstance()).isFalse();
    SplittableRandom rng = new SplittableRandom(4);
    for (int i = 0; i < 50; i++) {
      Map<String, Object> p = d.sample(rng).parameters();
      assertThat((double) p.get("turbulence_power")).isBetween(0.0, 2.0);
      assertThat((double) p.get("gravity")).isBetween(-11.5, -2.0);
      assertThat(p).containsEntry("wind_power", 15.0);
    }
    assertThat(create("lunar-lander", "gravity-range = [-5, -5]").sample(rng).parameters())
        .containsEntry("gravity", -5.0);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "gravity = 0 | gravity",
    "gravity = -12 | gravity",
    "gravity = 3 | gravity",
    "gravity = heavy | gravity",
    "wind-power = 20.5 | wind-power",
    "wind-power = -1 | wind-power",
    "turbulence-power = 2.1 | turbulence-power",
    "turbulence-power = -0.5 | turbulence-power",
    "enable-wind = 3 | enable-wind",
    "enable-wind = true, wind-power-range = [5] | wind-power-range",
    "enable-wind = true, wind-power-range = [1, 2, 3] | wind-power-range",
    "enable-wind = true, wind-power-range = [10, 5] | wind-power-range",
    "enable-wind = true, wind-power-range = [0, 25] | wind-power-range",
    "enable-wind = true, wind-power-range = [-1, 5] | wind-power-range",
    "enable-wind = true, wind-power-range = 5 | wind-power-range",
    "enable-wind = true, wind-power-range = [a, b] | wind-power-range",
    "wind-power-range = [0, 20] | wind-power-range",
    "turbulence-power-range = [0, 1] | turbulence-power-range",
    "enable-wind = true, turbulence-power-range = [0, 3] | turbulence-power-range",
    "gravity-range = [-12, -5] | gravity-range",
    "gravity-range = [-5, 0] | gravity-range",
    "gravity-range = [-5, -8] | gravity-range",
  })
  void badSettingsAreRejectedNamingTheKey(String overrides, String key) {
    for (String plugin : new String[] {"lunar-lander", "lunar-lander-continuous"}) {
      assertThatThrownBy(() -> create(plugin, overrides))
          .isInstanceOf(InvalidSettingException.class)
          .satisfies(e -> assertThat(((InvalidSettingException) e).key()).isEqualTo(key));
    }
  }

  @Test
  void boundaryValuesAreAccepted() {
    TaskDistribution d = create("lunar-lander",
        "enable-wind = true, wind-power = 0, turbulence-power = 2, gravity = -11.99, wind-power-range = [0, 20]");
    assertThat(d.sample(new SplittableRandom(0)).parameters()).containsEntry("gravity", -11.99);
  }
}
