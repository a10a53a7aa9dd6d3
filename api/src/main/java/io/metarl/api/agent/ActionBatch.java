package io.metarl.api.agent;

import io.metarl.api.env.Box;
import io.metarl.api.env.Discrete;
import io.metarl.api.env.Space;

/**
 * One action per lane: {@link #discrete} for a {@link Discrete} action space, {@link #continuous}
 * ({@code lanes x width}, lane-major) for a {@link Box} one. The unused array has length 0.
 */
public final class ActionBatch {
  /** Number of lanes. */
  public final int lanes;
  /** Components per continuous action (1 for discrete actions). */
  public final int width;
  /** Discrete actions, one per lane (empty for a Box action space). */
  public final int[] discrete;
  /** Continuous actions, {@code lanes * width} (empty for a Discrete action space). */
  public final float[] continuous;

  /** A zeroed batch for {@code lanes} lanes of the given action space. */
  public ActionBatch(Space actionSpace, int lanes) {
    this.lanes = lanes;
    if (actionSpace instanceof Discrete) {
      this.width = 1;
      this.discrete = new int[lanes];
      this.continuous = new float[0];
    } else {
      this.width = actionSpace.flatSize();
      this.discrete = new int[0];
      this.continuous = new float[lanes * width];
    }
  }

  /** True for a discrete action space. */
  public boolean isDiscrete() {
    return discrete.length == lanes && continuous.length == 0;
  }
}
