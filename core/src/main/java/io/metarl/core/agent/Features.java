package io.metarl.core.agent;

import io.metarl.api.agent.PolicyInput;

/**
 * Builds a network's input from a {@link PolicyInput}: each lane's flat observation, widened to
 * double. (A wrapper that wants the network to see more, as RL² its meta inputs, passes an
 * augmented observation.)
 */
final class Features {
  private final int size;

  Features(int observationSize) {
    this.size = observationSize;
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
    for (int l = from; l < to; l++) {
      int o = (firstSample + l - from) * size;
      for (int i = 0; i < size; i++) {
        dst[o + i] = in.observations[l * size + i];
      }
    }
  }
}
