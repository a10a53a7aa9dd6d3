package io.metarl.envs.quadruped;

import io.metarl.api.env.Controller;

/**
 * A scripted open-loop trot for {@link QuadrupedEnvironment}: diagonal leg pairs (FR+RL, FL+RR) in
 * anti-phase, each thigh swinging sinusoidally about the default pose while the knee flexes during the
 * swing half of the cycle to lift the foot. It ignores the observation, keeps its own clock (one control
 * step of {@link QuadrupedEnvironment#CONTROL_DT} per call) and shows that the physics walks without
 * any training. The only feedback is a heading keeper: the yaw in the observation (index 5) lengthens
 * the strides on one side ({@code steering} per radian) so that the diagonal gait's yaw drift does not
 * end the episode through MetaGym's |yaw| > 0.6 termination; {@code steering = 0} makes it purely
 * open-loop. In the spirit of the sine-based open-loop generators of MetaGym's
 * {@code metagym/quadrupedal/envs/OpenLoopSM/SpotOL.py} and its ETG, not a port of either.
 */
public final class TrotGait implements Controller {
  private final double frequency;
  private final double thighAmplitude;
  private final double kneeLift;
  private final double steering;
  private long step;

  /** The default gait: 2.5 Hz, 0.3 rad thigh swing, 0.6 rad knee lift, steering 3 per radian. */
  public TrotGait() {
    this(2.5, 0.3, 0.6, 3.0);
  }

  /**
   * @param frequency stride frequency in Hz
   * @param thighAmplitude thigh swing amplitude (radians, at most 0.7)
   * @param kneeLift extra knee flexion at mid-swing (radians, at most 0.7)
   * @param steering relative stride change per radian of yaw (0: open loop)
   */
  public TrotGait(double frequency, double thighAmplitude, double kneeLift, double steering) {
    if (!(frequency > 0) || !(thighAmplitude >= 0 && thighAmplitude <= 0.7) || !(kneeLift >= 0 && kneeLift <= 0.7)) {
      throw new IllegalArgumentException("frequency > 0, amplitudes in [0, 0.7] required");
    }
    this.frequency = frequency;
    this.thighAmplitude = thighAmplitude;
    this.kneeLift = kneeLift;
    this.steering = steering;
  }

  @Override
  public void reset(long seed) {
    step = 0;
  }

  @Override
  public float[] actContinuous(float[] observation) {
    return offsets(observation.length > 5 ? observation[5] : 0);
  }

  /**
   * The phase (radians, {@code 2 pi f t}) of the front-right / rear-left pair at the next call of
   * {@link #offsets}; the other pair is half a cycle ({@code pi}) later.
   */
  public double phase() {
    return 2 * Math.PI * frequency * (step * QuadrupedEnvironment.CONTROL_DT);
  }

  /**
   * The next control step's offsets to the default pose (what {@link #actContinuous} returns), given the
   * trunk's yaw for the heading keeper; advances the gait's clock by one control step.
   */
  public float[] offsets(double yaw) {
    double t = step++ * QuadrupedEnvironment.CONTROL_DT;
    float[] a = new float[A1.NUM_MOTORS];
    double turn = Math.max(-0.5, Math.min(0.5, steering * yaw));
    for (int leg = 0; leg < A1.NUM_LEGS; leg++) {
      // FR (0) and RL (3) share a phase; FL (1) and RR (2) are half a cycle later.
      double phase = 2 * Math.PI * frequency * t + ((leg == 0 || leg == 3) ? 0 : Math.PI);
      // Thigh angle up -> foot backwards: the stance half pushes (sin rising), the swing half returns.
      // Nose turned left (yaw > 0): longer strides on the left side turn it back.
      double side = 1 + A1.leftSign(leg) * turn;
      a[3 * leg + 1] = (float) Math.max(-0.7, Math.min(0.7, side * thighAmplitude * Math.sin(phase)));
      double swing = Math.max(0, -Math.cos(phase));
      a[3 * leg + 2] = (float) (-kneeLift * swing);
    }
    return a;
  }
}
