package io.metarl.envs.quadruped;

/** Minimal 3x3 rotation algebra on row-major {@code double[9]} arrays (no allocation in hot paths). */
final class Rot {
  private Rot() {}

  static double[] identity() {
    return new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1};
  }

  /** Rotation about x by {@code a}. */
  static double[] rx(double a) {
    double c = Math.cos(a);
    double s = Math.sin(a);
    return new double[] {1, 0, 0, 0, c, -s, 0, s, c};
  }

  /** Rotation about y by {@code a}. */
  static double[] ry(double a) {
    double c = Math.cos(a);
    double s = Math.sin(a);
    return new double[] {c, 0, s, 0, 1, 0, -s, 0, c};
  }

  /** Rotation about z by {@code a}. */
  static double[] rz(double a) {
    double c = Math.cos(a);
    double s = Math.sin(a);
    return new double[] {c, -s, 0, s, c, 0, 0, 0, 1};
  }

  /** {@code a * b}. */
  static double[] mul(double[] a, double[] b) {
    double[] r = new double[9];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        r[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
      }
    }
    return r;
  }

  /** {@code r * v}. */
  static double[] apply(double[] r, double x, double y, double z) {
    return new double[] {
      r[0] * x + r[1] * y + r[2] * z, r[3] * x + r[4] * y + r[5] * z, r[6] * x + r[7] * y + r[8] * z
    };
  }

  /** {@code p + r * v}. */
  static double[] transform(double[] r, double[] p, double x, double y, double z) {
    double[] v = apply(r, x, y, z);
    v[0] += p[0];
    v[1] += p[1];
    v[2] += p[2];
    return v;
  }

  /**
   * Roll, pitch, yaw of {@code R = Rz(yaw) Ry(pitch) Rx(roll)} (Bullet's
   * {@code getEulerFromQuaternion} convention).
   */
  static void rollPitchYaw(double[] r, double[] out) {
    out[0] = Math.atan2(r[7], r[8]);
    out[1] = Math.asin(Math.max(-1, Math.min(1, -r[6])));
    out[2] = Math.atan2(r[3], r[0]);
  }
}
