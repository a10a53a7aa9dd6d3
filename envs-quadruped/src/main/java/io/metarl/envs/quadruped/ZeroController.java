package io.metarl.envs.quadruped;

import io.metarl.api.env.Controller;

/**
 * Zero actions for every motor: the default pose in the direct action mode, the gait alone (zero
 * offsets) in the residual mode, whose figures this controller measures.
 */
final class ZeroController implements Controller {
  @Override
  public float[] actContinuous(float[] observation) {
    return new float[A1.NUM_MOTORS];
  }
}
