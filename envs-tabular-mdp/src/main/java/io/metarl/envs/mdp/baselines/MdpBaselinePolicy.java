package io.metarl.envs.mdp.baselines;

import io.metarl.api.agent.Learner;
import io.metarl.api.agent.Mode;
import io.metarl.api.agent.PolicyInput;
import io.metarl.api.agent.PolicyOutput;
import io.metarl.api.agent.RolloutBatch;
import io.metarl.api.agent.UpdateResult;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The batched policy of the tabular-MDP baselines: per-lane trial statistics fed from the observation
 * (one-hot state) and the RL² meta inputs, and an {@link MdpRule} re-planned at every episode's start.
 *
 * <p>At each {@link #act} call, for each lane: with {@code trialStart} (or before its first call) the
 * lane's statistics are cleared and a new episode begins; otherwise the previous step's reward is added
 * to (previous state, previous action), and, unless {@code previousDone} is set, so is the transition to
 * the state now observed (after an episode's end the observation is the next episode's start state, so
 * that last transition is not observed; a new episode begins). The policy therefore relies on being
 * called once for every step of the trial, in order. {@link Mode} is ignored. Values are 0; {@link #learn}
 * does nothing.
 */
public final class MdpBaselinePolicy implements Learner {
  private static final UpdateResult NO_UPDATE = new UpdateResult(Map.of());

  private final int lanes;
  private final int states;
  private final int actions;
  private final int horizon;
  private final MdpRule rule;
  private final MdpStatistics[] stats;
  private final double[][][][] q;
  private final int[] previousState;
  private final int[] step;
  private final boolean[] started;
  private final SplittableRandom[] rngs;

  /**
   * @param horizon the episode length the rule plans for (steps past it act on the last step's values)
   */
  public MdpBaselinePolicy(int lanes, int states, int actions, int horizon, MdpRule rule, long seed) {
    if (lanes < 1 || states < 1 || actions < 1 || horizon < 1) {
      throw new IllegalArgumentException("need lanes, states, actions, horizon >= 1");
    }
    this.lanes = lanes;
    this.states = states;
    this.actions = actions;
    this.horizon = horizon;
    this.rule = rule;
    this.stats = new MdpStatistics[lanes];
    this.q = new double[lanes][horizon][states][actions];
    this.previousState = new int[lanes];
    this.step = new int[lanes];
    this.started = new boolean[lanes];
    this.rngs = new SplittableRandom[lanes];
    SplittableRandom base = new SplittableRandom(seed);
    for (int l = 0; l < lanes; l++) {
      stats[l] = new MdpStatistics(states, actions);
      rngs[l] = base.split();
    }
  }

  @Override
  public int lanes() {
    return lanes;
  }

  /** The statistics of {@code lane}'s trial so far. */
  public MdpStatistics statistics(int lane) {
    return stats[lane];
  }

  @Override
  public void act(PolicyInput input, Mode mode, PolicyOutput output) {
    if (input.lanes != lanes || input.observationSize != states) {
      throw new IllegalArgumentException("input has " + input.lanes + " lanes of " + input.observationSize
          + " observations, policy " + lanes + " of " + states);
    }
    for (int l = 0; l < lanes; l++) {
      int s = state(input.observations, l);
      boolean newEpisode;
      if (input.trialStart[l] || !started[l]) {
        stats[l].clear();
        started[l] = true;
        newEpisode = true;
      } else {
        int a = input.previousActions.discrete[l];
        stats[l].recordReward(previousState[l], a, input.previousRewards[l]);
        if (input.previousDone[l]) {
          newEpisode = true;
        } else {
          stats[l].recordTransition(previousState[l], a, s);
          step[l]++;
          newEpisode = false;
        }
      }
      if (newEpisode) {
        step[l] = 0;
        rule.plan(stats[l], horizon, rngs[l], q[l]);
      }
      output.actions.discrete[l] = rule.act(q[l], Math.min(step[l], horizon - 1), s, rngs[l]);
      output.values[l] = 0f;
      previousState[l] = s;
    }
  }

  private int state(float[] obs, int lane) {
    int base = lane * states;
    int best = 0;
    for (int i = 1; i < states; i++) {
      if (obs[base + i] > obs[base + best]) {
        best = i;
      }
    }
    return best;
  }

  @Override
  public void values(PolicyInput input, float[] out) {
    Arrays.fill(out, 0, input.lanes, 0f);
  }

  @Override
  public UpdateResult learn(RolloutBatch batch) {
    return NO_UPDATE;
  }

  /** Actions of the policy's environment. */
  public int actions() {
    return actions;
  }
}
