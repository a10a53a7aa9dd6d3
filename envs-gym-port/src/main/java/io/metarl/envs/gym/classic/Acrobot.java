package io.metarl.envs.gym.classic;

import io.metarl.api.env.Box;
import io.metarl.api.env.Discrete;
import io.metarl.api.env.Space;
import io.metarl.api.env.Step;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.util.SplittableRandom;

/**
 * The acrobot swing-up, a port of Gymnasium 1.4.0 {@code gymnasium/envs/classic_control/acrobot.py}
 * ({@code AcrobotEnv}, commit {@code 3f0476a8}; originally RLPy's), registered as {@code Acrobot-v1}
 * with time limit 500.
 *
 * <p>State {@code (theta1, theta2, dtheta1, dtheta2)} in {@code double}; one step integrates the
 * equations of motion over {@code dt = 0.2} with a single classical Runge-Kutta (rk4) step, using the
 * "book" dynamics by default (Sutton and Barto; {@code book_or_nips = "book"}), then wraps both angles
 * into {@code [-pi, pi]} and bounds the velocities to {@code 4 pi} and {@code 9 pi}. Actions 0, 1, 2 apply
 * torque -1, 0, +1 to the joint between the links (Gymnasium's {@code torque_noise_max} is 0 and not
 * ported). Reward -1 per step, 0 on the terminating step; termination when the tip is higher than one
 * link length above the pivot ({@code -cos(theta1) - cos(theta1 + theta2) > 1}). The observation is
 * {@code (cos theta1, sin theta1, cos theta2, sin theta2, dtheta1, dtheta2)} as {@code float32}. Reset
 * draws each component from {@code [-0.1, 0.1)} and rounds it to {@code float32} as Gymnasium does.
 *
 * <p>Link lengths and masses are parameters (Gymnasium's class constants {@code LINK_LENGTH_*},
 * {@code LINK_MASS_*}); the centre-of-mass positions (0.5) and the moments of inertia (1.0) stay
 * Gymnasium's constants whatever the lengths, as in Gymnasium when those constants are overridden.
 */
public final class Acrobot extends ClassicEnvironment {
  /**
   * Parameters of {@link Acrobot}.
   *
   * @param linkLength1 length of link 1 [m]
   * @param linkLength2 length of link 2 [m] (only used for drawing, as in Gymnasium)
   * @param linkMass1 mass of link 1 [kg]
   * @param linkMass2 mass of link 2 [kg]
   * @param bookDynamics true for the "book" equations (Gymnasium's default), false for "nips"
   */
  public record Parameters(
      double linkLength1, double linkLength2, double linkMass1, double linkMass2, boolean bookDynamics) {
    /** Gymnasium's defaults. */
    public static final Parameters DEFAULT = new Parameters(1.0, 1.0, 1.0, 1.0, true);
  }

  /** Time limit of {@code Acrobot-v1}. */
  public static final int MAX_EPISODE_STEPS = 500;

  private static final double DT = 0.2;
  private static final double LINK_COM_POS_1 = 0.5;
  private static final double LINK_COM_POS_2 = 0.5;
  private static final double LINK_MOI = 1.0;
  private static final double MAX_VEL_1 = 4 * Math.PI;
  private static final double MAX_VEL_2 = 9 * Math.PI;
  private static final double G = 9.8;
  private static final double[] AVAIL_TORQUE = {-1.0, 0.0, +1.0};

  private static final Discrete ACTIONS = new Discrete(3);
  private static final Box OBSERVATIONS =
      Box.of(
          new float[] {-1, -1, -1, -1, (float) -MAX_VEL_1, (float) -MAX_VEL_2},
          new float[] {1, 1, 1, 1, (float) MAX_VEL_1, (float) MAX_VEL_2});

  private final Parameters parameters;
  private final double m1;
  private final double m2;
  private final double l1;
  private final boolean book;

  private double theta1;
  private double theta2;
  private double dtheta1;
  private double dtheta2;
  // rk4 scratch: derivatives of (theta1, theta2, dtheta1, dtheta2)
  private final double[] k1 = new double[4];
  private final double[] k2 = new double[4];
  private final double[] k3 = new double[4];
  private final double[] k4 = new double[4];

  /** {@code Acrobot-v1} with Gymnasium's defaults. */
  public Acrobot() {
    this(Parameters.DEFAULT);
  }

  /** {@code Acrobot-v1} with the given parameters. */
  public Acrobot(Parameters p) {
    super("Acrobot-v1", MAX_EPISODE_STEPS);
    this.parameters = p;
    this.m1 = p.linkMass1();
    this.m2 = p.linkMass2();
    this.l1 = p.linkLength1();
    this.book = p.bookDynamics();
  }

  /** The parameters. */
  public Parameters parameters() {
    return parameters;
  }

  @Override
  public Space observationSpace() {
    return OBSERVATIONS;
  }

  @Override
  public Space actionSpace() {
    return ACTIONS;
  }

  @Override
  protected float[] resetFrom(SplittableRandom rng) {
    theta1 = (float) uniform(rng, -0.1, 0.1);
    theta2 = (float) uniform(rng, -0.1, 0.1);
    dtheta1 = (float) uniform(rng, -0.1, 0.1);
    dtheta2 = (float) uniform(rng, -0.1, 0.1);
    return observation();
  }

  @Override
  protected float[] setState(double[] s) {
    checkLength(s, 4);
    theta1 = s[0];
    theta2 = s[1];
    dtheta1 = s[2];
    dtheta2 = s[3];
    return observation();
  }

  @Override
  public double[] state() {
    return new double[] {theta1, theta2, dtheta1, dtheta2};
  }

  private float[] observation() {
    return new float[] {
      (float) Math.cos(theta1),
      (float) Math.sin(theta1),
      (float) Math.cos(theta2),
      (float) Math.sin(theta2),
      (float) dtheta1,
      (float) dtheta2
    };
  }

  @Override
  public Step step(int action) {
    if (action < 0 || action > 2) {
      throw new IllegalArgumentException(id() + " action must be 0, 1 or 2, got " + action);
    }
    double torque = AVAIL_TORQUE[action];
    // rk4 over t = [0, dt], as gymnasium's acrobot.rk4 (the torque component has derivative 0)
    final double dt = DT - 0.0;
    final double dt2 = dt / 2.0;
    double y0 = theta1;
    double y1 = theta2;
    double y2 = dtheta1;
    double y3 = dtheta2;
    dsdt(y0, y1, y2, y3, torque, k1);
    dsdt(y0 + dt2 * k1[0], y1 + dt2 * k1[1], y2 + dt2 * k1[2], y3 + dt2 * k1[3], torque, k2);
    dsdt(y0 + dt2 * k2[0], y1 + dt2 * k2[1], y2 + dt2 * k2[2], y3 + dt2 * k2[3], torque, k3);
    dsdt(y0 + dt * k3[0], y1 + dt * k3[1], y2 + dt * k3[2], y3 + dt * k3[3], torque, k4);
    double c = dt / 6.0;
    double n0 = y0 + c * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]);
    double n1 = y1 + c * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1]);
    double n2 = y2 + c * (k1[2] + 2 * k2[2] + 2 * k3[2] + k4[2]);
    double n3 = y3 + c * (k1[3] + 2 * k2[3] + 2 * k3[3] + k4[3]);
    theta1 = wrap(n0, -Math.PI, Math.PI);
    theta2 = wrap(n1, -Math.PI, Math.PI);
    dtheta1 = bound(n2, -MAX_VEL_1, MAX_VEL_1);
    dtheta2 = bound(n3, -MAX_VEL_2, MAX_VEL_2);
    boolean terminated = -Math.cos(theta1) - Math.cos(theta2 + theta1) > 1.0;
    double reward = terminated ? 0.0 : -1.0;
    boolean truncated = countStep();
    return new Step(observation(), reward, terminated, truncated);
  }

  /** Gymnasium's {@code _dsdt}: writes {@code (dtheta1, dtheta2, ddtheta1, ddtheta2)} into {@code out}. */
  private void dsdt(double th1, double th2, double dth1, double dth2, double a, double[] out) {
    final double lc1 = LINK_COM_POS_1;
    final double lc2 = LINK_COM_POS_2;
    final double i1 = LINK_MOI;
    final double i2 = LINK_MOI;
    double cos2 = Math.cos(th2);
    double sin2 = Math.sin(th2);
    double d1 = m1 * (lc1 * lc1) + m2 * ((l1 * l1) + (lc2 * lc2) + 2 * l1 * lc2 * cos2) + i1 + i2;
    double d2 = m2 * ((lc2 * lc2) + l1 * lc2 * cos2) + i2;
    double phi2 = m2 * lc2 * G * Math.cos(th1 + th2 - Math.PI / 2.0);
    double phi1 =
        -m2 * l1 * lc2 * (dth2 * dth2) * sin2
            - 2 * m2 * l1 * lc2 * dth2 * dth1 * sin2
            + (m1 * lc1 + m2 * l1) * G * Math.cos(th1 - Math.PI / 2)
            + phi2;
    double ddtheta2;
    if (book) {
      ddtheta2 =
          (a + d2 / d1 * phi1 - m2 * l1 * lc2 * (dth1 * dth1) * sin2 - phi2)
              / (m2 * (lc2 * lc2) + i2 - (d2 * d2) / d1);
    } else {
      ddtheta2 = (a + d2 / d1 * phi1 - phi2) / (m2 * (lc2 * lc2) + i2 - (d2 * d2) / d1);
    }
    double ddtheta1 = -(d2 * ddtheta2 + phi1) / d1;
    out[0] = dth1;
    out[1] = dth2;
    out[2] = ddtheta1;
    out[3] = ddtheta2;
  }

  /** Gymnasium's {@code wrap}: shifts {@code x} by multiples of {@code max - min} into {@code [min, max]}. */
  static double wrap(double x, double min, double max) {
    double diff = max - min;
    while (x > max) {
      x = x - diff;
    }
    while (x < min) {
      x = x + diff;
    }
    return x;
  }

  private static double bound(double x, double min, double max) {
    return Math.min(Math.max(x, min), max);
  }

  @Override
  public void render(Graphics2D g, int width, int height) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    double l2 = parameters.linkLength2();
    double extent = l1 + l2 + 0.2;
    double scale = Math.min(width, height) / (extent * 2);
    double ox = width / 2.0;
    double oy = height / 2.0;
    // y up in the physics frame: pivot at the origin, theta1 = 0 hangs down
    double p1x = l1 * Math.sin(theta1);
    double p1y = -l1 * Math.cos(theta1);
    double p2x = p1x + l2 * Math.sin(theta1 + theta2);
    double p2y = p1y - l2 * Math.cos(theta1 + theta2);
    g.setColor(Color.BLACK);
    g.setStroke(new BasicStroke(1f));
    double goalY = oy - 1.0 * scale;
    g.draw(new Line2D.Double(ox - extent * scale, goalY, ox + extent * scale, goalY));
    g.setStroke(new BasicStroke((float) (0.2 * scale), BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
    g.setColor(new Color(0, 204, 204));
    g.draw(new Line2D.Double(ox, oy, ox + p1x * scale, oy - p1y * scale));
    g.draw(new Line2D.Double(ox + p1x * scale, oy - p1y * scale, ox + p2x * scale, oy - p2y * scale));
    g.setColor(new Color(204, 204, 0));
    double r = 0.1 * scale;
    g.fill(new Ellipse2D.Double(ox - r, oy - r, 2 * r, 2 * r));
    g.fill(new Ellipse2D.Double(ox + p1x * scale - r, oy - p1y * scale - r, 2 * r, 2 * r));
  }
}
