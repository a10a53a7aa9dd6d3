package io.metarl.agents.meta;

import io.metarl.api.agent.MetaMemory;
import io.metarl.api.agent.Mode;
import io.metarl.api.agent.Policy;
import io.metarl.api.agent.PolicyInput;
import io.metarl.api.agent.PolicyOutput;
import io.metarl.api.env.EnvironmentSpec;
import java.util.Optional;

/** A base policy that acts on the {@link MetaInputs}: every input is augmented before the base sees it. */
class MetaPolicy implements Policy {
  private final Policy base;
  final MetaInputs inputs;
  final EnvironmentSpec env;
  private final PolicyInput acting;

  MetaPolicy(Policy base, MetaInputs inputs, EnvironmentSpec env) {
    this.base = base;
    this.inputs = inputs;
    this.env = env;
    this.acting = new PolicyInput(inputs.augmentedSpec().observationSpace(), env.actionSpace(), base.lanes());
  }

  @Override
  public int lanes() {
    return base.lanes();
  }

  @Override
  public void act(PolicyInput input, Mode mode, PolicyOutput output) {
    inputs.fill(input, acting);
    base.act(acting, mode, output);
  }

  @Override
  public void values(PolicyInput input, float[] out) {
    inputs.fill(input, acting);
    base.values(acting, out);
  }

  @Override
  public Optional<MetaMemory> memory() {
    return base.memory();
  }
}
