package io.metarl.envs.gym.lunar;

/**
 * The constructor arguments of Gymnasium's {@code LunarLander-v3} ({@code continuous}, {@code gravity},
 * {@code enable_wind}, {@code wind_power}, {@code turbulence_power}), validated.
 *
 * <p>Gymnasium asserts {@code -12 < gravity < 0} and only warns when {@code wind_power} leaves
 * {@code [0, 20]} or {@code turbulence_power} leaves {@code [0, 2]}; this port rejects all three.
 *
 * @param continuous Box(2) throttle actions instead of Discrete(4)
 * @param gravity vertical gravity, in {@code (-12, 0)}
 * @param enableWind whether wind and turbulence act on the lander while no leg touches the ground
 * @param windPower maximum magnitude of the horizontal wind force, in {@code [0, 20]}
 * @param turbulencePower maximum magnitude of the rotational wind torque, in {@code [0, 2]}
 */
public record LunarLanderConfig(
    boolean continuous, double gravity, boolean enableWind, double windPower, double turbulencePower) {

  /** Gymnasium's defaults for {@code gravity}. */
  public static final double DEFAULT_GRAVITY = -10.0;
  /** Gymnasium's default {@code wind_power}. */
  public static final double DEFAULT_WIND_POWER = 15.0;
  /** Gymnasium's default {@code turbulence_power}. */
  public static final double DEFAULT_TURBULENCE_POWER = 1.5;
  /** Upper end of the recommended {@code wind_power} range (lower end 0). */
  public static final double MAX_WIND_POWER = 20.0;
  /** Upper end of the recommended {@code turbulence_power} range (lower end 0). */
  public static final double MAX_TURBULENCE_POWER = 2.0;
  /** Exclusive lower bound of {@code gravity} (upper bound 0, exclusive). */
  public static final double MIN_GRAVITY = -12.0;

  /** Validates every parameter; throws {@link IllegalArgumentException} naming the bad one. */
  public LunarLanderConfig {
    if (!validGravity(gravity)) {
      throw new IllegalArgumentException("gravity must lie in (-12, 0), got " + gravity);
    }
    if (!validWindPower(windPower)) {
      throw new IllegalArgumentException("wind power must lie in [0, 20], got " + windPower);
    }
    if (!validTurbulencePower(turbulencePower)) {
      throw new IllegalArgumentException("turbulence power must lie in [0, 2], got " + turbulencePower);
    }
  }

  /** Gymnasium's default environment: {@code gym.make("LunarLander-v3", continuous=continuous)}. */
  public static LunarLanderConfig defaults(boolean continuous) {
    return new LunarLanderConfig(continuous, DEFAULT_GRAVITY, false, DEFAULT_WIND_POWER, DEFAULT_TURBULENCE_POWER);
  }

  /** The defaults with wind enabled at the given powers. */
  public static LunarLanderConfig windy(boolean continuous, double windPower, double turbulencePower) {
    return new LunarLanderConfig(continuous, DEFAULT_GRAVITY, true, windPower, turbulencePower);
  }

  /** True when {@code g} lies in the open interval {@code (-12, 0)}. */
  public static boolean validGravity(double g) {
    return g > MIN_GRAVITY && g < 0.0;
  }

  /** True when {@code w} lies in {@code [0, 20]}. */
  public static boolean validWindPower(double w) {
    return w >= 0.0 && w <= MAX_WIND_POWER;
  }

  /** True when {@code t} lies in {@code [0, 2]}. */
  public static boolean validTurbulencePower(double t) {
    return t >= 0.0 && t <= MAX_TURBULENCE_POWER;
  }
}
