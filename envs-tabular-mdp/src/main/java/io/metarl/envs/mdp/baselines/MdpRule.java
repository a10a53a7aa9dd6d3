package io.metarl.envs.mdp.baselines;

import java.util.random.RandomGenerator;

/**
 * The decision rule of a tabular-MDP baseline. At the start of every episode of a trial the policy
 * calls {@link #plan}, which fills {@code q[h][s][a]} (the values the rule acts on at step {@code h}
 * of the episode); then {@link #act} picks each action. A rule belongs to one policy (one thread) and
 * draws randomness only from the given generator.
 */
public interface MdpRule {

  /** Computes the episode's action values from the trial's statistics. */
  void plan(MdpStatistics stats, int horizon, RandomGenerator rng, double[][][] q);

  /** The action at step {@code h} in state {@code s}; by default the argmax, ties at random. */
  default int act(double[][][] q, int h, int s, RandomGenerator rng) {
    return argmax(q[h][s], rng);
  }

  /** The index of the largest value, ties broken uniformly at random. */
  static int argmax(double[] v, RandomGenerator rng) {
    int choice = 0;
    double best = v[0];
    int ties = 1;
    for (int a = 1; a < v.length; a++) {
      if (v[a] > best) {
        best = v[a];
        choice = a;
        ties = 1;
      } else if (v[a] == best) {
        ties++;
        if (rng.nextInt(ties) == 0) {
          choice = a;
        }
      }
    }
    return choice;
  }
}
