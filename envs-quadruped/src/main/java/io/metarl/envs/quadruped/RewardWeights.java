package io.metarl.envs.quadruped;

/**
 * Weights of MetaGym's reward terms ({@code Param_Dict} in
 * {@code metagym/quadrupedal/envs/env_wrappers/MonitorEnv.py}, master, commit ca724c2).
 *
 * @param torso forward progress of the trunk, capped at the desired velocity
 * @param up keeping roll and pitch small (slope-corrected), counted while moving
 * @param feet forward progress of the feet
 * @param tau penalty on motor energy, counted while moving
 * @param done penalty on early termination
 * @param badfoot penalty per contact point of a non-foot link with the terrain
 * @param footcontact penalty per foot in the air beyond two
 */
public record RewardWeights(
    double torso, double up, double feet, double tau, double done, double badfoot, double footcontact) {

  /** MetaGym's defaults. */
  public static final RewardWeights METAGYM = new RewardWeights(1.0, 0.3, 0.2, 0.1, 1.0, 0.1, 0.1);
}
