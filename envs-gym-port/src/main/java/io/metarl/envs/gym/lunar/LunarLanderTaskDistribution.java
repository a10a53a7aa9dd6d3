package io.metarl.envs.gym.lunar;

import io.metarl.api.env.EnvironmentSpec;
import io.metarl.api.task.Task;
import io.metarl.api.task.TaskDistribution;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * LunarLander tasks: the base parameters, with wind power, turbulence power and gravity each either
 * fixed or drawn uniformly from a range per task (the RL² seed's LunarLander meta parameter is the
 * wind power).
 *
 * <p>Sampling draws, in this order and only for the parameters that have a range, one uniform number
 * per parameter from the given source: wind power, turbulence power, gravity.
 */
public final class LunarLanderTaskDistribution implements TaskDistribution {

  /**
   * A closed interval {@code [lo, hi]} a parameter is drawn from uniformly.
   *
   * @param lo lower end
   * @param hi upper end, {@code >= lo}
   */
  public record Range(double lo, double hi) {
    /** Validates {@code lo <= hi}, both finite. */
    public Range {
      if (!(lo <= hi) || Double.isInfinite(lo) || Double.isInfinite(hi)) {
        throw new IllegalArgumentException("range needs finite lo <= hi, got [" + lo + ", " + hi + "]");
      }
    }

    double sample(RandomGenerator rng) {
      return lo == hi ? lo : lo + (hi - lo) * rng.nextDouble();
    }
  }

  /**
   * One LunarLander MDP.
   *
   * @param config the Gymnasium parameters of every environment this task makes
   */
  public record LunarLanderTask(LunarLanderConfig config) implements Task {
    /** Requires a config. */
    public LunarLanderTask {
      Objects.requireNonNull(config, "config");
    }

    @Override
    public LunarLander newEnvironment() {
      return new LunarLander(config);
    }

    @Override
    public Map<String, Object> parameters() {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("continuous", config.continuous());
      p.put("gravity", config.gravity());
      p.put("enable_wind", config.enableWind());
      p.put("wind_power", config.windPower());
      p.put("turbulence_power", config.turbulencePower());
      return p;
    }
  }

  private final LunarLanderConfig base;
  private final Range windPower;
  private final Range turbulencePower;
  private final Range gravity;

  /**
   * A distribution around {@code base}; a {@code null} range keeps the base value.
   *
   * @throws IllegalArgumentException when a range leaves its parameter's valid interval, or a wind
   *     range is given while wind is disabled (it would have no effect)
   */
  public LunarLanderTaskDistribution(
      LunarLanderConfig base, Range windPower, Range turbulencePower, Range gravity) {
    this.base = Objects.requireNonNull(base, "base");
    if ((windPower != null || turbulencePower != null) && !base.enableWind()) {
      throw new IllegalArgumentException("a wind or turbulence range needs wind enabled");
    }
    if (windPower != null
        && !(LunarLanderConfig.validWindPower(windPower.lo()) && LunarLanderConfig.validWindPower(windPower.hi()))) {
      throw new IllegalArgumentException("wind power range must lie in [0, 20], got " + windPower);
    }
    if (turbulencePower != null
        && !(LunarLanderConfig.validTurbulencePower(turbulencePower.lo())
            && LunarLanderConfig.validTurbulencePower(turbulencePower.hi()))) {
      throw new IllegalArgumentException("turbulence power range must lie in [0, 2], got " + turbulencePower);
    }
    if (gravity != null
        && !(LunarLanderConfig.validGravity(gravity.lo()) && LunarLanderConfig.validGravity(gravity.hi()))) {
      throw new IllegalArgumentException("gravity range must lie in (-12, 0), got " + gravity);
    }
    this.windPower = windPower;
    this.turbulencePower = turbulencePower;
    this.gravity = gravity;
  }

  /** A distribution of the single task {@code config}. */
  public static LunarLanderTaskDistribution fixed(LunarLanderConfig config) {
    return new LunarLanderTaskDistribution(config, null, null, null);
  }

  @Override
  public LunarLanderTask sample(RandomGenerator rng) {
    double w = windPower == null ? base.windPower() : windPower.sample(rng);
    double t = turbulencePower == null ? base.turbulencePower() : turbulencePower.sample(rng);
    double g = gravity == null ? base.gravity() : gravity.sample(rng);
    return new LunarLanderTask(new LunarLanderConfig(base.continuous(), g, base.enableWind(), w, t));
  }

  @Override
  public EnvironmentSpec spec() {
    return EnvironmentSpec.of(new LunarLander(base));
  }

  @Override
  public boolean singleInstance() {
    return windPower == null && turbulencePower == null && gravity == null;
  }

  /** The parameters used where no range is set. */
  public LunarLanderConfig base() {
    return base;
  }
}
