package io.metarl.envs.quadruped;

import com.google.auto.service.AutoService;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.metarl.api.env.Controller;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.api.plugin.EnvironmentProvider;
import io.metarl.api.plugin.InvalidSettingException;
import io.metarl.api.plugin.PluginContext;
import io.metarl.api.plugin.Settings;
import io.metarl.api.task.Task;
import io.metarl.api.task.TaskDistribution;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The {@code quadruped} environment plugin: MetaGym's {@code quadrupedal-v0} (Unitree A1 on ode4j)
 * with the terrain, and optionally the dynamics, drawn per task. Settings (defaults in
 * {@code reference.conf} under {@code metarl.plugins.quadruped}):
 *
 * <ul>
 *   <li>{@code terrain}: one of {@link Terrain#ids()}; used when {@code terrains} is empty.
 *   <li>{@code terrains}: a list of terrain names sampled uniformly per task.
 *   <li>{@code terrain-seed}: layout seed of random terrains ({@code heightfield}); {@code -1} draws one
 *       per task.
 *   <li>{@code friction}, {@code friction-range}: contact friction, or {@code [lo, hi]} drawn per task.
 *   <li>{@code base-mass-scale-range}, {@code motor-gain-scale-range}: {@code []} (nominal) or
 *       {@code [lo, hi]} factors drawn per task on the trunk's mass/inertia and the PD gains.
 *   <li>{@code max-steps}, {@code desired-velocity}, {@code reward.{torso, up, feet, tau, done, badfoot,
 *       footcontact}}.
 *   <li>{@code action-mode}: {@code direct} (offsets to the default pose) or {@code residual} (offsets
 *       to a gait, {@link ResidualGait}); {@code residual-scale} in (0, 1] and the residual mode's gait,
 *       {@code gait.{frequency (0, 5] Hz, thigh-amplitude [0, 0.7], knee-lift [0, 0.7], steering [0, 10]}}.
 * </ul>
 *
 * <p>Controllers: {@code gait} (the default {@link TrotGait}, for the direct mode) and {@code zero}
 * (zero actions: the default pose in the direct mode, the gait alone in the residual mode).
 */
@AutoService(EnvironmentProvider.class)
public final class QuadrupedProvider implements EnvironmentProvider {

  /** Discovery constructor; does nothing. */
  public QuadrupedProvider() {}

  @Override
  public String name() {
    return "quadruped";
  }

  @Override
  public String description() {
    return "Unitree A1 quadruped (ode4j) walking over MetaGym's terrains: plane, stairs, slopes, beam, gaps, cave, heightfield";
  }

  @Override
  public Map<String, Supplier<Controller>> controllers() {
    return Map.of("gait", TrotGait::new, "zero", ZeroController::new);
  }

  @Override
  public TaskDistribution create(Config section, PluginContext context) {
    List<Terrain> terrains = new ArrayList<>();
    List<String> names;
    try {
      names = section.getStringList("terrains");
    } catch (ConfigException.WrongType e) {
      throw new InvalidSettingException("terrains", section.getValue("terrains").render(),
          "a list of terrain names from " + String.join(", ", Terrain.ids()));
    }
    for (String n : names) {
      Terrain t = Terrain.byId(n);
      if (t == null) {
        throw new InvalidSettingException("terrains", names, "a list of terrain names from " + String.join(", ", Terrain.ids()));
      }
      terrains.add(t);
    }
    if (terrains.isEmpty()) {
      terrains.add(Terrain.byId(Settings.oneOf(section, "terrain", Terrain.ids())));
    }
    long terrainSeed;
    try {
      terrainSeed = section.getLong("terrain-seed");
    } catch (ConfigException.WrongType e) {
      throw new InvalidSettingException("terrain-seed", section.getValue("terrain-seed").render(), "an integer >= -1");
    }
    if (terrainSeed < -1) {
      throw new InvalidSettingException("terrain-seed", terrainSeed, "an integer >= -1");
    }
    double friction = Settings.positive(section, "friction");
    double[] frictionRange = range(section, "friction-range");
    double[] massRange = range(section, "base-mass-scale-range");
    double[] gainRange = range(section, "motor-gain-scale-range");
    Config r = section.getConfig("reward");
    RewardWeights weights = new RewardWeights(
        nonNegative(r, "torso"), nonNegative(r, "up"), nonNegative(r, "feet"), nonNegative(r, "tau"),
        nonNegative(r, "done"), nonNegative(r, "badfoot"), nonNegative(r, "footcontact"));
    QuadrupedSettings settings = new QuadrupedSettings(
        Settings.intAtLeast(section, "max-steps", 1), Settings.positive(section, "desired-velocity"), weights,
        actionMode(section));
    boolean single = terrains.size() == 1 && frictionRange == null && massRange == null && gainRange == null
        && !(terrains.get(0).randomized() && terrainSeed < 0);
    return new Distribution(List.copyOf(terrains), terrainSeed, friction, frictionRange, massRange, gainRange,
        settings, single);
  }

  /** The residual mode's settings, or null for {@code action-mode = direct}; every key is range-checked in both modes. */
  private static ResidualGait actionMode(Config section) {
    String mode = Settings.oneOf(section, "action-mode", "direct", "residual");
    ResidualGait gait = new ResidualGait(
        aboveZeroAtMost(section, "residual-scale", 1),
        aboveZeroAtMost(section, "gait.frequency", 5),
        Settings.doubleIn(section, "gait.thigh-amplitude", 0, 0.7),
        Settings.doubleIn(section, "gait.knee-lift", 0, 0.7),
        Settings.doubleIn(section, "gait.steering", 0, 10));
    return mode.equals("residual") ? gait : null;
  }

  /** A number in {@code (0, max]}. */
  private static double aboveZeroAtMost(Config c, String key, double max) {
    double v = Settings.doubleIn(c, key, 0, max);
    if (!(v > 0)) {
      throw new InvalidSettingException(key, v, "a number in (0, " + max + "]");
    }
    return v;
  }

  private static double nonNegative(Config reward, String key) {
    try {
      return Settings.nonNegative(reward, key);
    } catch (InvalidSettingException e) {
      throw new InvalidSettingException("reward." + key, e.value(), e.expected());
    }
  }

  /** {@code []} gives null; {@code [lo, hi]} with {@code 0 < lo <= hi} gives the pair. */
  private static double[] range(Config c, String key) {
    String expected = "[] or [lo, hi] with 0 < lo <= hi";
    List<Double> v;
    try {
      v = c.getDoubleList(key);
    } catch (ConfigException.WrongType e) {
      throw new InvalidSettingException(key, c.getValue(key).render(), expected);
    }
    if (v.isEmpty()) {
      return null;
    }
    if (v.size() != 2 || !(v.get(0) > 0) || !(v.get(0) <= v.get(1)) || Double.isInfinite(v.get(1))) {
      throw new InvalidSettingException(key, v, expected);
    }
    return new double[] {v.get(0), v.get(1)};
  }

  /** The task distribution; every draw consumes the same number of random values. */
  private record Distribution(
      List<Terrain> terrains,
      long terrainSeed,
      double friction,
      double[] frictionRange,
      double[] massRange,
      double[] gainRange,
      QuadrupedSettings settings,
      boolean single)
      implements TaskDistribution {

    @Override
    public Task sample(RandomGenerator rng) {
      Terrain terrain = terrains.get(rng.nextInt(terrains.size()));
      long drawnSeed = rng.nextLong();
      double f = draw(rng, frictionRange, friction);
      double m = draw(rng, massRange, 1.0);
      double g = draw(rng, gainRange, 1.0);
      long seed = terrainSeed >= 0 ? terrainSeed : drawnSeed;
      return new QuadrupedTask(terrain, terrain.randomized() ? seed : 0, f, m, g, settings);
    }

    private static double draw(RandomGenerator rng, double[] range, double fixed) {
      double u = rng.nextDouble();
      return range == null ? fixed : range[0] + u * (range[1] - range[0]);
    }

    @Override
    public EnvironmentSpec spec() {
      return new EnvironmentSpec("quadruped", QuadrupedEnvironment.observationBox(settings),
          QuadrupedEnvironment.actionBox(settings));
    }

    @Override
    public boolean singleInstance() {
      return single;
    }
  }
}
