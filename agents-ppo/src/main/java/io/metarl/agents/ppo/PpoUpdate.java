package io.metarl.agents.ppo;

import io.metarl.api.agent.RolloutBatch;
import io.metarl.api.agent.UpdateResult;
import io.metarl.core.agent.ActorCriticObjective;
import io.metarl.core.agent.ActorCriticSettings;
import io.metarl.core.agent.PolicyUpdate;
import io.metarl.core.agent.UpdateSteps;
import io.metarl.core.rollout.Rng;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PPO's update of one rollout (Schulman et al. 2017, Algorithm 1; the loop of Stable-Baselines3's
 * {@code PPO.train}): the rollout's log-probabilities and values at the parameters that collected it
 * are kept, then for {@code epochs} passes the rollout's units (samples, or whole lanes for a recurrent
 * network) are shuffled and split into {@code minibatches}, and each minibatch takes one optimiser
 * step along the gradient of the {@link ClippedSurrogate}, with advantages standardised per minibatch
 * when the agent normalises them. With {@code target-kl} the epochs stop before a step whose
 * minibatch has drifted more than {@code 1.5 x target-kl} from the rollout's policy.
 *
 * <p>Its state for exact resume: the shuffling generator.
 */
final class PpoUpdate implements PolicyUpdate {
  private final PpoSettings ppo;
  private Rng rng;

  PpoUpdate(PpoSettings ppo, long seed) {
    this.ppo = ppo;
    this.rng = new Rng(seed);
  }

  @Override
  public UpdateResult update(RolloutBatch b, UpdateSteps s) {
    ActorCriticSettings settings = s.settings();
    int p = s.spec().policyOutputs();
    boolean discrete = s.spec().discrete();
    int n = b.steps * b.lanes;
    int[] actions = discrete ? ActorCriticObjective.discreteActions(b) : null;
    double[] continuous = discrete ? null : ActorCriticObjective.continuousActions(b, p);
    UpdateSteps.Outputs old = s.rollout(b);
    double[] oldLogProb = new double[n];
    for (int i = 0; i < n; i++) {
      oldLogProb[i] = ClippedSurrogate.logProb(i, p, old.policy(), old.logStd(), actions, continuous);
    }
    double[] oldValue = old.value().clone();
    double explainedVariance = explainedVariance(oldValue, b.returns);

    int units = s.units(b);
    int[] order = new int[units];
    for (int u = 0; u < units; u++) {
      order[u] = u;
    }
    double sumPolicy = 0;
    double sumValue = 0;
    double sumEntropy = 0;
    double sumKl = 0;
    double sumClip = 0;
    double sumNorm = 0;
    double lastKl = 0;
    int stepsTaken = 0;
    int epochs = 0;
    boolean stopped = false;
    for (int epoch = 0; epoch < ppo.epochs() && !stopped; epoch++) {
      shuffle(order);
      epochs++;
      for (int k = 0; k < ppo.minibatches(); k++) {
        int lo = (int) ((long) units * k / ppo.minibatches());
        int hi = (int) ((long) units * (k + 1) / ppo.minibatches());
        if (hi == lo) {
          continue;
        }
        UpdateSteps.Outputs o = s.minibatch(b, java.util.Arrays.copyOfRange(order, lo, hi));
        int m = o.value().length;
        int[] mbActions = discrete ? new int[m] : null;
        double[] mbContinuous = discrete ? null : new double[m * p];
        double[] mbOldLogProb = new double[m];
        double[] mbOldValue = new double[m];
        double[] adv = new double[m];
        double[] ret = new double[m];
        for (int j = 0; j < m; j++) {
          int i = o.rolloutIndex()[j];
          if (discrete) {
            mbActions[j] = actions[i];
          } else {
            System.arraycopy(continuous, i * p, mbContinuous, j * p, p);
          }
          mbOldLogProb[j] = oldLogProb[i];
          mbOldValue[j] = oldValue[i];
          adv[j] = b.advantages[i];
          ret[j] = b.returns[i];
        }
        if (settings.normalizeAdvantages() && m > 1) {
          ActorCriticObjective.standardise(adv);
        }
        double[] dOut = new double[m * p];
        double[] dLogStd = discrete ? null : new double[m * p];
        double[] dValue = new double[m];
        ClippedSurrogate.Terms terms = ClippedSurrogate.evaluate(m, p, o.policy(), o.logStd(), o.value(), mbActions,
            mbContinuous, mbOldLogProb, mbOldValue, adv, ret, ppo.clipRange(), ppo.valueClipRange(),
            settings.valueCoefficient(), settings.entropyCoefficient(), dOut, dLogStd, dValue);
        lastKl = terms.approxKl();
        if (ppo.targetKl() > 0 && terms.approxKl() > 1.5 * ppo.targetKl()) {
          stopped = true;
          break;
        }
        if (!Double.isFinite(terms.policy()) || !Double.isFinite(terms.value())) {
          throw new IllegalStateException("non-finite PPO loss: policy term " + terms.policy() + ", value term "
              + terms.value());
        }
        sumNorm += s.step(s.gradient(dOut, dLogStd, dValue));
        sumPolicy += terms.policy();
        sumValue += terms.value();
        sumEntropy += terms.entropy();
        sumKl += terms.approxKl();
        sumClip += terms.clipFraction();
        stepsTaken++;
      }
    }
    double d = Math.max(stepsTaken, 1);
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("loss", (sumPolicy + settings.valueCoefficient() * sumValue - settings.entropyCoefficient() * sumEntropy) / d);
    metrics.put("loss_policy", sumPolicy / d);
    metrics.put("loss_value", sumValue / d);
    metrics.put("entropy", sumEntropy / d);
    metrics.put("approx_kl", sumKl / d);
    metrics.put("approx_kl_last", lastKl);
    metrics.put("clip_fraction", sumClip / d);
    metrics.put("explained_variance", explainedVariance);
    metrics.put("epochs", (double) epochs);
    metrics.put("minibatch_steps", (double) stepsTaken);
    metrics.put("grad_norm", sumNorm / d);
    metrics.put("learning_rate", s.learningRate());
    return new UpdateResult(metrics);
  }

  /** Fisher-Yates with the update's own generator. */
  private void shuffle(int[] a) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int tmp = a[i];
      a[i] = a[j];
      a[j] = tmp;
    }
  }

  /** {@code 1 - Var[R - V] / Var[R]} (NaN when the returns do not vary), as SB3 logs it. */
  static double explainedVariance(double[] values, float[] returns) {
    int n = values.length;
    double mr = 0;
    double md = 0;
    for (int i = 0; i < n; i++) {
      mr += returns[i];
      md += returns[i] - values[i];
    }
    mr /= n;
    md /= n;
    double vr = 0;
    double vd = 0;
    for (int i = 0; i < n; i++) {
      vr += (returns[i] - mr) * (returns[i] - mr);
      double dd = returns[i] - values[i] - md;
      vd += dd * dd;
    }
    return vr == 0 ? Double.NaN : 1 - vd / vr;
  }

  @Override
  public void writeState(DataOutputStream out) throws IOException {
    out.writeLong(rng.state());
  }

  @Override
  public void readState(DataInputStream in) throws IOException {
    rng = Rng.restore(in.readLong());
  }
}
