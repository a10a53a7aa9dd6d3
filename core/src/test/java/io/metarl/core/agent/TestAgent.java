package io.metarl.core.agent;

import io.metarl.api.agent.ReturnSpan;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.api.loss.PolicyLoss;
import io.metarl.core.config.OptimizerSettings;
import io.metarl.core.nn.ActorCriticNetwork;
import io.metarl.core.nn.PolicyGradientLoss;
import java.util.function.Supplier;

/** Core's test agent: a {@link ModelAgent} (one synchronous learner on the global parameters) with test accessors. */
public final class TestAgent extends ModelAgent {

  public TestAgent(String name, EnvironmentSpec env, ActorCriticSettings settings, OptimizerSettings optimizer, long seed) {
    this(name, env, settings, optimizer, seed, () -> new PolicyGradientLoss(settings.entropyCoefficient()));
  }

  public TestAgent(String name, EnvironmentSpec env, ActorCriticSettings settings, OptimizerSettings optimizer, long seed,
      Supplier<PolicyLoss> loss) {
    super(new ActorCriticModel(name, env, settings, optimizer, seed, loss), ReturnSpan.EPISODE);
  }

  /** The network. */
  public ActorCriticNetwork network() {
    return model.network();
  }

  /** A copy of the global parameters. */
  public double[] parameters() {
    return model.store().values().clone();
  }
}
