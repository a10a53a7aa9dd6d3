package io.metarl.core.agent;

import io.metarl.api.agent.RolloutBatch;
import io.metarl.api.agent.UpdateResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The actor-critic update of A2C and A3C: one optimiser step per rollout along the gradient of the
 * {@link ActorCriticObjective} (the configured policy loss plus the value term), replayed from the
 * rollout's starting memory or reused from acting.
 */
final class GradientStep implements PolicyUpdate {
  @Override
  public UpdateResult update(RolloutBatch b, UpdateSteps s) {
    ActorCriticObjective.Gradient g = s.objective().compute(b, s.parameters(), s.passes(), s.loss());
    double norm = s.step(g.grad());
    s.loss().advance(g.batch());
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("loss", g.policyLoss() + s.settings().valueCoefficient() * g.valueLoss());
    m.put("loss_policy", g.policyLoss());
    m.put("loss_value", g.valueLoss());
    m.put("entropy", g.entropy());
    m.put("value_error", g.valueError());
    m.put("grad_norm", norm);
    m.put("learning_rate", s.learningRate());
    return new UpdateResult(m);
  }
}
