package io.metarl.envs.quadruped;

/**
 * Settings of the residual-on-gait action mode ({@code action-mode = residual}): the joint targets are
 * the default pose plus a {@link TrotGait}'s output plus the policy's offset, {@code scale} times the
 * action clipped to [-1, 1].
 *
 * <p>This is MetaGym's trajectory-generator formulation (PaddlePaddle MetaGym, master, commit ca724c2,
 * {@code metagym/quadrupedal/README.md}, "ETG mode": {@code J_final = ETG(t) + a(t) + J_default}; the
 * generator's clock features are appended to the observation by {@code ObservationWrapper} in
 * {@code envs/env_wrappers/MonitorEnv.py}) with the scripted trot as the trajectory generator instead
 * of an evolved one, and the action scaled from [-1, 1] as ETG-RL's policies are ({@code act_bound},
 * 0.3 by default, in PaddleRobotics' ETG-RL training scripts).
 *
 * @param scale the largest offset (radians) the policy may add to every joint's target, in (0, 1]
 * @param frequency the gait's stride frequency in Hz, in (0, 5]
 * @param thighAmplitude the gait's thigh swing amplitude (radians), in [0, 0.7]
 * @param kneeLift the gait's extra knee flexion at mid-swing (radians), in [0, 0.7]
 * @param steering the gait's relative stride change per radian of yaw, in [0, 10] (0: open loop)
 */
public record ResidualGait(double scale, double frequency, double thighAmplitude, double kneeLift, double steering) {

  /** ETG-RL's bound 0.3 on the default {@link TrotGait} (2.5 Hz, 0.3 rad, 0.6 rad, steering 3). */
  public static final ResidualGait DEFAULT = new ResidualGait(0.3, 2.5, 0.3, 0.6, 3.0);

  /** Validates the ranges documented on the components. */
  public ResidualGait {
    if (!(scale > 0 && scale <= 1) || !(frequency > 0 && frequency <= 5) || !(thighAmplitude >= 0 && thighAmplitude <= 0.7)
        || !(kneeLift >= 0 && kneeLift <= 0.7) || !(steering >= 0 && steering <= 10)) {
      throw new IllegalArgumentException("residual gait out of range: scale " + scale + ", frequency " + frequency
          + ", thigh amplitude " + thighAmplitude + ", knee lift " + kneeLift + ", steering " + steering);
    }
  }

  /** A fresh gait with these parameters. */
  public TrotGait newGait() {
    return new TrotGait(frequency, thighAmplitude, kneeLift, steering);
  }
}
