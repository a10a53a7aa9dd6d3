package io.metarl.envs.bandit.baselines;

/**
 * What a baseline knows about one lane's current trial: per arm, the number of pulls and the sum of
 * rewards (for Bernoulli arms, the successes), and the pulls made so far in the trial.
 */
public interface ArmStatistics {

  /** Number of arms. */
  int arms();

  /** Pulls of {@code arm} in {@code lane}'s trial so far. */
  int pulls(int lane, int arm);

  /** Sum of the rewards of {@code arm} in {@code lane}'s trial so far (successes for 0/1 rewards). */
  double rewardSum(int lane, int arm);

  /** Pulls of all arms in {@code lane}'s trial so far (the time step {@code t}, from 0). */
  int trialPulls(int lane);
}
