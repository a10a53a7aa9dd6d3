package io.metarl.extensions.metagradient.env;

import io.metarl.api.env.Box;
import io.metarl.api.env.Discrete;
import io.metarl.api.env.Environment;
import io.metarl.api.env.Space;
import io.metarl.api.env.Step;

/**
 * A chain with a delayed reward, where a myopic discount picks the wrong action: at position
 * {@code p} of {@code 0..length-1} the agent may <em>advance</em> (action 1; reward 0, or
 * {@code goal-reward} and termination on reaching the end) or <em>quit</em> (action 0; reward
 * {@code quit-reward} and termination). Advancing all the way is optimal when
 * {@code gamma^(length-1) goal > quit}; with length 10, goal 1 and quit 0.5 that needs gamma above
 * about 0.926, so a run started from gamma 0.9 must raise gamma to find it. Observations are the
 * one-hot position. Deterministic; the seed is unused.
 */
public final class DelayedChainEnvironment implements Environment {
  private final int length;
  private final double quitReward;
  private final double goalReward;
  private int position;

  /**
   * @param length steps of advancing that reach the goal
   * @param quitReward reward for quitting
   * @param goalReward reward at the goal
   */
  public DelayedChainEnvironment(int length, double quitReward, double goalReward) {
    this.length = length;
    this.quitReward = quitReward;
    this.goalReward = goalReward;
  }

  @Override
  public String id() {
    return "DelayedChain-" + length;
  }

  @Override
  public Space observationSpace() {
    return Box.of(0f, 1f, length);
  }

  @Override
  public Space actionSpace() {
    return new Discrete(2);
  }

  @Override
  public float[] reset(long seed) {
    position = 0;
    return observation();
  }

  @Override
  public Step step(int action) {
    if (action != 0 && action != 1) {
      throw new IllegalArgumentException("action " + action + " outside Discrete(2)");
    }
    if (action == 0) {
      return new Step(observation(), quitReward, true, false);
    }
    position++;
    if (position == length) {
      position = length - 1;
      return new Step(observation(), goalReward, true, false);
    }
    return new Step(observation(), 0.0, false, false);
  }

  private float[] observation() {
    float[] o = new float[length];
    o[position] = 1f;
    return o;
  }
}
