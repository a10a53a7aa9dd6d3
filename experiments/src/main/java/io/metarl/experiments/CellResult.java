package io.metarl.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * What a finished cell measured, read back from its {@code summary.json} (so a cell finished by an
 * earlier, interrupted invocation reads exactly as one finished now).
 *
 * @param cell the cell
 * @param trainingMeanLast100 mean return of the last 100 training episodes
 * @param trainingEpisodes training episodes played
 * @param envSteps training environment steps
 * @param inferenceMean mean episode return on held-out tasks with frozen weights
 * @param inferenceStderr its standard error over the cell's inference episodes
 * @param inferenceEpisodes inference episodes played
 * @param meanByEpisodeIndex inference mean return of the k-th episode of a trial (adaptation curve)
 * @param wallSeconds the cell's wall-clock seconds (training + inference)
 * @param reused true when the cell was already finished and was not rerun
 */
public record CellResult(
    Cell cell, double trainingMeanLast100, long trainingEpisodes, long envSteps, double inferenceMean,
    double inferenceStderr, long inferenceEpisodes, double[] meanByEpisodeIndex, double wallSeconds, boolean reused)
    implements Serializable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads {@code dir/summary.json} (as written by {@link io.metarl.core.train.TrainingJob}). */
  public static CellResult read(Cell cell, Path dir, boolean reused) throws IOException {
    Path f = dir.resolve("summary.json");
    JsonNode s;
    try {
      s = JSON.readTree(f.toFile());
    } catch (IOException e) {
      throw new IOException(f + " is not a readable cell summary: " + e.getMessage(), e);
    }
    JsonNode t = s.path("training");
    JsonNode i = s.path("inference");
    if (t.isMissingNode() || i.isMissingNode()) {
      throw new IOException(f + " lacks its training or inference block");
    }
    JsonNode by = i.path("mean_by_episode_index");
    double[] curve = new double[by.size()];
    for (int k = 0; k < curve.length; k++) {
      curve[k] = by.get(k).asDouble();
    }
    return new CellResult(cell, number(t.path("mean_return_last_100")), t.path("episodes").asLong(),
        s.path("env_steps").asLong(), number(i.path("mean_return")), number(i.path("stderr")),
        i.path("episodes").asLong(), curve, s.path("wall_seconds").asDouble(), reused);
  }

  private static double number(JsonNode n) {
    return n.isNumber() ? n.asDouble() : Double.NaN; // Jackson writes NaN as a string token
  }
}
