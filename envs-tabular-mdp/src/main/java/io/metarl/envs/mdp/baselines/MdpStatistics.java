package io.metarl.envs.mdp.baselines;

import java.util.Arrays;

/**
 * What one lane has seen in its trial: visit counts {@code n(s,a)}, reward sums and transition counts
 * {@code n(s,a,s')}. Transitions out of an episode's last step are not seen (the next observation is
 * the next episode's start state), so {@code sum_s' n(s,a,s') <= n(s,a)}.
 */
public final class MdpStatistics {
  final int states;
  final int actions;
  final int[][] visits;
  final double[][] rewardSums;
  final int[][][] transitions;
  long steps;

  MdpStatistics(int states, int actions) {
    this.states = states;
    this.actions = actions;
    visits = new int[states][actions];
    rewardSums = new double[states][actions];
    transitions = new int[states][actions][states];
  }

  void clear() {
    for (int s = 0; s < states; s++) {
      Arrays.fill(visits[s], 0);
      Arrays.fill(rewardSums[s], 0);
      for (int a = 0; a < actions; a++) {
        Arrays.fill(transitions[s][a], 0);
      }
    }
    steps = 0;
  }

  void recordReward(int s, int a, double r) {
    visits[s][a]++;
    rewardSums[s][a] += r;
    steps++;
  }

  void recordTransition(int s, int a, int next) {
    transitions[s][a][next]++;
  }

  public int states() {
    return states;
  }

  public int actions() {
    return actions;
  }

  /** Visits of (s, a) in the trial. */
  public int visits(int s, int a) {
    return visits[s][a];
  }

  /** Sum of the rewards received in (s, a). */
  public double rewardSum(int s, int a) {
    return rewardSums[s][a];
  }

  /** Observed transitions (s, a) -> next. */
  public int transitions(int s, int a, int next) {
    return transitions[s][a][next];
  }

  /** Observed transitions out of (s, a). */
  public int transitionTotal(int s, int a) {
    int t = 0;
    for (int c : transitions[s][a]) {
      t += c;
    }
    return t;
  }

  /** Steps taken in the trial. */
  public long steps() {
    return steps;
  }
}
