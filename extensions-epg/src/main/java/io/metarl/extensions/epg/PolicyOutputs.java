package io.metarl.extensions.epg;

import io.metarl.api.loss.PolicyLoss;
import io.metarl.core.nn.ActorCriticNetwork;
import java.util.SplittableRandom;

/**
 * What EPG reads from the policy head of the shared {@link ActorCriticNetwork}: the "policy output" fed
 * to the loss network L_phi and the Gaussian the inner loop samples from, and the way their gradients
 * go back to the head. As openai/EPG's {@code DiscreteGenericAgent} / {@code ContinuousGenericAgent}
 * ({@code epg/agents.py}, commit bb73d77), the output is
 * <ul>
 *   <li>Discrete(k): the action probabilities {@code softmax(z)} of the head's logits z (their
 *       gradient goes back with {@link PolicyLoss#probabilityToLogitGradient});
 *   <li>Box(d): the d Gaussian means, then the network's d state-independent log-stds. With a bounded
 *       action box the mean is squashed into it, {@code centre + half-width * tanh(z)} (a departure from
 *       openai/EPG's linear mean: with clipped actions an unbounded mean can leave the box, after which
 *       every sample is clipped to the same action and the gradient carries no signal; A2C runs on
 *       point-goal diverged that way).
 * </ul>
 * Stateless and thread-safe.
 */
final class PolicyOutputs {
  private final boolean discrete;
  private final int actions;
  private final int logStdOffset;
  private final double[] centre;
  private final double[] half;

  /**
   * @param network the shared network (its policy head gives logits or means)
   * @param low lower action bounds (Box; null, or any infinite bound: linear mean)
   * @param high upper action bounds
   */
  PolicyOutputs(ActorCriticNetwork network, float[] low, float[] high) {
    this.discrete = network.spec().discrete();
    this.actions = network.spec().policyOutputs();
    this.logStdOffset = network.logStdOffset();
    boolean bounded = !discrete && low != null && high != null;
    for (int i = 0; bounded && i < actions; i++) {
      bounded = Float.isFinite(low[i]) && Float.isFinite(high[i]);
    }
    if (bounded) {
      centre = new double[actions];
      half = new double[actions];
      for (int i = 0; i < actions; i++) {
        centre[i] = 0.5 * ((double) low[i] + high[i]);
        half[i] = 0.5 * ((double) high[i] - low[i]);
      }
    } else {
      centre = half = null;
    }
  }

  /** Width of one row of outputs: k probabilities, or d means and d log-stds. */
  int width() {
    return discrete ? actions : 2 * actions;
  }

  /**
   * The outputs of {@code rows} rows of the head ({@code head}, {@code rows x} head width: a trace's
   * {@code policy}) under parameters {@code params} (for the log-stds), into {@code out}.
   */
  void fill(double[] params, double[] head, int rows, double[] out) {
    if (discrete) {
      for (int r = 0; r < rows; r++) {
        int o = r * actions;
        double max = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < actions; a++) {
          max = Math.max(max, head[o + a]);
        }
        double s = 0;
        for (int a = 0; a < actions; a++) {
          double e = Math.exp(head[o + a] - max);
          out[o + a] = e;
          s += e;
        }
        for (int a = 0; a < actions; a++) {
          out[o + a] /= s;
        }
      }
      return;
    }
    int w = 2 * actions;
    for (int r = 0; r < rows; r++) {
      for (int a = 0; a < actions; a++) {
        double z = head[r * actions + a];
        out[r * w + a] = half == null ? z : centre[a] + half[a] * Math.tanh(z);
        out[r * w + actions + a] = params[logStdOffset + a];
      }
    }
  }

  /**
   * Maps {@code dOut} (the gradient of a loss with respect to {@code rows} rows of {@link #fill}'s
   * outputs {@code out}) to the head: writes {@code dHead} ({@code rows x} head width, overwritten) and
   * adds the log-std gradients, summed over the rows, to {@code grad} at the network's log-std offset.
   */
  void backward(double[] out, double[] dOut, int rows, double[] dHead, double[] grad) {
    if (discrete) {
      PolicyLoss.probabilityToLogitGradient(out, dOut, actions, dHead);
      return;
    }
    int w = 2 * actions;
    for (int r = 0; r < rows; r++) {
      for (int a = 0; a < actions; a++) {
        double d = dOut[r * w + a];
        if (half != null) {
          double t = (out[r * w + a] - centre[a]) / half[a];
          d *= half[a] * (1 - t * t);
        }
        dHead[r * actions + a] = d;
        grad[logStdOffset + a] += dOut[r * w + actions + a];
      }
    }
  }

  /**
   * Samples an action from row {@code r} of {@code out}: fills {@code action} with a one-hot vector
   * (Discrete) or the Gaussian draw before clipping (Box); returns the discrete index, or -1.
   */
  int sample(double[] out, int r, SplittableRandom rng, double[] action) {
    int w = width();
    if (discrete) {
      double u = rng.nextDouble();
      int chosen = actions - 1;
      double c = 0;
      for (int a = 0; a < actions; a++) {
        c += out[r * w + a];
        if (u < c) {
          chosen = a;
          break;
        }
      }
      java.util.Arrays.fill(action, 0);
      action[chosen] = 1;
      return chosen;
    }
    for (int a = 0; a < actions; a++) {
      action[a] = out[r * w + a] + Math.exp(out[r * w + actions + a]) * Stats.gaussian(rng);
    }
    return -1;
  }
}
