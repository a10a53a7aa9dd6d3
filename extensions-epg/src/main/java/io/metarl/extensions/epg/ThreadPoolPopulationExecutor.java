package io.metarl.extensions.epg;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntToDoubleFunction;

/** A {@link PopulationExecutor} over a fixed pool of daemon threads. */
public final class ThreadPoolPopulationExecutor implements PopulationExecutor {
  private final ExecutorService pool;
  private final int threads;

  /** @param threads pool size, at least 1 */
  public ThreadPoolPopulationExecutor(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.threads = threads;
    AtomicInteger id = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "epg-member-" + id.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public double[] evaluate(int members, IntToDoubleFunction member) {
    List<Future<Double>> futures = new ArrayList<>(members);
    for (int i = 0; i < members; i++) {
      int index = i;
      futures.add(pool.submit(() -> member.applyAsDouble(index)));
    }
    double[] out = new double[members];
    RuntimeException failure = null;
    for (int i = 0; i < members; i++) {
      try {
        out[i] = futures.get(i).get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        futures.forEach(f -> f.cancel(true));
        throw new IllegalStateException("interrupted while evaluating the population", e);
      } catch (ExecutionException e) {
        if (failure == null) {
          Throwable c = e.getCause();
          failure = c instanceof RuntimeException re ? re
              : new IllegalStateException("population member " + i + " failed: " + c, c);
          futures.forEach(f -> f.cancel(true));
        }
      } catch (java.util.concurrent.CancellationException e) {
        // cancelled after an earlier failure
      }
    }
    if (failure != null) {
      throw failure;
    }
    return out;
  }

  @Override
  public int parallelism() {
    return threads;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
