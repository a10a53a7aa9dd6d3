package io.metarl.envs.mdp.baselines;

import io.metarl.api.agent.ParameterFreeAgent;
import io.metarl.api.agent.Learner;
import io.metarl.api.agent.Policy;
import io.metarl.api.env.Box;
import io.metarl.api.env.Discrete;
import io.metarl.api.env.EnvironmentSpec;
import java.util.function.Supplier;

/**
 * A tabular-MDP baseline as an {@link Agent}: no parameters; its policies are {@link MdpBaselinePolicy}
 * instances that learn within a trial and restart for a new task. Needs a one-hot {@link Box}
 * observation (S states) and a {@link Discrete} action space.
 */
public final class MdpBaselineAgent extends ParameterFreeAgent {

  private final int states;
  private final int actions;
  private final int horizon;
  private final Supplier<MdpRule> rules;

  public MdpBaselineAgent(String name, EnvironmentSpec spec, int horizon, Supplier<MdpRule> rules) {
    super(name, spec);
    if (!(spec.actionSpace() instanceof Discrete d) || !(spec.observationSpace() instanceof Box)) {
      throw new IllegalArgumentException("baseline " + name + " plays tabular MDPs: needs a one-hot Box observation and a"
          + " Discrete action space, got " + spec.observationSpace() + " / " + spec.actionSpace() + " of " + spec.id());
    }
    this.states = spec.observationSpace().flatSize();
    this.actions = d.n();
    this.horizon = horizon;
    this.rules = rules;
  }

  /** The episode length its rule plans for. */
  public int horizon() {
    return horizon;
  }

  @Override
  public Learner learner(int worker, int lanes, long seed) {
    return mdpPolicy(lanes, seed);
  }

  @Override
  public Policy policy(int lanes, long seed) {
    return mdpPolicy(lanes, seed);
  }

  /** The concrete policy. */
  public MdpBaselinePolicy mdpPolicy(int lanes, long seed) {
    return new MdpBaselinePolicy(lanes, states, actions, horizon, rules.get(), seed);
  }

  @Override
  public String toString() {
    return "baseline " + name() + " (plans " + horizon + "-step episodes)";
  }
}
