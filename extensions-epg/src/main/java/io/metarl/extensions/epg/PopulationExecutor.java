package io.metarl.extensions.epg;

import java.util.function.IntToDoubleFunction;

/**
 * Evaluates the members of an ES population, possibly in parallel. A member is identified by its index
 * alone: whoever evaluates it regenerates its noise from the seed the index implies, so nothing but
 * indices and fitness values cross the executor (the contract that lets a distributed executor, e.g.
 * on Spark, ship no arrays). Results are returned by index, so the order of completion never changes
 * the outcome.
 */
public interface PopulationExecutor extends AutoCloseable {

  /**
   * Evaluates members {@code 0 .. members-1}.
   *
   * @return {@code fitness[i] = member.applyAsDouble(i)}
   * @throws RuntimeException the first failure of a member, after the others finished or were cancelled
   */
  double[] evaluate(int members, IntToDoubleFunction member);

  /** How many members run at once. */
  int parallelism();

  @Override
  default void close() {}

  /** Evaluates members one after the other on the calling thread. */
  static PopulationExecutor sequential() {
    return new PopulationExecutor() {
      @Override
      public double[] evaluate(int members, IntToDoubleFunction member) {
        double[] out = new double[members];
        for (int i = 0; i < members; i++) {
          out[i] = member.applyAsDouble(i);
        }
        return out;
      }

      @Override
      public int parallelism() {
        return 1;
      }
    };
  }

  /** A pool of {@code threads} daemon threads (1 gives {@link #sequential()}). */
  static PopulationExecutor threads(int threads) {
    return threads <= 1 ? sequential() : new ThreadPoolPopulationExecutor(threads);
  }
}
