package io.metarl.core.agent;

import io.metarl.api.agent.Mode;
import io.metarl.api.agent.PolicyOutput;
import io.metarl.core.nn.ActorCriticLoss;
import io.metarl.core.rollout.Rng;

/**
 * Turns the policy head's outputs into actions: a categorical draw over softmax(logits), or the
 * argmax, for discrete actions; the mean plus exp(log-std) times a standard normal draw, or the mean,
 * for continuous ones. All randomness comes from the sampler's own {@link Rng} (reproducible; its
 * state is part of a resumable learner's state).
 */
final class ActionSampler {
  private final int p;
  private final boolean discrete;
  private final int logStdOffset;
  private final double[] prob;
  Rng rng;

  /**
   * @param policyOutputs logits (discrete) or means (continuous) per sample
   * @param logStdOffset where the state-independent log-stds start in the parameters (continuous)
   */
  ActionSampler(int policyOutputs, boolean discrete, int logStdOffset, long seed) {
    this.p = policyOutputs;
    this.discrete = discrete;
    this.logStdOffset = logStdOffset;
    this.prob = new double[p];
    this.rng = new Rng(seed);
  }

  /**
   * Fills the actions and values of every lane of {@code out} from the outputs of samples
   * {@code first .. first + lanes - 1}.
   */
  void choose(double[] policy, double[] values, int first, double[] params, Mode mode, PolicyOutput out) {
    int lanes = out.values.length;
    for (int l = 0; l < lanes; l++) {
      out.values[l] = (float) values[first + l];
      int o = (first + l) * p;
      if (discrete) {
        out.actions.discrete[l] = mode == Mode.GREEDY ? argmax(policy, o) : sample(policy, o);
      } else {
        for (int j = 0; j < p; j++) {
          double mean = policy[o + j];
          out.actions.continuous[l * p + j] = (float) (mode == Mode.GREEDY ? mean
              : mean + Math.exp(params[logStdOffset + j]) * gaussian());
        }
      }
    }
  }

  private int argmax(double[] z, int o) {
    int best = 0;
    for (int j = 1; j < p; j++) {
      if (z[o + j] > z[o + best]) {
        best = j;
      }
    }
    return best;
  }

  private int sample(double[] z, int o) {
    double sum = ActorCriticLoss.shiftedExp(z, o, p, prob);
    double u = rng.nextDouble() * sum;
    for (int j = 0; j < p - 1; j++) {
      u -= prob[j];
      if (u < 0) {
        return j;
      }
    }
    return p - 1;
  }

  private double gaussian() {
    // Box-Muller from our own generator (reproducible; no global random state).
    double u1 = 1.0 - rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
