package io.metarl.envs.mdp;

import io.metarl.api.env.Box;
import io.metarl.api.env.Discrete;
import io.metarl.api.env.Environment;
import io.metarl.api.env.Space;
import io.metarl.api.env.Step;
import java.util.SplittableRandom;

/**
 * A tabular MDP environment. The observation is the one-hot current state ({@code Box([0]^S, [1]^S)}),
 * actions are {@code Discrete(A)}. Every episode starts in state 0 (Duan et al. 2016, section 3.2: "an
 * episode always starts on the first state"; lucaslingle/pytorch_rl2 {@code MDPEnv.reset}) and lasts
 * {@code episodeLength} steps: the last step returns {@code truncated = true} (a time limit, no terminal
 * state). A step in {@code s} with action {@code a} pays {@code R[s][a] + N(0, 1)} and moves to
 * {@code s' ~ P[s][a]}. Rewards and transitions draw from {@code new SplittableRandom(seed)} of the last
 * {@link #reset(long)}, so the same seed and actions give the same episode.
 */
public final class TabularMdp implements Environment {
  private final MdpTask task;
  private final double[][] means;
  private final double[][][] transitions;
  private final Box observationSpace;
  private final Discrete actionSpace;
  private SplittableRandom rng;
  private int state;
  private int steps;

  /** An environment playing {@code task}. */
  public TabularMdp(MdpTask task) {
    this.task = task;
    this.means = task.meansShared();
    this.transitions = task.transitionsShared();
    this.observationSpace = Box.of(0f, 1f, task.states());
    this.actionSpace = new Discrete(task.actions());
  }

  @Override
  public String id() {
    return "TabularMDP-" + task.states() + "x" + task.actions();
  }

  @Override
  public Space observationSpace() {
    return observationSpace;
  }

  @Override
  public Discrete actionSpace() {
    return actionSpace;
  }

  /** The current state. */
  public int state() {
    return state;
  }

  /** Steps taken in the current episode. */
  public int steps() {
    return steps;
  }

  @Override
  public float[] reset(long seed) {
    rng = new SplittableRandom(seed);
    state = 0;
    steps = 0;
    return oneHot(state);
  }

  @Override
  public Step step(int action) {
    if (rng == null || steps >= task.episodeLength()) {
      throw new IllegalStateException(rng == null ? "call reset before step" : "episode over: call reset");
    }
    if (action < 0 || action >= task.actions()) {
      throw new IllegalArgumentException("action " + action + " is outside Discrete(" + task.actions() + ")");
    }
    double reward = means[state][action] + rng.nextGaussian();
    double u = rng.nextDouble();
    double[] row = transitions[state][action];
    int next = row.length - 1;
    double c = 0;
    for (int n = 0; n < row.length; n++) {
      c += row[n];
      if (u < c) {
        next = n;
        break;
      }
    }
    state = next;
    steps++;
    return new Step(oneHot(state), reward, false, steps >= task.episodeLength());
  }

  private float[] oneHot(int s) {
    float[] o = new float[task.states()];
    o[s] = 1f;
    return o;
  }

  @Override
  public String toString() {
    return id() + " state " + state + " step " + steps + "/" + task.episodeLength();
  }
}
