package io.metarl.envs.bandit.baselines;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The (finite-horizon) Gittins index policy: pull the arm with the largest {@link GittinsIndex} at
 * state {@code (s_i, f_i)} with {@code m = horizon - t} pulls left ({@code t} = pulls so far in the
 * trial), ties at random. When a trial runs longer than the configured horizon, {@code m} stays at 1
 * (the index is then the posterior mean: the policy turns greedy). Rewards are rounded to 0/1 counts.
 *
 * <p><b>Lazy evaluation.</b> The index of a state does not grow as the pulls left shrink, so the last
 * index computed for an arm whose state has not changed since is an upper bound of its index now. Each
 * decision computes exact indices in decreasing order of these bounds and stops once no remaining
 * bound reaches the best exact index found (an arm with no bound is computed). The choice is the same
 * as computing every index (ties included: arms whose bound equals the best are computed), but
 * typically only the arm just pulled and one or two rivals are computed per step.
 */
public final class GittinsRule implements ArmRule {
  private final GittinsIndex table;
  private double[] exact = new double[0];
  private boolean[] done = new boolean[0];
  // per lane x arm: the last index computed, for state (knownS, knownF) with knownM pulls left
  private double[] knownIndex = new double[0];
  private int[] knownS = new int[0];
  private int[] knownF = new int[0];
  private int[] knownM = new int[0];

  /** A rule reading the given table; its horizon is the trial length assumed. */
  public GittinsRule(GittinsIndex table) {
    this.table = table;
  }

  @Override
  public int choose(ArmStatistics stats, int lane, RandomGenerator rng) {
    int k = stats.arms();
    ensureCapacity(lane, k);
    int m = Math.max(1, table.horizon() - stats.trialPulls(lane));
    int base = lane * k;
    double best = Double.NEGATIVE_INFINITY;
    Arrays.fill(done, 0, k, false);
    while (true) {
      // the not-yet-computed arm with the largest bound
      int next = -1;
      double nextBound = Double.NEGATIVE_INFINITY;
      for (int arm = 0; arm < k; arm++) {
        if (done[arm]) {
          continue;
        }
        double bound = bound(stats, lane, arm, base + arm, m);
        if (bound > nextBound) {
          nextBound = bound;
          next = arm;
        }
      }
      if (next < 0 || nextBound < best) {
        break;
      }
      int n = stats.pulls(lane, next);
      int s = (int) Math.round(stats.rewardSum(lane, next));
      double g = table.index(s, n - s, m);
      int slot = base + next;
      knownIndex[slot] = g;
      knownS[slot] = s;
      knownF[slot] = n - s;
      knownM[slot] = m;
      exact[next] = g;
      done[next] = true;
      best = Math.max(best, g);
    }
    int choice = -1;
    int ties = 0;
    for (int arm = 0; arm < k; arm++) {
      if (done[arm] && exact[arm] == best) {
        ties++;
        if (ties == 1 || rng.nextInt(ties) == 0) {
          choice = arm;
        }
      }
    }
    return choice;
  }

  private double bound(ArmStatistics stats, int lane, int arm, int slot, int m) {
    int n = stats.pulls(lane, arm);
    int s = (int) Math.round(stats.rewardSum(lane, arm));
    if (knownM[slot] >= m && knownS[slot] == s && knownF[slot] == n - s) {
      return knownIndex[slot];
    }
    return Double.POSITIVE_INFINITY;
  }

  private void ensureCapacity(int lane, int k) {
    if (exact.length < k) {
      exact = new double[k];
      done = new boolean[k];
    }
    int need = (lane + 1) * k;
    if (knownIndex.length < need) {
      int size = Math.max(need, knownIndex.length * 2);
      int old = knownIndex.length;
      knownIndex = Arrays.copyOf(knownIndex, size);
      knownS = Arrays.copyOf(knownS, size);
      knownF = Arrays.copyOf(knownF, size);
      knownM = Arrays.copyOf(knownM, size);
      Arrays.fill(knownM, old, size, 0); // 0 < any m: no bound yet
    }
  }
}
