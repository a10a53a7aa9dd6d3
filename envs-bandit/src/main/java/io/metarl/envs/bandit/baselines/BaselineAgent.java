package io.metarl.envs.bandit.baselines;

import io.metarl.api.agent.ParameterFreeAgent;
import io.metarl.api.agent.Learner;
import io.metarl.api.agent.Policy;
import io.metarl.api.env.Discrete;
import io.metarl.api.env.EnvironmentSpec;
import java.util.function.Supplier;

/**
 * A classical bandit baseline as an {@link Agent}: no parameters, nothing to learn; its learners and
 * policies are {@link BaselinePolicy} instances that adapt within a trial through their per-lane
 * statistics. {@link #save} writes a one-line {@value #FILE} naming the baseline; {@link #load} checks
 * it.
 */
public final class BaselineAgent extends ParameterFreeAgent {

  private final int arms;
  private final Supplier<ArmRule> rules;
  private final GittinsBaselineProvider.Horizon horizon;

  /**
   * @param name the baseline's plugin name
   * @param spec the environment spec; its action space must be {@link Discrete}
   * @param rules makes one rule per policy
   * @throws IllegalArgumentException for a non-discrete action space
   */
  public BaselineAgent(String name, EnvironmentSpec spec, Supplier<ArmRule> rules) {
    this(name, spec, rules, null);
  }

  /**
   * A baseline whose rule assumes a trial length ({@code horizon}, reported by {@link #horizon()} and
   * {@link #toString()}); {@code null} for none.
   */
  public BaselineAgent(String name, EnvironmentSpec spec, Supplier<ArmRule> rules, GittinsBaselineProvider.Horizon horizon) {
    super(name, spec);
    if (!(spec.actionSpace() instanceof Discrete d)) {
      throw new IllegalArgumentException(
          "baseline " + name + " plays bandits: needs a Discrete action space, got " + spec.actionSpace()
              + " of " + spec.id());
    }
    this.arms = d.n();
    this.rules = rules;
    this.horizon = horizon;
  }

  /** The trial length the rule assumes and how it was chosen, or null when the rule assumes none. */
  public GittinsBaselineProvider.Horizon horizon() {
    return horizon;
  }

  @Override
  public Learner learner(int worker, int lanes, long seed) {
    return new BaselinePolicy(lanes, arms, rules.get(), seed);
  }

  @Override
  public Policy policy(int lanes, long seed) {
    return new BaselinePolicy(lanes, arms, rules.get(), seed);
  }

  /** A {@link BaselinePolicy} (the concrete type of {@link #policy}). */
  public BaselinePolicy baselinePolicy(int lanes, long seed) {
    return new BaselinePolicy(lanes, arms, rules.get(), seed);
  }

  @Override
  public String toString() {
    return "baseline " + name() + (horizon == null ? "" : " (horizon " + horizon + ")");
  }
}
