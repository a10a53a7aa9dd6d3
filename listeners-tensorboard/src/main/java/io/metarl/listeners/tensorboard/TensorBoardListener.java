package io.metarl.listeners.tensorboard;

import io.metarl.api.train.EpisodeRecord;
import io.metarl.api.train.EvaluationRecord;
import io.metarl.api.train.RunInfo;
import io.metarl.api.train.TrainingListener;
import io.metarl.api.train.UpdateRecord;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a run's scalars as a TensorBoard event file and as {@code metrics.jsonl} (one JSON object
 * per point) in one run directory.
 *
 * <p>Series (the step of every point is the run's environment steps):
 *
 * <ul>
 *   <li>{@code episode/return}, {@code episode/length} per finished episode;
 *   <li>{@code episode/return_by_index/<k>} for the k-th episode of its trial, {@code k <
 *       returnByIndex} (RL² adaptation within a trial), for meta-learners only ({@link RunInfo#meta()});
 *   <li>{@code eval/<agent>/mean_return}, {@code .../stderr}, {@code .../mean_regret} (where the tasks
 *       know their optimum) of the held-out evaluation, and {@code baseline/<name>/...} for each baseline
 *       played on the same tasks, at the run's final step;
 *   <li>{@code train/<name>} for every metric of every update;
 *   <li>{@code time/env_steps_per_second} at each flush at least one second after the previous
 *       point (and once at the end if there was none);
 *   <li>{@code final/mean_return_last_100}: the mean return of the last 100 episodes, once when a run
 *       that {@link #onStart} described ends (the figure {@code metarl train} prints), the run's final
 *       metric in TensorBoard's hparams dashboard beside the evaluation's.
 * </ul>
 *
 * <p>TensorBoard's hparams plugin: the event file starts (after its version) with the session start
 * summary of {@link EventFileWriter#writeSessionStartInfo}: the hyperparameters of {@link RunInfo}
 * (agent, returns, training and environment settings), the agent and environment plugins, and a session
 * group shared by runs whose hyperparameters are equal (seeds of one configuration); a run that ended
 * after its held-out evaluation ends with the session end summary, status success. A run that stops
 * earlier (a failure, Ctrl-C) has no end summary: TensorBoard shows its status as unknown. The hparams
 * dashboard takes every scalar series of the run as a metric (its last value).
 *
 * <p>{@code run.json} beside them holds the run's plugins, hyperparameters and provenance (version,
 * commit, Java, machine, configuration hash) from {@link #onStart}.
 *
 * <p>Nothing touches the disk before the first episode or update: wiring a run that is not trained
 * (checking a configuration, evaluating a checkpoint) keeps the earlier logs of its directory.
 *
 * <p>Cost: a call only copies its points into an in-memory buffer under a lock (tens of
 * nanoseconds per point); a daemon thread encodes and writes the buffer every {@code flushEvery}
 * seconds, and {@link #onEnd()} writes what is left. A JVM shutdown hook flushes on Ctrl-C; a run
 * killed with SIGKILL loses at most the last {@code flushEvery} seconds, and a record cut in half
 * at the end of the file only hides itself from readers. Thread-safe: workers may call
 * concurrently.
 *
 * <p>An I/O failure while writing is reported once on standard error and stops the logging, never
 * the run (listeners must not throw); {@link #failure()} returns it.
 */
public final class TensorBoardListener implements TrainingListener, AutoCloseable {
  /** File of the JSON lines next to the event file. */
  public static final String JSONL = "metrics.jsonl";
  /** The run's plugins, hyperparameters and provenance, beside the logs. */
  public static final String RUN_JSON = "run.json";

  /** Prefix of event file names, as TensorBoard expects. */
  public static final String EVENTS_PREFIX = "events.out.tfevents.";

  private static final int WAKE_POINTS = 1 << 16;
  private static final String RATE_TAG = "time/env_steps_per_second";
  /** Tag of the run's final metric, written when it ends. */
  public static final String FINAL_TAG = "final/mean_return_last_100";
  private static final int LAST = 100;

  private final Path dir;
  private final String host;
  private final long flushNanos;
  private final String[] byIndexTags;
  private final long startNanos = System.nanoTime();
  private final double startWall = System.currentTimeMillis() / 1000.0;

  // Lock order: startLock, then io, then lock; never the other way round.
  private final Object startLock = new Object();
  private volatile boolean started;

  // Guarded by `lock`: the buffer callers append to, the run's progress, the state.
  private final Object lock = new Object();
  private Points active = new Points();
  private Points spare = new Points();
  private final Map<String, String> trainTags = new HashMap<>();
  private long maxEnvSteps;
  private final double[] lastReturns = new double[LAST];
  private long episodes;
  private boolean evaluated;
  private boolean closed;
  private volatile boolean broken;

  // Guarded by `io`: the files, the writers and the rate's last point.
  private final Object io = new Object();
  private Path eventFile;
  private EventFileWriter events;
  private JsonLinesWriter jsonl;
  private boolean sessionStarted;
  private float[] floats = new float[64];
  private long rateSteps;
  private double rateWall;
  private boolean rateWritten;
  private boolean filesClosed;
  private IOException failure;

  // Set by start().
  private Thread flusher;
  // What onStart said (written to run.json at the first point); by-index series only for meta-learners.
  private volatile RunInfo info;
  private volatile boolean byIndex = true;
  private Thread shutdownHook;

  /**
   * Checks that {@code dir} can be created, and nothing more: the directory and the files are made
   * by the first episode or update. So wiring a run without training it (validating a
   * configuration, evaluating a checkpoint) leaves earlier logs alone, while a rerun that trains
   * replaces the earlier event files and {@code metrics.jsonl} of its directory, as the run's other
   * outputs are replaced.
   *
   * @param dir the run directory
   * @param host the host name of the event file's name
   * @param flushEverySeconds seconds between flushes, {@code > 0}
   * @param returnByIndex how many episode indices get their own return series, {@code >= 0}
   * @throws UncheckedIOException if {@code dir} or its nearest existing ancestor is not a writable
   *     directory
   */
  public TensorBoardListener(Path dir, String host, double flushEverySeconds, int returnByIndex) {
    if (!(flushEverySeconds > 0) || Double.isInfinite(flushEverySeconds)) {
      throw new IllegalArgumentException("flushEverySeconds must be a finite number > 0: " + flushEverySeconds);
    }
    if (returnByIndex < 0) {
      throw new IllegalArgumentException("returnByIndex must be >= 0: " + returnByIndex);
    }
    this.dir = dir;
    this.host = sanitize(host);
    this.flushNanos = Math.max(1L, (long) (flushEverySeconds * 1e9));
    this.byIndexTags = new String[returnByIndex];
    for (int k = 0; k < returnByIndex; k++) {
      byIndexTags[k] = "episode/return_by_index/" + k;
    }
    Path existing = dir.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
      throw new UncheckedIOException(new IOException(
          "tensorboard: cannot create " + dir + ": " + existing + " is not a writable directory"));
    }
  }

  /** The run directory. */
  public Path directory() {
    return dir;
  }

  /** The event file, or {@code null} before the first episode or update. */
  public Path eventFile() {
    synchronized (io) {
      return eventFile;
    }
  }

  /** The first I/O failure, or {@code null}. */
  public IOException failure() {
    synchronized (io) {
      return failure;
    }
  }

  /** Creates the files and starts the flushing thread, once, at the first point. */
  private void start(long firstStep) {
    synchronized (startLock) {
      if (started) {
        return;
      }
      synchronized (lock) {
        if (closed) {
          return;
        }
      }
      double now = wallNow();
      synchronized (io) {
        rateSteps = firstStep;
        rateWall = now;
        try {
          Files.createDirectories(dir);
          removeOldLogs(dir);
          eventFile = dir.resolve(String.format(Locale.ROOT, "%s%010d.%s", EVENTS_PREFIX, (long) now, host));
          events = new EventFileWriter(new BufferedOutputStream(Files.newOutputStream(eventFile), 1 << 16));
          jsonl = new JsonLinesWriter(Files.newOutputStream(dir.resolve(JSONL)), 1 << 16);
          events.writeFileVersion(now);
          RunInfo run = info;
          if (run != null) {
            events.writeSessionStartInfo(now, hparams(run), sessionGroup(run), startWall);
            sessionStarted = true;
          }
          events.flush();
          if (run != null) {
            Files.writeString(dir.resolve(RUN_JSON), runJson(run), StandardCharsets.UTF_8);
          }
        } catch (IOException e) {
          fail(e);
        }
      }
      flusher = new Thread(this::flushLoop, "metarl-tensorboard-flush");
      flusher.setDaemon(true);
      flusher.start();
      shutdownHook = new Thread(() -> flush(false), "metarl-tensorboard-shutdown");
      Runtime.getRuntime().addShutdownHook(shutdownHook);
      started = true;
    }
  }

  @Override
  public void onStart(RunInfo run) {
    info = run;
    byIndex = run.meta();
  }

  @Override
  public void onEvaluation(EvaluationRecord r) {
    long step = r.envSteps();
    if (!started) {
      start(step);
    }
    double wall = wallNow();
    String prefix = (r.baseline() ? "baseline/" : "eval/") + r.policy() + "/";
    synchronized (lock) {
      if (closed || broken) {
        return;
      }
      evaluated = true;
      Points p = active;
      p.add(prefix + "mean_return", step, r.meanReturn(), wall, true);
      p.add(prefix + "stderr", step, r.stderr(), wall, false);
      if (Double.isFinite(r.meanRegret())) {
        p.add(prefix + "mean_regret", step, r.meanRegret(), wall, false);
      }
    }
  }

  @Override
  public void onEpisode(EpisodeRecord e) {
    long step = e.envSteps();
    int k = e.episodeInTrial();
    if (!started) {
      start(step);
    }
    double wall = wallNow();
    synchronized (lock) {
      if (closed || broken) {
        return;
      }
      Points p = active;
      p.add("episode/return", step, e.totalReturn(), wall, true);
      p.add("episode/length", step, e.length(), wall, false);
      if (byIndex && k >= 0 && k < byIndexTags.length) {
        p.add(byIndexTags[k], step, e.totalReturn(), wall, false);
      }
      lastReturns[(int) (episodes++ % LAST)] = e.totalReturn();
      progress(step, p);
    }
  }

  @Override
  public void onUpdate(UpdateRecord u) {
    long step = u.envSteps();
    if (!started) {
      start(step);
    }
    double wall = wallNow();
    synchronized (lock) {
      if (closed || broken) {
        return;
      }
      Points p = active;
      boolean first = true;
      for (Map.Entry<String, Double> m : u.metrics().entrySet()) {
        Double v = m.getValue();
        if (v == null) {
          continue;
        }
        String tag = trainTags.get(m.getKey());
        if (tag == null) {
          tag = "train/" + m.getKey();
          trainTags.put(m.getKey(), tag);
        }
        p.add(tag, step, v, wall, first);
        first = false;
      }
      progress(step, p);
    }
  }

  /** Writes everything buffered now (normally the flushing thread and {@link #onEnd()} do). */
  public void flush() {
    if (started) {
      flush(false);
    }
  }

  /**
   * Stops the flushing thread, writes what is left and closes the files; later calls are ignored. A
   * listener that saw no point ends without touching the disk.
   */
  @Override
  public void onEnd() {
    boolean success;
    synchronized (startLock) {
      synchronized (lock) {
        if (closed) {
          return;
        }
        closed = true;
        success = evaluated;
        if (started && info != null && episodes > 0 && !broken) { // a run's, told by onStart: its final metric
          int k = (int) Math.min(episodes, LAST);
          double sum = 0;
          for (int i = 0; i < k; i++) {
            sum += lastReturns[i];
          }
          active.add(FINAL_TAG, maxEnvSteps, sum / k, wallNow(), true);
        }
        lock.notifyAll();
      }
    }
    if (!started) {
      return;
    }
    try {
      flusher.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    flush(true);
    synchronized (io) {
      if (success && sessionStarted && failure == null && !filesClosed) {
        try {
          double now = wallNow();
          events.writeSessionEndInfo(now, EventFileWriter.STATUS_SUCCESS, now);
        } catch (IOException e) {
          fail(e);
        }
      }
      filesClosed = true;
      try {
        if (events != null) {
          events.close();
        }
        if (jsonl != null) {
          jsonl.close();
        }
      } catch (IOException e) {
        fail(e);
      }
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs or has run; nothing to undo
    }
  }

  /** Same as {@link #onEnd()}. */
  @Override
  public void close() {
    onEnd();
  }

  private void progress(long step, Points p) {
    if (step > maxEnvSteps) {
      maxEnvSteps = step;
    }
    if (p.size >= WAKE_POINTS) {
      lock.notifyAll();
    }
  }

  private double wallNow() {
    return startWall + (System.nanoTime() - startNanos) * 1e-9;
  }

  private void flushLoop() {
    long next = System.nanoTime() + flushNanos;
    while (true) {
      synchronized (lock) {
        long wait;
        while (!closed && active.size < WAKE_POINTS && (wait = next - System.nanoTime()) > 0) {
          try {
            lock.wait(Math.max(1L, wait / 1_000_000L), 0);
          } catch (InterruptedException e) {
            return;
          }
        }
        if (closed) {
          return;
        }
      }
      flush(false);
      next = System.nanoTime() + flushNanos;
    }
  }

  private void flush(boolean end) {
    synchronized (io) {
      Points p;
      long steps;
      synchronized (lock) {
        p = active;
        active = spare != null ? spare : new Points();
        spare = null;
        steps = maxEnvSteps;
      }
      try {
        if (failure == null && !filesClosed) {
          write(p, steps, end);
        }
      } catch (IOException e) {
        fail(e);
      } finally {
        p.clear();
        synchronized (lock) {
          spare = p;
        }
      }
    }
  }

  private void write(Points p, long steps, boolean end) throws IOException {
    if (floats.length < p.size) {
      floats = new float[Math.max(p.size, 2 * floats.length)];
    }
    for (int i = 0; i < p.size; i++) {
      floats[i] = (float) p.values[i];
    }
    int start = 0;
    for (int i = 1; i <= p.size; i++) {
      if (i == p.size || p.starts[i]) {
        events.writeScalars(p.walls[start], p.steps[start], p.tags, floats, start, i);
        start = i;
      }
    }
    for (int i = 0; i < p.size; i++) {
      jsonl.point(p.tags[i], p.steps[i], p.values[i], p.walls[i]);
    }
    double now = wallNow();
    double dt = now - rateWall;
    if (steps > rateSteps && dt > 0 && (dt >= 1.0 || (end && !rateWritten))) {
      double rate = (steps - rateSteps) / dt;
      events.writeScalar(now, steps, RATE_TAG, (float) rate);
      jsonl.point(RATE_TAG, steps, rate, now);
      rateSteps = steps;
      rateWall = now;
      rateWritten = true;
    }
    events.flush();
    jsonl.flush();
  }

  private static void escape(StringBuilder sb, String s) {
    JsonLinesWriter.escape(sb, s);
  }

  /**
   * The hyperparameters of the hparams dashboard: {@link RunInfo#hyperparameters()} plus the agent and
   * environment plugins (when the map does not name them already).
   */
  static Map<String, Object> hparams(RunInfo run) {
    Map<String, Object> hp = new TreeMap<>(run.hyperparameters());
    hp.putIfAbsent("agent.plugin", run.agent());
    hp.putIfAbsent("environment.plugin", run.environment());
    return hp;
  }

  /**
   * The hparams session group: {@code <agent> on <environment>} and the first 12 hex digits of a
   * SHA-256 over the sorted hyperparameters, so runs that differ only in their seed (which is not a
   * hyperparameter) form one group and TensorBoard aggregates them.
   */
  static String sessionGroup(RunInfo run) {
    StringBuilder sb = new StringBuilder();
    json(sb, hparams(run));
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
      return run.agent() + " on " + run.environment() + " " + HexFormat.of().formatHex(h, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void fail(IOException e) {
    if (failure == null) {
      failure = e;
      broken = true;
      System.err.println("tensorboard: cannot write the logs in " + dir + " (" + e + "); logging stopped");
    }
  }

  private static void removeOldLogs(Path dir) throws IOException {
    try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, EVENTS_PREFIX + "*")) {
      for (Path f : old) {
        Files.deleteIfExists(f);
      }
    }
    Files.deleteIfExists(dir.resolve(JSONL));
    Files.deleteIfExists(dir.resolve(RUN_JSON));
  }

  /** {@code run.json}: the run's description as one JSON object. */
  static String runJson(RunInfo run) {
    StringBuilder sb = new StringBuilder("{\"agent\": ");
    json(sb, run.agent());
    sb.append(", \"environment\": ");
    json(sb, run.environment());
    sb.append(", \"meta\": ").append(run.meta()).append(", \"episodes_per_trial\": ").append(run.episodesPerTrial());
    sb.append(",\n \"hyperparameters\": ");
    json(sb, new java.util.TreeMap<>(run.hyperparameters()));
    sb.append(",\n \"provenance\": ");
    json(sb, new java.util.TreeMap<>(run.provenance()));
    return sb.append("}\n").toString();
  }

  private static void json(StringBuilder sb, Object v) {
    if (v instanceof Map<?, ?> m) {
      sb.append('{');
      String sep = "";
      for (Map.Entry<?, ?> e : m.entrySet()) {
        sb.append(sep);
        json(sb, String.valueOf(e.getKey()));
        sb.append(": ");
        json(sb, e.getValue());
        sep = ", ";
      }
      sb.append('}');
    } else if (v instanceof java.util.Collection<?> c) {
      sb.append('[');
      String sep = "";
      for (Object o : c) {
        sb.append(sep);
        json(sb, o);
        sep = ", ";
      }
      sb.append(']');
    } else if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
      sb.append(n);
    } else if (v instanceof Boolean b) {
      sb.append(b);
    } else if (v == null || v instanceof Number) {
      sb.append("null");
    } else {
      sb.append('"');
      escape(sb, v.toString());
      sb.append('"');
    }
  }

  /** A host name safe in a file name ({@code [A-Za-z0-9._-]}, others become {@code _}). */
  static String sanitize(String host) {
    String h = host == null || host.isBlank() ? "localhost" : host;
    return h.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /** Growable parallel arrays of points; {@code starts[i]} marks the first point of an event. */
  private static final class Points {
    String[] tags = new String[1024];
    long[] steps = new long[1024];
    double[] values = new double[1024];
    double[] walls = new double[1024];
    boolean[] starts = new boolean[1024];
    int size;

    void add(String tag, long step, double value, double wall, boolean start) {
      if (size == tags.length) {
        int n = 2 * size;
        tags = Arrays.copyOf(tags, n);
        steps = Arrays.copyOf(steps, n);
        values = Arrays.copyOf(values, n);
        walls = Arrays.copyOf(walls, n);
        starts = Arrays.copyOf(starts, n);
      }
      tags[size] = tag;
      steps[size] = step;
      values[size] = value;
      walls[size] = wall;
      starts[size] = start;
      size++;
    }

    void clear() {
      Arrays.fill(tags, 0, size, null);
      size = 0;
    }
  }
}
