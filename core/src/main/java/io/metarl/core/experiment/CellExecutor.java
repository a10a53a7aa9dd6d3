package io.metarl.core.experiment;

import java.io.Serializable;
import java.util.concurrent.CompletableFuture;

/**
 * Runs independent units of work (the cells of an experiment) and hands back their results. The
 * local implementation is {@link ThreadPoolCellExecutor}; a cluster implementation ships each
 * {@link WorkUnit} (serializable: a cell carries its configuration as text and its output directory
 * as a path) to wherever it runs. Executors are created by name through {@link Engines} from an
 * {@code execution} block ({@link ExecutorProvider}).
 */
public interface CellExecutor extends AutoCloseable {

  /** A unit of work: serializable so that an executor may run it in another process. */
  @FunctionalInterface
  interface WorkUnit<R extends Serializable> extends Serializable {
    /** Does the work. */
    R call() throws Exception;

    /**
     * A short name for progress, failures and fault injection (a cell's id, e.g.
     * {@code 2Bemh-easy/a2c/seed-1}); by default the class's simple name.
     */
    default String name() {
      return getClass().getSimpleName();
    }
  }

  /**
   * Submits a unit; the future completes with its result, or exceptionally with what it threw.
   * Units submitted together may run in any order and at the same time.
   */
  <R extends Serializable> CompletableFuture<R> submit(WorkUnit<R> unit);

  /** Units this executor runs at the same time (used for the time estimate). */
  int parallelism();

  /** Stops accepting work and waits for the running units. */
  @Override
  void close();
}
