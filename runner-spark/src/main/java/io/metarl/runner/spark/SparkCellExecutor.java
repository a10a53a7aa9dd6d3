package io.metarl.runner.spark;

import io.metarl.core.experiment.CellExecutor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkContext$;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;

/**
 * A {@link CellExecutor} on Apache Spark: every unit becomes one Spark job of one task
 * ({@code parallelize([unitBytes], 1).map(run).collect()}), so Spark schedules it on a free core of the
 * cluster and retries it ({@code spark.task.maxFailures} attempts) when it throws or its executor is
 * lost. What travels is the unit Java-serialized to bytes on the driver (a unit holds strings, numbers
 * and byte arrays: a cell's configuration text and output path, an ES member's configuration text,
 * indices and parameters as bytes) and the result the same way back; both are read with the class
 * loader that sees the plugins, through an {@link java.io.ObjectInputFilter} that accepts only the
 * runner's own unit and result classes within bounds on depth and size ({@link UnitFilter}).
 *
 * <p>Retries are safe because units are idempotent: a cell writes into a temporary directory that the
 * next attempt deletes, and renames it only when complete; a finished cell is read back, never
 * overwritten; an ES member is a pure function of its inputs. Speculative execution is switched off
 * (two attempts of one cell must not run at once).
 *
 * <p>Units are submitted from {@code parallelism} driver threads, one blocking job each; Spark's FIFO
 * scheduler runs the tasks as cores free up.
 */
public final class SparkCellExecutor implements CellExecutor {
  private final SparkSettings settings;
  private final ClassLoader loader;
  private final JavaSparkContext sc;
  private final boolean owned;
  private final int parallelism;
  private final ExecutorService driver;
  private final UnitFilter filter;

  /**
   * Starts (or joins, under spark-submit) a Spark context.
   *
   * @param settings the engine's settings
   * @param loader the class loader that sees the plugins: the context's executors (in local mode) get
   *     it as their parent and units are read back with it
   */
  public SparkCellExecutor(SparkSettings settings, ClassLoader loader) {
    this(settings, loader, UnitFilter.RUNNER);
  }

  /** As {@link #SparkCellExecutor(SparkSettings, ClassLoader)}, deserialising through {@code filter}. */
  SparkCellExecutor(SparkSettings settings, ClassLoader loader, UnitFilter filter) {
    this.settings = settings;
    this.loader = loader;
    this.filter = filter;
    Thread me = Thread.currentThread();
    ClassLoader before = me.getContextClassLoader();
    me.setContextClassLoader(loader);
    try {
      SparkContext active = SparkContext$.MODULE$.getActive().getOrElse(() -> null);
      if (active != null) {
        this.sc = JavaSparkContext.fromSparkContext(active);
        this.owned = false;
      } else {
        SparkConf conf = new SparkConf()
            .setMaster(settings.master())
            .setAppName(settings.appName())
            .set("spark.task.maxFailures", String.valueOf(settings.maxFailures()))
            .set("spark.speculation", "false")
            .set("spark.ui.showConsoleProgress", "false")
            .set("spark.ui.enabled", "false");
        settings.conf().forEach(conf::set);
        if (!settings.localMaster()) {
          clusterDefaults(conf, settings.master(), loader);
        }
        this.sc = new JavaSparkContext(conf);
        this.owned = true;
      }
    } finally {
      me.setContextClassLoader(before);
    }
    this.parallelism = settings.parallelism() > 0 ? settings.parallelism() : Math.max(1, sc.defaultParallelism());
    AtomicInteger n = new AtomicInteger();
    this.driver = Executors.newFixedThreadPool(parallelism, r -> {
      Thread t = new Thread(r, "metarl-spark-submit-" + n.incrementAndGet());
      t.setDaemon(true);
      t.setContextClassLoader(loader);
      return t;
    });
  }

  /**
   * What executors on a cluster need from metarl, unless set in {@code conf}: the driver's class path
   * ({@link ExecutorClassPath}), {@code -Xss4m} (deep recursion in the networks' passes) and
   * {@code OMP_NUM_THREADS=1}; on a master at a loopback address, a driver bound to 127.0.0.1 too.
   * Spark itself adds the JDK's {@code --add-opens} to the executors' options.
   */
  static void clusterDefaults(SparkConf conf, String master, ClassLoader loader) {
    if (!conf.contains("spark.executor.extraClassPath")) {
      conf.set("spark.executor.extraClassPath", ExecutorClassPath.of(loader));
    }
    String opts = conf.get("spark.executor.extraJavaOptions", "");
    if (!opts.contains("-Xss")) {
      conf.set("spark.executor.extraJavaOptions", ("-Xss4m " + opts).trim());
    }
    if (!conf.contains("spark.executorEnv.OMP_NUM_THREADS")) {
      conf.set("spark.executorEnv.OMP_NUM_THREADS", "1");
    }
    if (master.matches("spark://(127\\.0\\.0\\.1|localhost)(:\\d+)?") && !conf.contains("spark.driver.host")) {
      conf.set("spark.driver.host", "127.0.0.1");
      if (!conf.contains("spark.driver.bindAddress")) {
        conf.set("spark.driver.bindAddress", "127.0.0.1");
      }
    }
  }

  /** The Spark context (for tests and benchmarks). */
  public JavaSparkContext context() {
    return sc;
  }

  @Override
  public <R extends Serializable> CompletableFuture<R> submit(WorkUnit<R> unit) {
    CompletableFuture<R> f = new CompletableFuture<>();
    String name = unit.name();
    byte[] bytes = serialize(unit);
    driver.execute(() -> {
      try {
        sc.setJobGroup("metarl-" + name, "metarl unit " + name, false);
        List<byte[]> out = sc.parallelize(List.of(bytes), 1)
            .map(new RunUnit(settings.failBefore(), settings.failAfter(), filter))
            .collect();
        @SuppressWarnings("unchecked")
        R r = (R) deserialize(out.get(0), loader, filter);
        f.complete(r);
      } catch (Throwable t) {
        f.completeExceptionally(UnitFailedException.of(name, settings.maxFailures(), t));
      }
    });
    return f;
  }

  @Override
  public int parallelism() {
    return parallelism;
  }

  @Override
  public void close() {
    driver.shutdown();
    try {
      while (!driver.awaitTermination(1, TimeUnit.MINUTES)) {
        // wait for the running units
      }
    } catch (InterruptedException e) {
      driver.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      if (owned) {
        sc.stop();
      }
    }
  }

  /** The task: reads the unit, runs it (with the configured fault injection) and returns its result as bytes. */
  static final class RunUnit implements Function<byte[], byte[]> {
    @Serial
    private static final long serialVersionUID = 1L;
    private final Map<String, Integer> failBefore;
    private final Map<String, Integer> failAfter;
    private final UnitFilter filter;

    RunUnit(Map<String, Integer> failBefore, Map<String, Integer> failAfter, UnitFilter filter) {
      this.failBefore = Map.copyOf(failBefore);
      this.failAfter = Map.copyOf(failAfter);
      this.filter = filter;
    }

    @Override
    public byte[] call(byte[] bytes) throws Exception {
      ClassLoader cl = Thread.currentThread().getContextClassLoader();
      WorkUnit<?> unit = (WorkUnit<?>) deserialize(bytes, cl == null ? RunUnit.class.getClassLoader() : cl, filter);
      TaskContext tc = TaskContext.get();
      int attempt = tc == null ? 0 : tc.attemptNumber();
      String name = unit.name();
      if (attempt < failBefore.getOrDefault(name, 0)) {
        throw new InjectedFailure("execution.testing.fail-before: attempt " + (attempt + 1) + " of " + name + " fails before it runs");
      }
      Serializable result = unit.call();
      if (attempt < failAfter.getOrDefault(name, 0)) {
        throw new InjectedFailure("execution.testing.fail-after: attempt " + (attempt + 1) + " of " + name + " fails after it ran");
      }
      return serialize(result);
    }
  }

  /** A failure injected by {@code execution.testing} (never thrown otherwise). */
  static final class InjectedFailure extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    InjectedFailure(String message) {
      super(message);
    }
  }

  static byte[] serialize(Object o) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(b)) {
      out.writeObject(o);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialize " + o.getClass().getName() + " (a unit must hold only strings, numbers and byte arrays)", e);
    }
    return b.toByteArray();
  }

  /**
   * Reads a unit or a result with {@code loader}, accepting only what {@code filter} allows.
   *
   * @throws InvalidClassException naming what the filter refused
   */
  static Object deserialize(byte[] bytes, ClassLoader loader, UnitFilter filter) throws IOException, ClassNotFoundException {
    UnitFilter.Check check = filter.check();
    try (ObjectInputStream in = new LoaderObjectInputStream(new ByteArrayInputStream(bytes), loader)) {
      in.setObjectInputFilter(check);
      return in.readObject();
    } catch (InvalidClassException e) {
      if (check.refused() != null) {
        InvalidClassException refused = new InvalidClassException("the spark runner does not deserialise " + check.refused());
        refused.initCause(e);
        throw refused;
      }
      throw e;
    }
  }

  /** Resolves classes with a given loader (the plugins' loader), not the caller's. */
  private static final class LoaderObjectInputStream extends ObjectInputStream {
    private final ClassLoader loader;

    LoaderObjectInputStream(InputStream in, ClassLoader loader) throws IOException {
      super(in);
      this.loader = loader;
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
      try {
        return Class.forName(desc.getName(), false, loader);
      } catch (ClassNotFoundException e) {
        return super.resolveClass(desc);
      }
    }
  }
}
