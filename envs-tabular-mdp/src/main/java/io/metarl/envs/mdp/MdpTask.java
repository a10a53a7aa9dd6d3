package io.metarl.envs.mdp;

import io.metarl.api.task.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One tabular MDP: mean rewards {@code R[s][a]}, transition probabilities {@code P[s][a][s']}, a fixed
 * start state 0 and episodes of {@code episodeLength} steps. Rewards are {@code N(R[s][a], 1)}.
 * Immutable: arrays are copied on construction and never handed out.
 */
public final class MdpTask implements Task {
  private final double[][] means;
  private final double[][][] transitions;
  private final int episodeLength;
  private final int states;
  private final int actions;

  /**
   * @param means {@code means[s][a]}, the mean reward of action a in state s
   * @param transitions {@code transitions[s][a][s']}, each row a probability vector
   * @param episodeLength steps per episode, at least 1
   */
  public MdpTask(double[][] means, double[][][] transitions, int episodeLength) {
    states = means.length;
    if (states < 1 || means[0].length < 1 || transitions.length != states || episodeLength < 1) {
      throw new IllegalArgumentException("need >= 1 state, >= 1 action, matching transitions and episodeLength >= 1");
    }
    actions = means[0].length;
    this.means = new double[states][];
    this.transitions = new double[states][actions][];
    for (int s = 0; s < states; s++) {
      if (means[s].length != actions || transitions[s].length != actions) {
        throw new IllegalArgumentException("state " + s + " has a ragged row");
      }
      this.means[s] = means[s].clone();
      for (int a = 0; a < actions; a++) {
        double[] p = transitions[s][a];
        if (p.length != states) {
          throw new IllegalArgumentException("P[" + s + "][" + a + "] has " + p.length + " entries, expected " + states);
        }
        double sum = 0;
        for (double v : p) {
          if (!(v >= 0)) {
            throw new IllegalArgumentException("P[" + s + "][" + a + "] has a negative or NaN entry");
          }
          sum += v;
        }
        if (Math.abs(sum - 1) > 1e-9) {
          throw new IllegalArgumentException("P[" + s + "][" + a + "] sums to " + sum);
        }
        this.transitions[s][a] = p.clone();
      }
    }
    this.episodeLength = episodeLength;
  }

  public int states() {
    return states;
  }

  public int actions() {
    return actions;
  }

  public int episodeLength() {
    return episodeLength;
  }

  /** The mean reward of {@code a} in {@code s}. */
  public double mean(int s, int a) {
    return means[s][a];
  }

  /** {@code P(s' | s, a)}. */
  public double transition(int s, int a, int next) {
    return transitions[s][a][next];
  }

  /** A copy of {@code P(. | s, a)}. */
  public double[] transitionRow(int s, int a) {
    return transitions[s][a].clone();
  }

  @Override
  public TabularMdp newEnvironment() {
    return new TabularMdp(this);
  }

  double[][] meansShared() {
    return means;
  }

  double[][][] transitionsShared() {
    return transitions;
  }

  /**
   * The expected return of one episode of the optimal (task-knowing) policy from state 0: finite-horizon
   * value iteration over {@code episodeLength} steps.
   */
  @Override
  public OptionalDouble optimalReturn() {
    return OptionalDouble.of(Planner.optimalValues(means, transitions, episodeLength)[0][0]);
  }

  @Override
  public Map<String, Object> parameters() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("states", states);
    m.put("actions", actions);
    m.put("episode_length", episodeLength);
    List<List<Double>> r = new ArrayList<>();
    for (double[] row : means) {
      List<Double> l = new ArrayList<>();
      for (double v : row) {
        l.add(v);
      }
      r.add(List.copyOf(l));
    }
    m.put("mean_rewards", List.copyOf(r));
    return java.util.Collections.unmodifiableMap(m);
  }

  @Override
  public String toString() {
    return "MdpTask(" + states + " states, " + actions + " actions, episodes of " + episodeLength + ")";
  }
}
