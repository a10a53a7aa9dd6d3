package io.metarl.envs.mdp;

import io.metarl.api.env.Box;
import io.metarl.api.env.Discrete;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.api.task.TaskDistribution;
import java.util.random.RandomGenerator;

/**
 * The random tabular MDPs of Duan et al. 2016 (RL², section 3.2), as in lucaslingle/pytorch_rl2's
 * {@code MDPEnv}: {@code R[s][a] ~ N(rewardMean, rewardStd^2)} i.i.d. (paper: Normal(1, 1)),
 * {@code P[s][a] ~ Dirichlet(1, ..., 1)} (flat), start state 0, rewards {@code N(R[s][a], 1)}.
 *
 * <p>Sampling order from the generator: the means in (s, a) order ({@code nextGaussian()} each), then
 * the transition rows in (s, a) order, each {@code S} exponentials ({@code -log(1 - nextDouble())})
 * normalised (the flat Dirichlet).
 *
 * @param states S, at least 1
 * @param actions A, at least 1
 * @param episodeLength steps per episode, at least 1
 * @param rewardMean mean of the prior of the mean rewards
 * @param rewardStd standard deviation of the prior of the mean rewards, at least 0
 */
public record RandomMdps(int states, int actions, int episodeLength, double rewardMean, double rewardStd)
    implements TaskDistribution {

  /** The paper's prior: mean rewards ~ N(1, 1). */
  public RandomMdps(int states, int actions, int episodeLength) {
    this(states, actions, episodeLength, 1.0, 1.0);
  }

  /** Validates. */
  public RandomMdps {
    if (states < 1 || actions < 1 || episodeLength < 1 || !(rewardStd >= 0) || !Double.isFinite(rewardMean)) {
      throw new IllegalArgumentException("need states, actions, episodeLength >= 1 and rewardStd >= 0");
    }
  }

  @Override
  public MdpTask sample(RandomGenerator rng) {
    double[][] r = new double[states][actions];
    for (int s = 0; s < states; s++) {
      for (int a = 0; a < actions; a++) {
        r[s][a] = rewardMean + rewardStd * rng.nextGaussian();
      }
    }
    double[][][] p = new double[states][actions][];
    for (int s = 0; s < states; s++) {
      for (int a = 0; a < actions; a++) {
        p[s][a] = flatDirichlet(states, rng);
      }
    }
    return new MdpTask(r, p, episodeLength);
  }

  /** A draw of Dirichlet(1, ..., 1) of size {@code k}: normalised unit exponentials. */
  public static double[] flatDirichlet(int k, RandomGenerator rng) {
    double[] x = new double[k];
    double sum = 0;
    for (int i = 0; i < k; i++) {
      x[i] = -Math.log(1 - rng.nextDouble());
      sum += x[i];
    }
    if (sum <= 0) {
      java.util.Arrays.fill(x, 1.0 / k);
      return x;
    }
    for (int i = 0; i < k; i++) {
      x[i] /= sum;
    }
    // make the row sum exactly 1 within rounding
    double t = 0;
    for (int i = 0; i < k - 1; i++) {
      t += x[i];
    }
    x[k - 1] = Math.max(0, 1 - t);
    return x;
  }

  @Override
  public EnvironmentSpec spec() {
    return new EnvironmentSpec("TabularMDP-" + states + "x" + actions, Box.of(0f, 1f, states), new Discrete(actions));
  }

  @Override
  public String toString() {
    return "random tabular MDPs (" + states + " states, " + actions + " actions, episodes of " + episodeLength
        + ", R ~ N(" + rewardMean + ", " + rewardStd + "^2), P ~ flat Dirichlet)";
  }
}
