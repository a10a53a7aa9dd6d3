package io.metarl.envs.quadruped;

import io.metarl.api.task.Task;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One quadruped MDP: a terrain plus dynamics parameters.
 *
 * @param terrain the terrain
 * @param terrainSeed seed of the terrain layout (used by {@link Terrain#randomized()} terrains)
 * @param friction contact friction coefficient
 * @param baseMassScale factor on the trunk's mass and inertia
 * @param motorGainScale factor on the PD gains
 * @param settings episode length and reward settings
 */
public record QuadrupedTask(
    Terrain terrain,
    long terrainSeed,
    double friction,
    double baseMassScale,
    double motorGainScale,
    QuadrupedSettings settings)
    implements Task {

  /** The nominal robot on {@code terrain} with default settings. */
  public static QuadrupedTask nominal(Terrain terrain) {
    return new QuadrupedTask(terrain, 0, 1.0, 1.0, 1.0, QuadrupedSettings.DEFAULT);
  }

  @Override
  public QuadrupedEnvironment newEnvironment() {
    return new QuadrupedEnvironment(this);
  }

  @Override
  public Map<String, Object> parameters() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("terrain", terrain.id());
    if (terrain.randomized()) {
      m.put("terrain_seed", terrainSeed);
    }
    m.put("friction", friction);
    m.put("base_mass_scale", baseMassScale);
    m.put("motor_gain_scale", motorGainScale);
    return m;
  }
}
