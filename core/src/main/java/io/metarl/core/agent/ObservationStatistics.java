package io.metarl.core.agent;

import io.metarl.api.agent.RolloutBatch;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The running mean and variance of each network input, which observation normalisation subtracts and
 * divides by (Stable-Baselines3's {@code RunningMeanStd}: mean 0, variance 1 and count 1e-4 at the
 * start, batches merged by Chan et al.'s parallel formula). They are part of the model: saved beside
 * the parameters ({@value #FILE}) and restored bit for bit, and a frozen policy keeps the
 * {@link Snapshot} it was made with.
 *
 * <p>Invariant: within one rollout every pass normalises with the same snapshot; the statistics take
 * in a rollout's inputs after its update ({@link #update}), so the next rollout acts, and the update
 * replays, with the new snapshot. (SB3 updates at every step; the difference is one rollout's lag.)
 */
public final class ObservationStatistics {
  /** The file in a parameter directory. */
  public static final String FILE = "observation-statistics.bin";
  private static final int MAGIC = 0x4f425331; // "OBS1"
  private final int size;
  private final double clip;
  private final double epsilon;
  private final RunningMoments moments;
  private volatile Snapshot current;

  /** What a pass normalises with: {@code clip((x - mean) * scale, -clip, clip)} per input. */
  public record Snapshot(double[] mean, double[] scale, double clip) {
    /** The normalised value of input {@code i}. */
    double apply(int i, double x) {
      double z = (x - mean[i]) * scale[i];
      return z > clip ? clip : (z < -clip ? -clip : z);
    }
  }

  /** Statistics of {@code size} inputs, normalised values clipped to {@code +-clip}. */
  public ObservationStatistics(int size, double clip, double epsilon) {
    this.size = size;
    this.clip = clip;
    this.epsilon = epsilon;
    this.moments = new RunningMoments(size);
    publish();
  }

  /** The snapshot passes normalise with now. */
  public Snapshot snapshot() {
    return current;
  }

  /** The number of inputs seen (plus the initial 1e-4). */
  public synchronized double count() {
    return moments.count;
  }

  /** Takes in every input of {@code b}'s rollout and publishes the new snapshot. */
  public synchronized void update(RolloutBatch b) {
    int n = b.steps * b.lanes;
    if (b.observationSize != size) {
      throw new IllegalArgumentException("rollout inputs have " + b.observationSize + " values, statistics " + size);
    }
    double[] bMean = new double[size];
    double[] bVar = new double[size];
    for (int t = 0; t < b.steps; t++) {
      float[] o = b.inputs[t].observations;
      for (int s = 0; s < b.lanes; s++) {
        for (int i = 0; i < size; i++) {
          bMean[i] += o[s * size + i];
        }
      }
    }
    for (int i = 0; i < size; i++) {
      bMean[i] /= n;
    }
    for (int t = 0; t < b.steps; t++) {
      float[] o = b.inputs[t].observations;
      for (int s = 0; s < b.lanes; s++) {
        for (int i = 0; i < size; i++) {
          double d = o[s * size + i] - bMean[i];
          bVar[i] += d * d;
        }
      }
    }
    for (int i = 0; i < size; i++) {
      bVar[i] /= n;
    }
    moments.merge(bMean, bVar, n);
    publish();
  }

  private void publish() {
    double[] scale = new double[size];
    for (int i = 0; i < size; i++) {
      scale[i] = 1.0 / Math.sqrt(moments.var[i] + epsilon);
    }
    current = new Snapshot(moments.mean.clone(), scale, clip);
  }

  /** Writes the statistics to {@value #FILE} in {@code dir}. */
  public synchronized void save(Path dir) throws IOException {
    try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(
        Files.newOutputStream(dir.resolve(FILE))))) {
      out.writeInt(MAGIC);
      out.writeInt(size);
      out.writeDouble(moments.count);
      for (int i = 0; i < size; i++) {
        out.writeDouble(moments.mean[i]);
        out.writeDouble(moments.var[i]);
      }
    }
  }

  /** Reads {@value #FILE} from {@code dir} (checked whole before anything changes). */
  public synchronized void load(Path dir) throws IOException {
    Path f = dir.resolve(FILE);
    try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(f)))) {
      if (in.readInt() != MAGIC) {
        throw new IOException(f + " is not a metarl observation-statistics file");
      }
      int n = in.readInt();
      if (n != size) {
        throw new IOException(f + " holds statistics of " + n + " inputs, the network reads " + size);
      }
      double c = in.readDouble();
      double[] m = new double[size];
      double[] v = new double[size];
      for (int i = 0; i < size; i++) {
        m[i] = in.readDouble();
        v[i] = in.readDouble();
      }
      moments.count = c;
      System.arraycopy(m, 0, moments.mean, 0, size);
      System.arraycopy(v, 0, moments.var, 0, size);
    } catch (NoSuchFileException e) {
      throw new IOException(f + " is missing: the agent normalises observations (normalize.observations = true), "
          + "so its saved statistics must sit beside its parameters", e);
    } catch (java.io.EOFException e) {
      throw new IOException(f + " is truncated", e);
    }
    publish();
  }
}
