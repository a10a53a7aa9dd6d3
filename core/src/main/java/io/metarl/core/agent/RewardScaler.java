package io.metarl.core.agent;

import io.metarl.api.agent.RolloutBatch;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Reward scaling (Stable-Baselines3's {@code VecNormalize(norm_reward=True)}, CleanRL's
 * {@code NormalizeReward}; Engstrom et al. 2020, "Implementation matters in deep policy gradients"):
 * each lane keeps a discounted return {@code G = gamma G + r}, zeroed after a return boundary; each
 * reward is divided by the running standard deviation of those returns (updated first with the step's
 * returns of every lane) and clipped to {@code +-clip}. The rewards are not centred. It changes only
 * what the learner trains on; the episode returns a run reports stay the environment's.
 *
 * <p>Its state (the lanes' returns and the running moments) belongs to the learner's resumable state.
 */
final class RewardScaler {
  private final double gamma;
  private final double clip;
  private final double epsilon;
  private final double[] returns;
  private final RunningMoments moments = new RunningMoments(1);
  // the step's batch moments (one quantity: the lanes' discounted returns)
  private final double[] stepMean = new double[1];
  private final double[] stepVar = new double[1];

  RewardScaler(int lanes, Normalization n) {
    this.gamma = n.gamma();
    this.clip = n.clip();
    this.epsilon = n.epsilon();
    this.returns = new double[lanes];
  }

  /** Scales {@code b}'s rewards in place, step by step. */
  void scale(RolloutBatch b) {
    int lanes = b.lanes;
    for (int t = 0; t < b.steps; t++) {
      double bMean = 0;
      for (int l = 0; l < lanes; l++) {
        returns[l] = returns[l] * gamma + b.rewards[b.index(t, l)];
        bMean += returns[l];
      }
      bMean /= lanes;
      double bVar = 0;
      for (int l = 0; l < lanes; l++) {
        bVar += (returns[l] - bMean) * (returns[l] - bMean);
      }
      stepMean[0] = bMean;
      stepVar[0] = bVar / lanes;
      moments.merge(stepMean, stepVar, lanes);
      double scale = 1.0 / Math.sqrt(moments.var[0] + epsilon);
      for (int l = 0; l < lanes; l++) {
        int i = b.index(t, l);
        double r = b.rewards[i] * scale;
        b.rewards[i] = (float) (r > clip ? clip : (r < -clip ? -clip : r));
        if (b.boundary(i)) {
          returns[l] = 0;
        }
      }
    }
  }

  void write(DataOutputStream out) throws IOException {
    out.writeInt(returns.length);
    for (double g : returns) {
      out.writeDouble(g);
    }
    out.writeDouble(moments.mean[0]);
    out.writeDouble(moments.var[0]);
    out.writeDouble(moments.count);
  }

  void read(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n != returns.length) {
      throw new IOException("saved reward scaling has " + n + " lanes, this learner has " + returns.length);
    }
    for (int l = 0; l < n; l++) {
      returns[l] = in.readDouble();
    }
    moments.mean[0] = in.readDouble();
    moments.var[0] = in.readDouble();
    moments.count = in.readDouble();
  }
}
