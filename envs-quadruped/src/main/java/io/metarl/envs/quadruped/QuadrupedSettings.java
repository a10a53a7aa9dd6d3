package io.metarl.envs.quadruped;

/**
 * Settings shared by all tasks of a quadruped distribution.
 *
 * @param maxSteps control steps before the episode is truncated
 * @param desiredVelocity MetaGym's {@code vel_d}: forward speed (m/s) beyond which progress earns no
 *     more reward
 * @param weights reward weights
 * @param residual the residual-on-gait action mode's settings, or null for direct joint targets (the
 *     default: offsets to the default pose)
 */
public record QuadrupedSettings(int maxSteps, double desiredVelocity, RewardWeights weights, ResidualGait residual) {

  /** MetaGym's defaults with a 1000-step limit, direct joint targets. */
  public static final QuadrupedSettings DEFAULT = new QuadrupedSettings(1000, 0.6, RewardWeights.METAGYM);

  /** Validates. */
  public QuadrupedSettings {
    if (maxSteps < 1 || !(desiredVelocity > 0)) {
      throw new IllegalArgumentException("maxSteps >= 1 and desiredVelocity > 0 required");
    }
  }

  /** Direct joint targets. */
  public QuadrupedSettings(int maxSteps, double desiredVelocity, RewardWeights weights) {
    this(maxSteps, desiredVelocity, weights, null);
  }

  /** These settings with the residual-on-gait action mode {@code residual} (null: direct). */
  public QuadrupedSettings withResidual(ResidualGait residual) {
    return new QuadrupedSettings(maxSteps, desiredVelocity, weights, residual);
  }
}
