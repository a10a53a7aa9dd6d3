package io.metarl.api.agent;

import java.util.Optional;

/**
 * A batched policy bound to a fixed number of lanes. One call acts for every lane: implementations
 * make one network call per time step for the whole batch.
 */
public interface Policy {

  /** The number of lanes this policy was built for. */
  int lanes();

  /** Chooses one action per lane and estimates the value of each lane's state. */
  void act(PolicyInput input, Mode mode, PolicyOutput output);

  /**
   * The critic's estimate V(s) for every lane of {@code input}, in each lane's current memory state;
   * used to bootstrap truncated episodes and the end of a rollout. Changes no state: the memory is
   * not advanced.
   */
  void values(PolicyInput input, float[] out);

  /** The meta-memory, when the policy is recurrent. */
  default Optional<MetaMemory> memory() {
    return Optional.empty();
  }
}
