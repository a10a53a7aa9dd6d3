package io.metarl.envs.quadruped;

/**
 * The Unitree A1's geometry, masses and motor constants.
 *
 * <p>Sources: {@code a1/a1.urdf} from pybullet_data (bulletphysics/bullet3,
 * {@code examples/pybullet/gym/pybullet_data/a1/a1.urdf}) for links, inertials, collision shapes and
 * joint limits; PaddlePaddle MetaGym {@code metagym/quadrupedal/robots/a1.py} and
 * {@code laikago_motor.py} (master, commit ca724c2) for the default pose {@code [0, 0.9, -1.8] x 4},
 * the PD gains ({@code kp = 80}, {@code kd = 1 / 2 / 2}), the 33.5 Nm motor torque clip and the initial
 * base height 0.28 m. Legs are ordered FR, FL, RR, RL and joints hip (abduction, about x), thigh
 * ("upper", about y) and calf ("lower", knee, about y), as in MetaGym's {@code MOTOR_NAMES}.
 */
public final class A1 {
  private A1() {}

  /** Number of motors. */
  public static final int NUM_MOTORS = 12;
  /** Number of legs. */
  public static final int NUM_LEGS = 4;
  /** Leg names in motor order. */
  public static final String[] LEG_NAMES = {"FR", "FL", "RR", "RL"};

  /** Default (standing) joint angles per leg: hip, thigh, calf. */
  public static final double[] DEFAULT_POSE = {0.0, 0.9, -1.8};
  /** Joint lower limits per leg (URDF). */
  public static final double[] LOWER = {-0.802851455917, -1.0471975512, -2.69653369433};
  /** Joint upper limits per leg (URDF). */
  public static final double[] UPPER = {0.802851455917, 4.18879020479, -0.916297857297};
  /**
   * Torque limits per leg in Nm: the URDF efforts (20, 55, 55) capped by MetaGym's motor model clip
   * (33.5).
   */
  public static final double[] TORQUE_LIMIT = {20.0, 33.5, 33.5};
  /** Proportional gains per leg (MetaGym a1.py). */
  public static final double[] KP = {80.0, 80.0, 80.0};
  /** Derivative gains per leg (MetaGym a1.py). */
  public static final double[] KD = {1.0, 2.0, 2.0};

  /** Initial height of the trunk above the terrain under it (MetaGym {@code default_pose} z). */
  public static final double INIT_HEIGHT = 0.28;

  // ---- Trunk (URDF link "trunk").
  static final double TRUNK_MASS = 4.713;
  static final double[] TRUNK_COM = {0.012731, 0.002186, 0.000515};
  /** ixx, iyy, izz, ixy, ixz, iyz. */
  static final double[] TRUNK_I = {0.01683993, 0.056579028, 0.064713601, 8.3902e-05, 0.000597679, 2.5134e-05};
  /** Collision box, full extents. */
  static final double[] TRUNK_BOX = {0.267, 0.194, 0.114};

  // ---- Hip (abduction link), values of FR; mirrored for the others.
  static final double HIP_X = 0.183;
  static final double HIP_Y = 0.047;
  static final double HIP_MASS = 0.696;
  static final double[] HIP_COM = {-0.003311, -0.000635, 3.1e-05};
  static final double[] HIP_I = {0.000469246, 0.00080749, 0.000552929, 9.409e-06, -3.42e-07, 4.66e-07};
  static final double HIP_CYL_RADIUS = 0.046;
  static final double HIP_CYL_LENGTH = 0.04;
  static final double SHOULDER_Y = 0.081;
  static final double SHOULDER_CYL_RADIUS = 0.041;
  static final double SHOULDER_CYL_LENGTH = 0.032;

  // ---- Thigh ("upper"), values of FR; mirrored in y for left legs.
  static final double THIGH_Y = 0.08505;
  static final double THIGH_MASS = 1.013;
  static final double[] THIGH_COM = {-0.003237, 0.022327, -0.027326};
  static final double[] THIGH_I = {0.005529065, 0.005139339, 0.001367788, -4.825e-06, 0.000343869, -2.2448e-05};
  /** Collision box (x, y, z extents in the link frame), centred at z = -0.1. */
  static final double[] THIGH_BOX = {0.034, 0.0245, 0.2};
  static final double THIGH_LENGTH = 0.2;

  // ---- Calf ("lower") and toe (fixed to the calf; merged into one rigid body here).
  static final double CALF_MASS = 0.166;
  static final double[] CALF_COM = {0.006435, 0.0, -0.107388};
  static final double[] CALF_I = {0.002997972, 0.003014022, 3.2426e-05, 0.0, -0.000141163, 0.0};
  static final double[] CALF_BOX = {0.016, 0.016, 0.2};
  static final double CALF_LENGTH = 0.2;
  static final double TOE_MASS = 0.06;
  static final double TOE_I = 9.6e-06;
  static final double TOE_RADIUS = 0.02;

  /** +1 for front legs, -1 for rear legs. */
  static double frontSign(int leg) {
    return leg < 2 ? 1 : -1;
  }

  /** +1 for left legs (+y), -1 for right legs. */
  static double leftSign(int leg) {
    return leg % 2 == 1 ? 1 : -1;
  }

  /** Default joint angles for all 12 motors. */
  public static double[] defaultPose() {
    double[] q = new double[NUM_MOTORS];
    for (int i = 0; i < NUM_MOTORS; i++) {
      q[i] = DEFAULT_POSE[i % 3];
    }
    return q;
  }
}
