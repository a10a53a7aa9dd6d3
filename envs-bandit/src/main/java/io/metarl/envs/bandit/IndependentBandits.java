package io.metarl.envs.bandit;

import java.util.random.RandomGenerator;

/**
 * Bandits with independent arms, {@code p_i ~ U[0, 1]} i.i.d. (Duan et al. 2016, "RL²", section 5.1:
 * k = 5, 10, 50 arms and n = 10, 100, 500 pulls).
 *
 * @param arms number of arms, at least 1
 * @param horizon pulls per episode, at least 1
 */
public record IndependentBandits(int arms, int horizon) implements BanditDistribution {

  /** Validates. */
  public IndependentBandits {
    if (arms < 1 || horizon < 1) {
      throw new IllegalArgumentException("need arms >= 1 and horizon >= 1, got " + arms + ", " + horizon);
    }
  }

  /** Draws {@code arms} probabilities, one {@code nextDouble()} each, in arm order. */
  @Override
  public BanditTask sample(RandomGenerator rng) {
    double[] p = new double[arms];
    for (int i = 0; i < arms; i++) {
      p[i] = rng.nextDouble();
    }
    return new BanditTask(p, horizon);
  }
}
