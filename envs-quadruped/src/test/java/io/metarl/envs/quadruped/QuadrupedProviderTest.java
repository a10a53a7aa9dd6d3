package io.metarl.envs.quadruped;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.metarl.api.plugin.EnvironmentProvider;
import io.metarl.api.plugin.InvalidSettingException;
import io.metarl.api.task.TaskDistribution;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class QuadrupedProviderTest {

  private static Config section(String overrides) {
    Config defaults = ConfigFactory.parseResources("reference.conf").getConfig("metarl.plugins.quadruped");
    return ConfigFactory.parseString(overrides).withFallback(defaults).resolve();
  }

  @Test
  void isDiscoveredWithItsGait() {
    EnvironmentProvider p = ServiceLoader.load(EnvironmentProvider.class).stream()
        .map(ServiceLoader.Provider::get).filter(x -> x.name().equals("quadruped")).findFirst().orElseThrow();
    assertThat(p.controllers()).containsOnlyKeys("gait", "zero");
    assertThat(p.controllers().get("gait").get()).isInstanceOf(TrotGait.class);
  }

  @Test
  void defaultsAreASingleInstanceOnThePlane() {
    TaskDistribution d = new QuadrupedProvider().create(section(""), null);
    assertThat(d.singleInstance()).isTrue();
    QuadrupedTask t = (QuadrupedTask) d.sample(new SplittableRandom(1));
    assertThat(t.terrain()).isEqualTo(Terrain.PLANE);
    assertThat(t.settings()).isEqualTo(QuadrupedSettings.DEFAULT);
    assertThat(d.spec().observationSpace().flatSize()).isEqualTo(37);
    assertThat(d.spec().actionSpace().flatSize()).isEqualTo(12);
    assertThat(t.settings().residual()).isNull();
  }

  @Test
  void residualModeReadsTheGaitAndWidensTheSpec() {
    TaskDistribution d = new QuadrupedProvider().create(section(
        "action-mode = residual, residual-scale = 0.2, gait { frequency = 2, thigh-amplitude = 0.4, knee-lift = 0.5, steering = 1 }"),
        null);
    QuadrupedTask t = (QuadrupedTask) d.sample(new SplittableRandom(1));
    assertThat(t.settings().residual()).isEqualTo(new ResidualGait(0.2, 2, 0.4, 0.5, 1));
    assertThat(d.spec().observationSpace().flatSize()).isEqualTo(39);
    assertThat(((io.metarl.api.env.Box) d.spec().actionSpace()).high()).containsOnly(1f);
    try (QuadrupedEnvironment env = t.newEnvironment()) {
      assertThat(env.observationSpace()).isEqualTo(d.spec().observationSpace());
      assertThat(env.actionSpace()).isEqualTo(d.spec().actionSpace());
    }
  }

  @Test
  void samplesTerrainsAndDynamicsReproducibly() {
    TaskDistribution d = new QuadrupedProvider().create(section(
        "terrains = [plane, stairs-8cm, heightfield], friction-range = [0.5, 1.5], "
            + "base-mass-scale-range = [0.8, 1.2], motor-gain-scale-range = [0.9, 1.1], max-steps = 50"),
        null);
    assertThat(d.singleInstance()).isFalse();
    SplittableRandom r1 = new SplittableRandom(3);
    SplittableRandom r2 = new SplittableRandom(3);
    java.util.Set<Terrain> seen = new java.util.HashSet<>();
    for (int i = 0; i < 30; i++) {
      QuadrupedTask a = (QuadrupedTask) d.sample(r1);
      QuadrupedTask b = (QuadrupedTask) d.sample(r2);
      assertThat(a).isEqualTo(b);
      assertThat(a.friction()).isBetween(0.5, 1.5);
      assertThat(a.baseMassScale()).isBetween(0.8, 1.2);
      assertThat(a.motorGainScale()).isBetween(0.9, 1.1);
      assertThat(a.settings().maxSteps()).isEqualTo(50);
      seen.add(a.terrain());
    }
    assertThat(seen).containsExactlyInAnyOrder(Terrain.PLANE, Terrain.STAIRS_8CM, Terrain.HEIGHTFIELD);
  }

  @Test
  void aRandomTerrainWithAFixedSeedIsASingleInstance() {
    assertThat(new QuadrupedProvider().create(section("terrain = heightfield"), null).singleInstance()).isFalse();
    assertThat(new QuadrupedProvider().create(section("terrain = heightfield, terrain-seed = 4"), null)
        .singleInstance()).isTrue();
  }

  @Test
  void rejectsBadSettingsNamingTheKey() {
    QuadrupedProvider p = new QuadrupedProvider();
    assertThatThrownBy(() -> p.create(section("terrain = moon"), null))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo("terrain"));
    assertThatThrownBy(() -> p.create(section("terrains = [plane, moon]"), null))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo("terrains"));
    assertThatThrownBy(() -> p.create(section("friction-range = [2, 1]"), null))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo("friction-range"));
    assertThatThrownBy(() -> p.create(section("max-steps = 0"), null))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo("max-steps"));
    assertThatThrownBy(() -> p.create(section("reward.tau = -1"), null))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo("reward.tau"));
    assertThatThrownBy(() -> p.create(section("terrain-seed = -2"), null))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo("terrain-seed"));
    String[][] residual = {
      {"action-mode = sideways", "action-mode"},
      {"residual-scale = 0", "residual-scale"},
      {"residual-scale = 1.5", "residual-scale"},
      {"gait.frequency = 0", "gait.frequency"},
      {"gait.frequency = 6", "gait.frequency"},
      {"gait.frequency = fast", "gait.frequency"},
      {"gait.thigh-amplitude = 0.8", "gait.thigh-amplitude"},
      {"gait.knee-lift = -0.1", "gait.knee-lift"},
      {"gait.steering = -1", "gait.steering"},
    };
    for (String[] bad : residual) {
      // Checked in both modes, so a typo is caught before the mode is switched on.
      for (String mode : new String[] {"direct", "residual"}) {
        String conf = bad[1].equals("action-mode") ? bad[0] : bad[0] + ", action-mode = " + mode;
        assertThatThrownBy(() -> p.create(section(conf), null)).as(conf)
            .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo(bad[1]));
      }
    }
  }
}
