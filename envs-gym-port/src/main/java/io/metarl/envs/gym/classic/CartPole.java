package io.metarl.envs.gym.classic;

import io.metarl.api.env.Box;
import io.metarl.api.env.Discrete;
import io.metarl.api.env.Space;
import io.metarl.api.env.Step;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.SplittableRandom;

/**
 * Cart-pole balancing, a port of Gymnasium 1.4.0 {@code gymnasium/envs/classic_control/cartpole.py}
 * ({@code CartPoleEnv}, commit {@code 3f0476a8}), registered there as {@code CartPole-v0} (time limit
 * 200) and {@code CartPole-v1} (time limit 500).
 *
 * <p>State {@code (x, x_dot, theta, theta_dot)} in {@code double}, explicit Euler integration with
 * {@code tau = 0.02}; actions 0 (push left) and 1 (push right) with force {@code force_mag}; the
 * observation is the state as {@code float32}. Termination when {@code |x| > 2.4} or {@code |theta| >
 * 12 deg}. Reward {@code +1} per step including the terminating one ({@code 0} for steps after it), or
 * with {@code suttonBartoReward} {@code 0} per step and {@code -1} on termination. Reset draws each
 * state component uniformly from {@code [-0.05, 0.05)}.
 *
 * <p>The physics parameters ({@code gravity, masscart, masspole, length} (half the pole's length),
 * {@code force_mag}) are Gymnasium's defaults unless given, so that task distributions can vary them.
 * {@link #step(int)} allocates only the returned observation and {@link Step}.
 */
public final class CartPole extends ClassicEnvironment {
  /** Physics parameters of {@link CartPole}, Gymnasium's names. */
  public record Parameters(double gravity, double masscart, double masspole, double length, double forceMag) {
    /** Gymnasium's defaults: 9.8, 1.0, 0.1, 0.5, 10.0. */
    public static final Parameters DEFAULT = new Parameters(9.8, 1.0, 0.1, 0.5, 10.0);
  }

  /** Time limit of {@code CartPole-v0}. */
  public static final int V0_MAX_EPISODE_STEPS = 200;
  /** Time limit of {@code CartPole-v1}. */
  public static final int V1_MAX_EPISODE_STEPS = 500;

  private static final double TAU = 0.02;
  private static final double THETA_THRESHOLD = 12 * 2 * Math.PI / 360;
  private static final double X_THRESHOLD = 2.4;

  private static final Discrete ACTIONS = new Discrete(2);
  private static final Box OBSERVATIONS;

  static {
    float[] high = {
      (float) (X_THRESHOLD * 2), Float.POSITIVE_INFINITY, (float) (THETA_THRESHOLD * 2), Float.POSITIVE_INFINITY
    };
    float[] low = new float[4];
    for (int i = 0; i < 4; i++) {
      low[i] = -high[i];
    }
    OBSERVATIONS = Box.of(low, high);
  }

  private final Parameters parameters;
  private final double gravity;
  private final double masspole;
  private final double totalMass;
  private final double length;
  private final double polemassLength;
  private final double forceMag;
  private final boolean suttonBartoReward;

  private double x;
  private double xDot;
  private double theta;
  private double thetaDot;
  /** Gymnasium's {@code steps_beyond_terminated}: -1 for None. */
  private int stepsBeyondTerminated = -1;

  /** {@code CartPole-v1} with Gymnasium's defaults. */
  public CartPole() {
    this("CartPole-v1", V1_MAX_EPISODE_STEPS, Parameters.DEFAULT, false);
  }

  /**
   * @param id the id to report, e.g. {@code CartPole-v0}
   * @param maxEpisodeSteps the time limit (200 for v0, 500 for v1)
   * @param p physics parameters
   * @param suttonBartoReward Gymnasium's {@code sutton_barto_reward}
   */
  public CartPole(String id, int maxEpisodeSteps, Parameters p, boolean suttonBartoReward) {
    super(id, maxEpisodeSteps);
    this.parameters = p;
    this.gravity = p.gravity();
    this.masspole = p.masspole();
    this.totalMass = p.masspole() + p.masscart();
    this.length = p.length();
    this.polemassLength = p.masspole() * p.length();
    this.forceMag = p.forceMag();
    this.suttonBartoReward = suttonBartoReward;
  }

  /** {@code CartPole-v0} or {@code CartPole-v1} with Gymnasium's defaults. */
  public static CartPole version(String version) {
    return switch (version) {
      case "v0" -> new CartPole("CartPole-v0", V0_MAX_EPISODE_STEPS, Parameters.DEFAULT, false);
      case "v1" -> new CartPole("CartPole-v1", V1_MAX_EPISODE_STEPS, Parameters.DEFAULT, false);
      default -> throw new IllegalArgumentException("CartPole version must be v0 or v1, got " + version);
    };
  }

  /** The physics parameters. */
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
    x = uniform(rng, -0.05, 0.05);
    xDot = uniform(rng, -0.05, 0.05);
    theta = uniform(rng, -0.05, 0.05);
    thetaDot = uniform(rng, -0.05, 0.05);
    stepsBeyondTerminated = -1;
    return observation();
  }

  @Override
  protected float[] setState(double[] s) {
    checkLength(s, 4);
    x = s[0];
    xDot = s[1];
    theta = s[2];
    thetaDot = s[3];
    stepsBeyondTerminated = -1;
    return observation();
  }

  @Override
  public double[] state() {
    return new double[] {x, xDot, theta, thetaDot};
  }

  private float[] observation() {
    return new float[] {(float) x, (float) xDot, (float) theta, (float) thetaDot};
  }

  @Override
  public Step step(int action) {
    if (action != 0 && action != 1) {
      throw new IllegalArgumentException(id() + " action must be 0 or 1, got " + action);
    }
    double force = action == 1 ? forceMag : -forceMag;
    double costheta = Math.cos(theta);
    double sintheta = Math.sin(theta);
    double temp = (force + polemassLength * (thetaDot * thetaDot) * sintheta) / totalMass;
    double thetaacc =
        (gravity * sintheta - costheta * temp)
            / (length * (4.0 / 3.0 - masspole * (costheta * costheta) / totalMass));
    double xacc = temp - polemassLength * thetaacc * costheta / totalMass;
    // Euler (Gymnasium's default kinematics_integrator)
    x = x + TAU * xDot;
    xDot = xDot + TAU * xacc;
    theta = theta + TAU * thetaDot;
    thetaDot = thetaDot + TAU * thetaacc;

    boolean terminated =
        x < -X_THRESHOLD || x > X_THRESHOLD || theta < -THETA_THRESHOLD || theta > THETA_THRESHOLD;
    double reward;
    if (!terminated) {
      reward = suttonBartoReward ? 0.0 : 1.0;
    } else if (stepsBeyondTerminated < 0) {
      stepsBeyondTerminated = 0;
      reward = suttonBartoReward ? -1.0 : 1.0;
    } else {
      stepsBeyondTerminated++;
      reward = suttonBartoReward ? -1.0 : 0.0;
    }
    boolean truncated = countStep();
    return new Step(observation(), reward, terminated, truncated);
  }

  @Override
  public void render(Graphics2D g, int width, int height) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    double scale = width / (X_THRESHOLD * 2);
    double polewidth = 10.0 * width / 600.0;
    double polelen = scale * (2 * length);
    double cartwidth = 50.0 * width / 600.0;
    double cartheight = 30.0 * width / 600.0;
    double cartx = x * scale + width / 2.0;
    double carty = height - 100.0 * height / 400.0; // top of the cart, y pointing down
    double axle = carty - cartheight / 4.0;
    g.setColor(Color.BLACK);
    g.setStroke(new BasicStroke(1f));
    g.drawLine(0, (int) carty, width, (int) carty);
    g.fill(new Rectangle2D.Double(cartx - cartwidth / 2, carty - cartheight / 2, cartwidth, cartheight));
    AffineTransform saved = g.getTransform();
    g.translate(cartx, axle);
    g.rotate(theta);
    g.setColor(new Color(202, 152, 101));
    g.fill(new Rectangle2D.Double(-polewidth / 2, -(polelen - polewidth / 2), polewidth, polelen));
    g.setTransform(saved);
    g.setColor(new Color(129, 132, 203));
    g.fill(new Ellipse2D.Double(cartx - polewidth / 2, axle - polewidth / 2, polewidth, polewidth));
  }
}
