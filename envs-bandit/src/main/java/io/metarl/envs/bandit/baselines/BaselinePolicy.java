package io.metarl.envs.bandit.baselines;

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
 * The batched policy of every classical bandit baseline: per-lane arm statistics fed from the RL² meta
 * inputs, and an {@link ArmRule} that picks the arm.
 *
 * <p>At each {@link #act} call, for each lane: if {@code trialStart[lane]} is set (or the lane has
 * never acted), its statistics are reset and nothing is recorded; otherwise the previous step's
 * {@code previousActions.discrete[lane]} and {@code previousRewards[lane]} are added to the
 * statistics (also when {@code previousDone[lane]} is set: an episode end inside a trial keeps the
 * task, so the knowledge is kept). Then the rule chooses the arm. The policy therefore relies on being
 * called once for every step of the trial, in order. {@link Mode} is ignored: each baseline is its own
 * exploration rule. Values are 0 (no critic); {@link #learn} does nothing.
 *
 * <p>Each lane draws from its own {@link SplittableRandom}, split in lane order from the policy seed.
 */
public final class BaselinePolicy implements Learner, ArmStatistics {
  private static final UpdateResult NO_UPDATE = new UpdateResult(Map.of());

  private final int lanes;
  private final int arms;
  private final ArmRule rule;
  private final int[] pulls;
  private final double[] rewardSums;
  private final int[] trialPulls;
  private final boolean[] started;
  private final SplittableRandom[] rngs;

  /**
   * @param lanes number of lanes
   * @param arms number of arms (the Discrete action space's n)
   * @param rule the decision rule, owned by this policy
   * @param seed seeds the lanes' random generators
   */
  public BaselinePolicy(int lanes, int arms, ArmRule rule, long seed) {
    if (lanes < 1 || arms < 1) {
      throw new IllegalArgumentException("need lanes >= 1 and arms >= 1, got " + lanes + ", " + arms);
    }
    this.lanes = lanes;
    this.arms = arms;
    this.rule = rule;
    this.pulls = new int[lanes * arms];
    this.rewardSums = new double[lanes * arms];
    this.trialPulls = new int[lanes];
    this.started = new boolean[lanes];
    this.rngs = new SplittableRandom[lanes];
    SplittableRandom base = new SplittableRandom(seed);
    for (int l = 0; l < lanes; l++) {
      rngs[l] = base.split();
    }
  }

  @Override
  public int lanes() {
    return lanes;
  }

  @Override
  public int arms() {
    return arms;
  }

  @Override
  public int pulls(int lane, int arm) {
    return pulls[lane * arms + arm];
  }

  @Override
  public double rewardSum(int lane, int arm) {
    return rewardSums[lane * arms + arm];
  }

  @Override
  public int trialPulls(int lane) {
    return trialPulls[lane];
  }

  /** Forgets everything {@code lane} has seen (a new trial). */
  public void resetLane(int lane) {
    Arrays.fill(pulls, lane * arms, (lane + 1) * arms, 0);
    Arrays.fill(rewardSums, lane * arms, (lane + 1) * arms, 0.0);
    trialPulls[lane] = 0;
    started[lane] = true;
  }

  /** Records that {@code lane} pulled {@code arm} and received {@code reward}. */
  public void record(int lane, int arm, double reward) {
    if (arm < 0 || arm >= arms) {
      throw new IllegalArgumentException("lane " + lane + ": previous action " + arm + " is outside 0.." + (arms - 1));
    }
    pulls[lane * arms + arm]++;
    rewardSums[lane * arms + arm] += reward;
    trialPulls[lane]++;
  }

  @Override
  public void act(PolicyInput input, Mode mode, PolicyOutput output) {
    if (input.lanes != lanes) {
      throw new IllegalArgumentException("input has " + input.lanes + " lanes, policy " + lanes);
    }
    int[] prevActions = input.previousActions.discrete;
    int[] out = output.actions.discrete;
    for (int l = 0; l < lanes; l++) {
      if (input.trialStart[l] || !started[l]) {
        resetLane(l);
      } else {
        record(l, prevActions[l], input.previousRewards[l]);
      }
      out[l] = rule.choose(this, l, rngs[l]);
      output.values[l] = 0f;
    }
  }

  /** Zeros: the baselines have no critic. */
  @Override
  public void values(PolicyInput input, float[] out) {
    Arrays.fill(out, 0, input.lanes, 0f);
  }

  /** No-op: classical baselines do not learn weights. */
  @Override
  public UpdateResult learn(RolloutBatch batch) {
    return NO_UPDATE;
  }
}
