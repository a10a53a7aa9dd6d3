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

  private long rows;
  private final Map<String, List<Double>> metaSeries = new java.util.TreeMap<>();

  /**
   * Every update's value of each meta-parameter a research extension reports as {@code meta/<name>}
   * (e.g. the meta-gradient's gamma and lambda), in update order (this process's updates only).
   */
  public synchronized Map<String, List<Double>> metaParameters() {
    Map<String, List<Double>> out = new java.util.TreeMap<>();
    metaSeries.forEach((k, v) -> out.put(k, List.copyOf(v)));
    return out;
  }

  /** Opens {@code file} for writing (replacing it). */
  public UpdateLog(Path file) throws IOException {
    this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
  }

  /** Continues {@code file} after a resume: keeps its first {@code updates} rows, drops the rest. */
  public UpdateLog(Path file, long updates) throws IOException {
    List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    if (updates > 0 && lines.size() < updates + 1) {
      throw new IOException(file + " has " + Math.max(0, lines.size() - 1) + " updates, the checkpoint counts " + updates);
    }
    List<String> kept = updates == 0 ? List.of() : new ArrayList<>(lines.subList(0, (int) updates + 1));
    Files.write(file, kept, StandardCharsets.UTF_8);
    if (!kept.isEmpty()) {
      String[] header = kept.get(0).split(",");
      columns = new ArrayList<>(List.of(header).subList(3, header.length));
    }
    rows = updates;
    this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
  }

  /** Rows written (updates logged). */
  public synchronized long rows() {
    return rows;
  }

  /** Writes buffered rows to the file. */
  public synchronized void flush() throws IOException {
    out.flush();
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
      rows++;
      latest = u.metrics();
      for (var e : u.metrics().entrySet()) {
        if (e.getKey().startsWith("meta/") && !e.getKey().startsWith("meta/grad")) {
          metaSeries.computeIfAbsent(e.getKey().substring(5), k -> new ArrayList<>()).add(e.getValue());
        }
      }
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
