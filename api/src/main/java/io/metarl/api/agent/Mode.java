package io.metarl.api.agent;

/** How a policy picks actions. */
public enum Mode {
  /** Sample from the policy distribution (training, and RL² inference, where sampling is exploration). */
  EXPLORE,
  /** Take the most likely action (the mean, for continuous actions). */
  GREEDY
}
