package io.metarl.envs.quadruped;

/**
 * Settings shared by all tasks of a quadruped distribution.
 *
 * @param maxSteps control steps before the episode is truncated
 * @param desiredVelocity MetaGym's {@code vel_d}: forward speed (m/s) beyond which progress earns no
 *     more reward
 * @param weights reward weights
 */
public record QuadrupedSettings(int maxSteps, double desiredVelocity, RewardWeights weights) {

  /** MetaGym's defaults with a 1000-step limit. */
  public static final QuadrupedSettings DEFAULT = new QuadrupedSettings(1000, 0.6, RewardWeights.METAGYM);

  /** Validates. */
  public QuadrupedSettings {
    if (maxSteps < 1 || !(desiredVelocity > 0)) {
      throw new IllegalArgumentException("maxSteps >= 1 and desiredVelocity > 0 required");
    }
  }
}
