package io.metarl.core.metrics;

import io.metarl.api.train.TrainingListener;
import io.metarl.api.train.UpdateRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Writes every update's metrics to {@code updates.csv}; the columns are the metric names of the first
 * update (sorted), and a metric missing from a later update is left empty.
 */
public final class UpdateLog implements TrainingListener, AutoCloseable {
  private final BufferedWriter out;
  private List<String> columns;
  private Map<String, Double> latest = Map.of();

  /** Opens {@code file} for writing (replacing it). */
  public UpdateLog(Path file) throws IOException {
    this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
  }

  @Override
  public synchronized void onUpdate(UpdateRecord u) {
    try {
      if (columns == null) {
        columns = new ArrayList<>(new TreeSet<>(u.metrics().keySet()));
        out.write("update,worker,env_steps" + (columns.isEmpty() ? "" : "," + String.join(",", columns)) + "\n");
      }
      StringBuilder sb = new StringBuilder().append(u.update()).append(',').append(u.worker()).append(',').append(u.envSteps());
      for (String c : columns) {
        Double v = u.metrics().get(c);
        sb.append(',').append(v == null ? "" : v.toString());
      }
      out.write(sb.append('\n').toString());
      latest = u.metrics();
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot write updates.csv", ex);
    }
  }

  /** The metrics of the latest update. */
  public synchronized Map<String, Double> latest() {
    return latest;
  }

  @Override
  public synchronized void onEnd() {
    try {
      out.flush();
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot write updates.csv", ex);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
