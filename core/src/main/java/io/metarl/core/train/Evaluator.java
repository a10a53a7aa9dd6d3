package io.metarl.core.train;

import io.metarl.api.agent.Agent;
import io.metarl.api.agent.Policy;
import io.metarl.api.agent.PolicyInput;
import io.metarl.api.agent.PolicyOutput;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.api.task.TaskDistribution;
import io.metarl.core.config.InferenceSettings;
import io.metarl.core.rollout.Lanes;

/**
 * Meta-evaluation: plays {@code trials} trials of tasks sampled from the distribution with a frozen
 * policy (no weight changes; RL² adapts in its memory only), lanes together, and records the return of
 * every episode by its index within the trial. Works before any training. Held-out tasks come from a
 * generator seeded differently from training's.
 */
public final class Evaluator {
  /** Mixed into the run's seed so evaluation tasks differ from training tasks. */
  public static final long EVALUATION_SEED_SALT = 0x6A09E667F3BCC909L;

  private Evaluator() {}

  /** Plays the held-out trials. */
  public static EvaluationResult evaluate(Agent agent, TaskDistribution tasks, InferenceSettings s, long seed) {
    EnvironmentSpec spec = tasks.spec();
    int lanesCount = Math.min(s.lanes(), s.trials());
    double[][] returns = new double[s.trials()][s.episodesPerTrial()];
    double[] optimal = new double[s.trials()];
    Policy policy = agent.policy(lanesCount, seed ^ EVALUATION_SEED_SALT);
    PolicyOutput out = new PolicyOutput(spec.actionSpace(), lanesCount);
    PolicyInput in = new PolicyInput(spec.observationSpace(), spec.actionSpace(), lanesCount);
    try (Lanes lanes = new Lanes(tasks, spec, lanesCount, s.episodesPerTrial(), s.maxSteps(), seed ^ EVALUATION_SEED_SALT)) {
      for (int first = 0; first < s.trials(); first += lanesCount) {
        int active = Math.min(lanesCount, s.trials() - first);
        if (first == 0) {
          lanes.startAll();
        } else {
          for (int l = 0; l < lanesCount; l++) {
            lanes.startTrial(l);
          }
        }
        for (int l = 0; l < active; l++) {
          optimal[first + l] = lanes.task(l).optimalReturn().orElse(Double.NaN) * s.episodesPerTrial();
        }
        int[] episodes = new int[lanesCount];
        int finished = 0;
        while (finished < active) {
          Lanes.copy(lanes.input, in);
          policy.act(in, s.mode(), out);
          lanes.step(out.actions, false);
          for (int l = 0; l < active; l++) {
            if (lanes.finalObservation[l] != null && episodes[l] < s.episodesPerTrial()) {
              returns[first + l][episodes[l]] = lanes.endedReturn[l];
              episodes[l]++;
              if (episodes[l] == s.episodesPerTrial()) {
                finished++;
              }
            }
          }
        }
      }
    }
    return new EvaluationResult(s.trials(), s.episodesPerTrial(), returns, optimal);
  }
}
