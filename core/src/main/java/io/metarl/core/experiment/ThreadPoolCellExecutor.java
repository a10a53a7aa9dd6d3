package io.metarl.core.experiment;

import java.io.Serializable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs cells on a fixed pool of {@code parallelism} threads in this process (default 1). */
public final class ThreadPoolCellExecutor implements CellExecutor {
  private final int parallelism;
  private final ExecutorService pool;

  /** A pool of one thread: cells run one after the other. */
  public ThreadPoolCellExecutor() {
    this(1);
  }

  /** A pool of {@code parallelism} threads. */
  public ThreadPoolCellExecutor(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
    }
    this.parallelism = parallelism;
    AtomicInteger n = new AtomicInteger();
    ThreadFactory threads = r -> {
      Thread t = new Thread(r, "metarl-cell-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    this.pool = Executors.newFixedThreadPool(parallelism, threads);
  }

  @Override
  public <R extends Serializable> CompletableFuture<R> submit(WorkUnit<R> unit) {
    CompletableFuture<R> f = new CompletableFuture<>();
    pool.execute(() -> {
      try {
        f.complete(unit.call());
      } catch (Throwable t) {
        f.completeExceptionally(t);
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
    pool.shutdown();
    try {
      while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
        // keep waiting for running cells
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
