package io.metarl.envs.bandit;

import java.util.random.RandomGenerator;

/**
 * Two-armed bandits with dependent arms, {@code p_2 = 1 - p_1} (Wang et al. 2016, "Learning to
 * reinforcement learn", section 3.1.1).
 *
 * <p>The rule (DESIGN.md section 7, which takes precedence over an interval reading of the issue):
 * for {@code easy}, {@code medium} and {@code hard}, {@code p_1} is drawn from the <b>two-point set</b>
 * {@code {q, 1 - q}} with {@code q = 0.1, 0.25, 0.4} respectively, each point with probability 1/2 (so
 * the task is either {@code [q, 1-q]} or {@code [1-q, q]}); for {@code uniform}, {@code p_1 ~ U[0, 1]}.
 * One {@code nextDouble()} is consumed per sample in every case.
 *
 * @param difficulty which set {@code p_1} is drawn from
 * @param horizon pulls per episode, at least 1
 */
public record DependentBandits(Difficulty difficulty, int horizon) implements BanditDistribution {

  /** Where {@code p_1} comes from. */
  public enum Difficulty {
    /** {@code p_1} in {0.1, 0.9}. */
    EASY(0.1),
    /** {@code p_1} in {0.25, 0.75}. */
    MEDIUM(0.25),
    /** {@code p_1} in {0.4, 0.6}. */
    HARD(0.4),
    /** {@code p_1 ~ U[0, 1]}. */
    UNIFORM(Double.NaN);

    private final double low;

    Difficulty(double low) {
      this.low = low;
    }

    /** The lower point {@code q} of the two-point set; NaN for {@link #UNIFORM}. */
    public double low() {
      return low;
    }

    /** The configuration word: {@code easy}, {@code medium}, {@code hard} or {@code uniform}. */
    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Validates. */
  public DependentBandits {
    if (difficulty == null || horizon < 1) {
      throw new IllegalArgumentException("need a difficulty and horizon >= 1");
    }
  }

  @Override
  public int arms() {
    return 2;
  }

  @Override
  public BanditTask sample(RandomGenerator rng) {
    double u = rng.nextDouble();
    double p1;
    if (difficulty == Difficulty.UNIFORM) {
      p1 = u;
    } else {
      p1 = u < 0.5 ? difficulty.low() : 1.0 - difficulty.low();
    }
    return new BanditTask(new double[] {p1, 1.0 - p1}, horizon);
  }
}
