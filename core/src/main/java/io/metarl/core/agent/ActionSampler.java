package io.metarl.core.agent;

import io.metarl.api.agent.Mode;
import io.metarl.api.agent.PolicyOutput;
import io.metarl.core.nn.ActorCriticLoss;
import io.metarl.core.rollout.Rng;

/**
 * Turns the policy head's outputs into actions: a categorical draw over softmax(logits), or the
 * argmax, for discrete actions; the mean plus exp(log-std) times a standard normal draw, or the mean,
 * for continuous ones. All randomness comes from the sampler's own {@link Rng} (reproducible; its
 * state is part of a resumable learner's state). With gSDE ({@link Exploration}) the continuous noise
 * is each lane's noise matrix applied to the policy head's input, the matrices drawn anew every
 * {@code sample-frequency} steps, or (-1) after each update and at each lane's trial start; the
 * matrices and the step count then belong to the resumable state too.
 */
final class ActionSampler {
  private final int p;
  private final boolean discrete;
  private final int logStdOffset;
  private final double[] prob;
  Rng rng;
  // gSDE (null without): per lane a noise matrix, the steps since the last draw, whether to draw next step
  private GaussianScale scale;
  private int frequency;
  private double[][] noise;
  private int sinceDraw;
  private boolean drawNext = true;

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

  /** Switches continuous exploration to gSDE over {@code lanes} lanes. */
  void stateDependent(GaussianScale scale, int frequency, int lanes) {
    this.scale = scale;
    this.frequency = frequency;
    this.noise = new double[lanes][scale.width() * p];
  }

  /** After an update: with {@code sample-frequency = -1}, new noise matrices at the next step. */
  void newRollout() {
    if (scale != null && frequency < 0) {
      drawNext = true;
    }
  }

  /**
   * Fills the actions and values of every lane of {@code out} from the outputs of samples
   * {@code first .. first + lanes - 1}; {@code features} (the policy head's input, same samples) and
   * {@code trialStart} are read with gSDE only.
   */
  void choose(double[] policy, double[] values, int first, double[] params, Mode mode, PolicyOutput out,
      double[] features, boolean[] trialStart) {
    if (scale != null) {
      chooseStateDependent(policy, values, first, params, mode, out, features, trialStart);
      return;
    }
    choose(policy, values, first, params, mode, out);
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

  private void chooseStateDependent(double[] policy, double[] values, int first, double[] params, Mode mode,
      PolicyOutput out, double[] features, boolean[] trialStart) {
    int lanes = out.values.length;
    boolean explore = mode != Mode.GREEDY;
    if (explore) {
      boolean all = drawNext || (frequency > 0 && sinceDraw >= frequency);
      for (int l = 0; l < lanes; l++) {
        if (all || (frequency < 0 && trialStart[l])) {
          scale.drawNoise(params, rng, noise[l]);
        }
      }
      if (all) {
        sinceDraw = 0;
        drawNext = false;
      }
      sinceDraw++;
    }
    int width = scale.width();
    for (int l = 0; l < lanes; l++) {
      out.values[l] = (float) values[first + l];
      int o = (first + l) * p;
      for (int j = 0; j < p; j++) {
        double mean = policy[o + j];
        out.actions.continuous[l * p + j] = (float) (explore
            ? mean + scale.noise(features, (first + l) * width, noise[l], j) : mean);
      }
    }
  }

  /** The gSDE state: noise matrices and schedule (nothing without gSDE). */
  void writeNoise(java.io.DataOutputStream out) throws java.io.IOException {
    if (scale == null) {
      return;
    }
    out.writeInt(sinceDraw);
    out.writeBoolean(drawNext);
    for (double[] m : noise) {
      for (double v : m) {
        out.writeDouble(v);
      }
    }
  }

  /** Reads what {@link #writeNoise} wrote. */
  void readNoise(java.io.DataInputStream in) throws java.io.IOException {
    if (scale == null) {
      return;
    }
    sinceDraw = in.readInt();
    drawNext = in.readBoolean();
    for (double[] m : noise) {
      for (int i = 0; i < m.length; i++) {
        m[i] = in.readDouble();
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
    return Rng.standardNormal(rng);
  }
}
