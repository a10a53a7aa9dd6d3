package io.metarl.envs.gym.classic;

import io.metarl.api.env.Box;
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
 * The inverted pendulum swing-up, a port of Gymnasium 1.4.0
 * {@code gymnasium/envs/classic_control/pendulum.py} ({@code PendulumEnv}, commit {@code 3f0476a8}),
 * registered as {@code Pendulum-v1} with time limit 200.
 *
 * <p>State {@code (theta, theta_dot)} in {@code double}, {@code theta = 0} upright. Torque {@code u} in
 * {@code [-2, 2]} (clipped); semi-implicit Euler with {@code dt = 0.05}: {@code theta_dot += (3 g / (2 l)
 * sin theta + 3 / (m l^2) u) dt} clipped to {@code +-8}, then {@code theta += theta_dot dt} (theta is not
 * wrapped in the state). Reward {@code -(normalize(theta)^2 + 0.1 theta_dot^2 + 0.001 u^2)} on the state
 * before the step; never terminates. Observation {@code (cos theta, sin theta, theta_dot)} as {@code
 * float32}. Reset: theta uniform in {@code [-pi, pi)}, theta_dot in {@code [-1, 1)}.
 *
 * <p>Precision: as Gymnasium under numpy 2 with its {@code float32} action space, the torque terms
 * ({@code u^2}, {@code 0.001 u^2}, {@code 3 / (m l^2) u}) are computed in {@code float} (numpy's NEP 50
 * promotion keeps a {@code float32} scalar {@code float32} when combined with a Python float), the rest
 * in {@code double}.
 */
public final class Pendulum extends ClassicEnvironment {
  /**
   * Parameters of {@link Pendulum}.
   *
   * @param g gravity (Gymnasium's {@code g}, default 10.0)
   * @param m mass (1.0)
   * @param l length (1.0)
   */
  public record Parameters(double g, double m, double l) {
    /** Gymnasium's defaults. */
    public static final Parameters DEFAULT = new Parameters(10.0, 1.0, 1.0);
  }

  /** Time limit of {@code Pendulum-v1}. */
  public static final int MAX_EPISODE_STEPS = 200;

  private static final double MAX_SPEED = 8;
  private static final double MAX_TORQUE = 2.0;
  private static final double DT = 0.05;
  private static final double DEFAULT_X = Math.PI;
  private static final double DEFAULT_Y = 1.0;

  private static final Box ACTIONS = Box.of((float) -MAX_TORQUE, (float) MAX_TORQUE, 1);
  private static final Box OBSERVATIONS =
      Box.of(new float[] {-1, -1, (float) -MAX_SPEED}, new float[] {1, 1, (float) MAX_SPEED});

  private final Parameters parameters;
  private double theta;
  private double thetaDot;
  private double lastU = Double.NaN;

  /** {@code Pendulum-v1} with Gymnasium's defaults. */
  public Pendulum() {
    this(Parameters.DEFAULT);
  }

  /** {@code Pendulum-v1} with the given parameters. */
  public Pendulum(Parameters p) {
    super("Pendulum-v1", MAX_EPISODE_STEPS);
    this.parameters = p;
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
    theta = uniform(rng, -DEFAULT_X, DEFAULT_X);
    thetaDot = uniform(rng, -DEFAULT_Y, DEFAULT_Y);
    lastU = Double.NaN;
    return observation();
  }

  @Override
  protected float[] setState(double[] s) {
    checkLength(s, 2);
    theta = s[0];
    thetaDot = s[1];
    lastU = Double.NaN;
    return observation();
  }

  @Override
  public double[] state() {
    return new double[] {theta, thetaDot};
  }

  private float[] observation() {
    return new float[] {(float) Math.cos(theta), (float) Math.sin(theta), (float) thetaDot};
  }

  @Override
  public Step step(float[] action) {
    if (action == null || action.length != 1) {
      throw new IllegalArgumentException(
          id() + " action needs 1 component, got " + (action == null ? "null" : action.length));
    }
    double g = parameters.g();
    double m = parameters.m();
    double l = parameters.l();
    // numpy 2 keeps the float32 torque in float32 where it meets Python floats (NEP 50)
    float u = Math.min(Math.max(action[0], (float) -MAX_TORQUE), (float) MAX_TORQUE);
    lastU = u;
    double an = angleNormalize(theta);
    float torqueCost = (float) 0.001 * (u * u);
    double costs = an * an + 0.1 * (thetaDot * thetaDot) + torqueCost;
    float torqueAcc = (float) (3.0 / (m * (l * l))) * u;
    double newthdot = thetaDot + (3 * g / (2 * l) * Math.sin(theta) + torqueAcc) * DT;
    newthdot = Math.min(Math.max(newthdot, -MAX_SPEED), MAX_SPEED);
    double newth = theta + newthdot * DT;
    theta = newth;
    thetaDot = newthdot;
    boolean truncated = countStep();
    return new Step(observation(), -costs, false, truncated);
  }

  /** Gymnasium's {@code angle_normalize}: {@code ((x + pi) mod 2 pi) - pi} with Python's floored modulo. */
  static double angleNormalize(double x) {
    double period = 2 * Math.PI;
    double r = (x + Math.PI) % period;
    if (r != 0 && r < 0) {
      r += period;
    }
    return r - Math.PI;
  }

  @Override
  public void render(Graphics2D g, int width, int height) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    double bound = 2.2;
    double scale = Math.min(width, height) / (bound * 2);
    double ox = width / 2.0;
    double oy = height / 2.0;
    double rodLength = parameters.l() * scale;
    double ex = ox - rodLength * Math.sin(theta); // theta > 0 leans left, as in Gymnasium
    double ey = oy - rodLength * Math.cos(theta);
    g.setColor(new Color(204, 77, 77));
    g.setStroke(new BasicStroke((float) (0.2 * scale), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.draw(new Line2D.Double(ox, oy, ex, ey));
    if (!Double.isNaN(lastU) && lastU != 0) {
      // torque indicator: an arc whose length grows with |u|
      g.setColor(new Color(0, 0, 0, 150));
      g.setStroke(new BasicStroke((float) (0.05 * scale)));
      double r = 0.5 * scale;
      double extent = -90 * lastU;
      g.draw(new java.awt.geom.Arc2D.Double(ox - r, oy - r, 2 * r, 2 * r, 90, extent, java.awt.geom.Arc2D.OPEN));
    }
    g.setColor(Color.BLACK);
    double r = 0.05 * scale;
    g.fill(new Ellipse2D.Double(ox - r, oy - r, 2 * r, 2 * r));
  }
}
