package io.metarl.core.agent;

import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Runs one task per shard, shard 0 in the calling thread and shards 1..K-1 on helper threads, and
 * returns when all are done: the fork-join of {@code learner-threads}. An update's halves take
 * milliseconds, but one environment step's forward pass over half the lanes takes only tens of
 * microseconds, which is about what waking a parked thread costs; so the helpers spin (with
 * {@link Thread#onSpinWait()}) for a while after each task before they park, and the caller spins
 * while it waits. Helpers are daemon threads, parked when idle, stopped by {@link #close()}.
 *
 * <p>Results never depend on timing: each shard writes only its own outputs, and callers combine them
 * in shard order.
 */
final class ShardRunner implements AutoCloseable {
  /**
   * Spins (about tens of microseconds) before a waiting thread parks: long enough to bridge the gap
   * between two steps' tasks, short enough not to starve the other threads of a small machine (the JIT,
   * the GC, other runs), where a spinning thread can hold the core its partner needs.
   */
  private static final int SPINS_BEFORE_PARK = 2_000;

  private final Helper[] helpers;

  /**
   * @param shards shards per call, at least 1 (1 runs everything in the caller, with no thread)
   * @param name thread name prefix
   */
  ShardRunner(int shards, String name) {
    helpers = new Helper[shards - 1];
    for (int k = 1; k < shards; k++) {
      helpers[k - 1] = new Helper(k, name + "-" + k);
      helpers[k - 1].start();
    }
  }

  /** Runs {@code task.accept(k)} for every shard k; rethrows the first failure (shard order). */
  void run(IntConsumer task) {
    for (Helper h : helpers) {
      h.post(task);
    }
    Throwable failure = null;
    try {
      task.accept(0);
    } catch (RuntimeException | Error e) {
      failure = e;
    }
    for (Helper h : helpers) {
      Throwable f = h.await();
      if (failure == null) {
        failure = f;
      }
    }
    if (failure instanceof RuntimeException re) {
      throw re;
    } else if (failure instanceof Error err) {
      throw err;
    } else if (failure != null) {
      throw new IllegalStateException(failure);
    }
  }

  @Override
  public void close() {
    for (Helper h : helpers) {
      h.closed = true;
      LockSupport.unpark(h);
    }
  }

  private static final class Helper extends Thread {
    private final int shard;
    private volatile IntConsumer task;
    private volatile long posted;
    private volatile long finished;
    private volatile Throwable failure;
    private volatile boolean parked;
    private volatile boolean closed;
    private volatile Thread waiter;

    Helper(int shard, String name) {
      super(name);
      this.shard = shard;
      setDaemon(true);
    }

    void post(IntConsumer t) {
      if (closed) {
        throw new IllegalStateException("the learner's threads were closed");
      }
      task = t;
      failure = null;
      posted = posted + 1;
      if (parked) {
        LockSupport.unpark(this);
      }
    }

    Throwable await() {
      long target = posted;
      int spins = 0;
      while (finished != target) {
        if (++spins < SPINS_BEFORE_PARK) {
          Thread.onSpinWait();
        } else {
          waiter = Thread.currentThread();
          if (finished != target) {
            LockSupport.parkNanos(this, 1_000_000L);
          }
          waiter = null;
        }
      }
      return failure;
    }

    @Override
    public void run() {
      long seen = 0;
      int idle = 0;
      while (!closed) {
        long p = posted;
        if (p != seen) {
          seen = p;
          try {
            task.accept(shard);
          } catch (Throwable e) {
            failure = e;
          }
          finished = p;
          Thread w = waiter;
          if (w != null) {
            LockSupport.unpark(w);
          }
          idle = 0;
        } else if (++idle < SPINS_BEFORE_PARK) {
          Thread.onSpinWait();
        } else {
          parked = true;
          if (posted == seen && !closed) {
            LockSupport.parkNanos(this, 10_000_000L);
          }
          parked = false;
        }
      }
    }
  }
}
