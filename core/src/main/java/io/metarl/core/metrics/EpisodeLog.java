package io.metarl.core.metrics;

import io.metarl.api.train.EpisodeRecord;
import io.metarl.api.train.TrainingListener;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes every training episode to {@code episodes.csv} and keeps the running mean of the last 100
 * returns and the whole learning curve (env-steps, return) for plots.
 */
public final class EpisodeLog implements TrainingListener, AutoCloseable {
  private final BufferedWriter out;
  private final ArrayDeque<Double> last = new ArrayDeque<>();
  private final List<double[]> curve = new ArrayList<>();
  private double lastSum;
  private long episodes;

  /** Opens {@code file} for writing (replacing it). */
  public EpisodeLog(Path file) throws IOException {
    this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    out.write("episode,worker,lane,trial,episode_in_trial,return,length,env_steps\n");
  }

  @Override
  public synchronized void onEpisode(EpisodeRecord e) {
    episodes++;
    try {
      out.write(episodes + "," + e.worker() + "," + e.lane() + "," + e.trial() + "," + e.episodeInTrial() + ","
          + e.totalReturn() + "," + e.length() + "," + e.envSteps() + "\n");
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot write episodes.csv", ex);
    }
    last.addLast(e.totalReturn());
    lastSum += e.totalReturn();
    if (last.size() > 100) {
      lastSum -= last.removeFirst();
    }
    curve.add(new double[] {e.envSteps(), e.totalReturn()});
  }

  /** Mean return of the last 100 episodes (NaN before the first). */
  public synchronized double meanLast100() {
    return last.isEmpty() ? Double.NaN : lastSum / last.size();
  }

  /** Episodes seen. */
  public synchronized long episodes() {
    return episodes;
  }

  /** (env-steps, return) of every episode, in order. */
  public synchronized List<double[]> curve() {
    return List.copyOf(curve);
  }

  @Override
  public synchronized void onEnd() {
    try {
      out.flush();
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot write episodes.csv", ex);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
