package io.metarl.core.agent;

import io.metarl.api.agent.PolicyInput;

/**
 * Builds a network's input from a {@link PolicyInput}: each lane's flat observation, widened to
 * double, and standardised by the {@link ObservationStatistics} snapshot when the agent normalises
 * observations. (A wrapper that wants the network to see more, as RL² its meta inputs, passes an
 * augmented observation.)
 */
final class Features {
  private final int size;
  private final ObservationStatistics statistics;
  private final ObservationStatistics.Snapshot frozen;

  /** Raw observations. */
  Features(int observationSize) {
    this(observationSize, null, null);
  }

  private Features(int size, ObservationStatistics statistics, ObservationStatistics.Snapshot frozen) {
    this.size = size;
    this.statistics = statistics;
    this.frozen = frozen;
  }

  /** Observations standardised by {@code statistics}' snapshot of the moment (a learner's features). */
  static Features live(int size, ObservationStatistics statistics) {
    return new Features(size, statistics, null);
  }

  /** These features frozen at the statistics' current snapshot (an inference policy's). */
  Features frozen() {
    return statistics == null ? this : new Features(size, null, statistics.snapshot());
  }

  int size() {
    return size;
  }

  /** Writes the features of every lane of {@code in} into {@code dst} from sample {@code firstSample}. */
  void fill(PolicyInput in, double[] dst, int firstSample) {
    fill(in, 0, in.lanes, dst, firstSample);
  }

  /** Writes the features of lanes {@code from..to-1} of {@code in} into {@code dst} from sample {@code firstSample}. */
  void fill(PolicyInput in, int from, int to, double[] dst, int firstSample) {
    ObservationStatistics.Snapshot norm = frozen != null ? frozen : statistics != null ? statistics.snapshot() : null;
    for (int l = from; l < to; l++) {
      int o = (firstSample + l - from) * size;
      if (norm == null) {
        for (int i = 0; i < size; i++) {
          dst[o + i] = in.observations[l * size + i];
        }
      } else {
        for (int i = 0; i < size; i++) {
          dst[o + i] = norm.apply(i, in.observations[l * size + i]);
        }
      }
    }
  }
}
