package io.metarl.envs.bandit;

import java.util.Arrays;
import java.util.Locale;

/**
 * How a policy explores and exploits Bernoulli bandit tasks, accumulated over trials of one episode
 * each: the statistics that tell an under-exploring meta-learner from a well-calibrated one when their
 * mean rewards alone do not say why they differ.
 *
 * <p>Per trial it records the number of distinct arms pulled, how many of the first ten pulls went to
 * arms not pulled before, and over the last fifth of the pulls the share that went to the truly best
 * arm and the share that went to the arm with the best empirical mean so far (ties to the lowest
 * index; arms never pulled do not count). It also keeps the mean reward per tenth of the horizon. On
 * 10-armed, 100-pull tasks with p ~ U[0,1], the finite-horizon Gittins policy pulls about 6.2 distinct
 * arms and almost always (99.6%) plays its empirical best at the end (reports/rl2-independent.md).
 *
 * <p>Use {@link #record} once per trial with the actions and rewards of that trial in order.
 */
public final class BanditBehaviour {

  /** The number of parts the horizon is cut into for {@link #rewardByPart()}. */
  public static final int PARTS = 10;

  private long trials;
  private double totalReward;
  private double totalRegret;
  private double distinctArms;
  private double newArmsEarly;
  private long latePulls;
  private long lateBest;
  private long lateEmpiricalBest;
  private final double[] partReward = new double[PARTS];
  private final long[] partPulls = new long[PARTS];

  /**
   * Adds one trial.
   *
   * @param task the task played (its true probabilities define the best arm and the regret)
   * @param actions the arm pulled at each step, in order, each in {@code 0..arms-1}
   * @param rewards the reward of each pull, 0 or 1
   * @throws IllegalArgumentException if the arrays differ in length, are empty, or an action is out of range
   */
  public void record(BanditTask task, int[] actions, double[] rewards) {
    int n = actions.length;
    if (n == 0 || rewards.length != n) {
      throw new IllegalArgumentException("a trial needs as many rewards as actions, at least one; got "
          + n + " actions and " + rewards.length + " rewards");
    }
    int k = task.arms();
    int best = task.bestArm();
    int[] pulls = new int[k];
    int[] wins = new int[k];
    int lateFrom = n - Math.max(1, n / 5);
    double sum = 0;
    int distinct = 0;
    for (int t = 0; t < n; t++) {
      int a = actions[t];
      if (a < 0 || a >= k) {
        throw new IllegalArgumentException("action " + a + " at step " + t + " is not an arm of a " + k + "-armed task");
      }
      if (t >= lateFrom) {
        latePulls++;
        if (a == best) {
          lateBest++;
        }
        if (a == empiricalBest(pulls, wins)) {
          lateEmpiricalBest++;
        }
      }
      if (pulls[a] == 0) {
        distinct++;
        if (t < 10) {
          newArmsEarly++;
        }
      }
      pulls[a]++;
      if (rewards[t] > 0) {
        wins[a]++;
      }
      int part = (int) ((long) t * PARTS / n);
      partReward[part] += rewards[t];
      partPulls[part]++;
      sum += rewards[t];
    }
    trials++;
    totalReward += sum;
    totalRegret += task.bestMean() * n - sum;
    distinctArms += distinct;
  }

  private static int empiricalBest(int[] pulls, int[] wins) {
    int arm = -1;
    double mean = -1;
    for (int i = 0; i < pulls.length; i++) {
      if (pulls[i] > 0 && (double) wins[i] / pulls[i] > mean) {
        mean = (double) wins[i] / pulls[i];
        arm = i;
      }
    }
    return arm;
  }

  /** Trials recorded. */
  public long trials() {
    return trials;
  }

  /** Mean total reward per trial. */
  public double meanTotalReward() {
    return totalReward / trials;
  }

  /** Mean regret per trial against always pulling the truly best arm (best mean x pulls - reward). */
  public double meanRegret() {
    return totalRegret / trials;
  }

  /** Mean number of distinct arms pulled per trial. */
  public double distinctArms() {
    return distinctArms / trials;
  }

  /** Mean number of the first ten pulls that went to an arm not pulled before. */
  public double newArmsInFirstTen() {
    return newArmsEarly / trials;
  }

  /** Share of the last fifth of the pulls that went to the truly best arm. */
  public double lateBestArmShare() {
    return (double) lateBest / latePulls;
  }

  /** Share of the last fifth of the pulls that went to the arm with the best empirical mean so far. */
  public double lateEmpiricalBestShare() {
    return (double) lateEmpiricalBest / latePulls;
  }

  /** Mean reward per pull in each tenth of the horizon. */
  public double[] rewardByPart() {
    double[] r = new double[PARTS];
    for (int i = 0; i < PARTS; i++) {
      r[i] = partPulls[i] == 0 ? Double.NaN : partReward[i] / partPulls[i];
    }
    return r;
  }

  /** One line for a table: the figures above in the order of {@link #HEADER}. */
  public String row(String label) {
    StringBuilder parts = new StringBuilder();
    for (double d : rewardByPart()) {
      parts.append(parts.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2f", d));
    }
    return String.format(Locale.ROOT, "%-28s %8.2f %7.2f %9.2f %9.2f %9.3f %9.3f   %s", label, meanTotalReward(),
        meanRegret(), distinctArms(), newArmsInFirstTen(), lateBestArmShare(), lateEmpiricalBestShare(), parts);
  }

  /** Column titles of {@link #row}. */
  public static final String HEADER = String.format(Locale.ROOT, "%-28s %8s %7s %9s %9s %9s %9s   %s", "policy",
      "reward", "regret", "arms", "new@10", "best@end", "emp@end", "reward per tenth of the horizon");

  @Override
  public String toString() {
    return "BanditBehaviour{trials=" + trials + ", reward=" + meanTotalReward() + ", arms=" + distinctArms()
        + ", parts=" + Arrays.toString(rewardByPart()) + "}";
  }
}
