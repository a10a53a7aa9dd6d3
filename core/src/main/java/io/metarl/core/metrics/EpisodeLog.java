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

  private static final String HEADER = "episode,worker,lane,trial,episode_in_trial,return,length,env_steps";

  /** Opens {@code file} for writing (replacing it). */
  public EpisodeLog(Path file) throws IOException {
    this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    out.write(HEADER + "\n");
  }

  /**
   * Continues {@code file} after a resume: keeps its first {@code episodes} rows (those before the
   * checkpoint), drops the rest, and reloads the running mean and the learning curve from them.
   */
  public EpisodeLog(Path file, long episodes) throws IOException {
    List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    if (lines.size() < episodes + 1) {
      throw new IOException(file + " has " + Math.max(0, lines.size() - 1) + " episodes, the checkpoint counts " + episodes);
    }
    List<String> kept = new ArrayList<>(lines.subList(0, (int) episodes + 1));
    Files.write(file, kept, StandardCharsets.UTF_8);
    for (String line : kept.subList(1, kept.size())) {
      String[] f = line.split(",");
      double r = Double.parseDouble(f[5]);
      this.episodes++;
      last.addLast(r);
      lastSum += r;
      if (last.size() > 100) {
        lastSum -= last.removeFirst();
      }
      curve.add(new double[] {Double.parseDouble(f[7]), r});
    }
    this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
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

  /** Writes buffered rows to the file. */
  public synchronized void flush() throws IOException {
    out.flush();
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
