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
  private double mean;
  private double var = 1.0;
  private double count = 1e-4;

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
      bVar /= lanes;
      double total = count + lanes;
      double delta = bMean - mean;
      double m2 = var * count + bVar * lanes + delta * delta * count * lanes / total;
      mean += delta * lanes / total;
      var = m2 / total;
      count = total;
      double scale = 1.0 / Math.sqrt(var + epsilon);
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
    out.writeDouble(mean);
    out.writeDouble(var);
    out.writeDouble(count);
  }

  void read(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n != returns.length) {
      throw new IOException("saved reward scaling has " + n + " lanes, this learner has " + returns.length);
    }
    for (int l = 0; l < n; l++) {
      returns[l] = in.readDouble();
    }
    mean = in.readDouble();
    var = in.readDouble();
    count = in.readDouble();
  }
}
