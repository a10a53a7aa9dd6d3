package io.metarl.envs.gym.classic;

import io.metarl.api.env.Box;
import io.metarl.api.env.Discrete;
import io.metarl.api.env.Space;
import io.metarl.api.env.Step;
import java.awt.Graphics2D;
import java.util.SplittableRandom;

/**
 * The mountain car with three discrete actions, a port of Gymnasium 1.4.0
 * {@code gymnasium/envs/classic_control/mountain_car.py} ({@code MountainCarEnv}, commit
 * {@code 3f0476a8}), registered as {@code MountainCar-v0} with time limit 200.
 *
 * <p>State {@code (position, velocity)} in {@code double}; action {@code a} in {0, 1, 2} adds {@code
 * (a - 1) * force - cos(3 position) * gravity} to the velocity (clipped to {@code +-0.07}), then the
 * velocity to the position (clipped to {@code [-1.2, 0.6]}; the velocity is zeroed when the car hits
 * the left wall). Reward -1 per step; termination when {@code position >= 0.5} and {@code velocity >=
 * goal_velocity}. Reset: position uniform in {@code [-0.6, -0.4)}, velocity 0.
 */
public final class MountainCar extends ClassicEnvironment {
  /**
   * Parameters of {@link MountainCar}.
   *
   * @param force Gymnasium's {@code force} (0.001)
   * @param gravity Gymnasium's {@code gravity} (0.0025)
   * @param goalVelocity Gymnasium's {@code goal_velocity} (0)
   */
  public record Parameters(double force, double gravity, double goalVelocity) {
    /** Gymnasium's defaults. */
    public static final Parameters DEFAULT = new Parameters(0.001, 0.0025, 0.0);
  }

  /** Time limit of {@code MountainCar-v0}. */
  public static final int MAX_EPISODE_STEPS = 200;

  private static final double MIN_POSITION = -1.2;
  private static final double MAX_POSITION = 0.6;
  private static final double MAX_SPEED = 0.07;
  private static final double GOAL_POSITION = 0.5;

  private static final Discrete ACTIONS = new Discrete(3);
  private static final Box OBSERVATIONS =
      Box.of(
          new float[] {(float) MIN_POSITION, (float) -MAX_SPEED},
          new float[] {(float) MAX_POSITION, (float) MAX_SPEED});

  private final Parameters parameters;
  private double position;
  private double velocity;

  /** {@code MountainCar-v0} with Gymnasium's defaults. */
  public MountainCar() {
    this(Parameters.DEFAULT);
  }

  /** {@code MountainCar-v0} with the given parameters. */
  public MountainCar(Parameters p) {
    super("MountainCar-v0", MAX_EPISODE_STEPS);
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
    position = uniform(rng, -0.6, -0.4);
    velocity = 0;
    return new float[] {(float) position, (float) velocity};
  }

  @Override
  protected float[] setState(double[] s) {
    checkLength(s, 2);
    position = s[0];
    velocity = s[1];
    return new float[] {(float) position, (float) velocity};
  }

  @Override
  public double[] state() {
    return new double[] {position, velocity};
  }

  @Override
  public Step step(int action) {
    if (action < 0 || action > 2) {
      throw new IllegalArgumentException(id() + " action must be 0, 1 or 2, got " + action);
    }
    double v = velocity + ((action - 1) * parameters.force() + Math.cos(3 * position) * (-parameters.gravity()));
    v = Math.min(Math.max(v, -MAX_SPEED), MAX_SPEED);
    double p = position + v;
    p = Math.min(Math.max(p, MIN_POSITION), MAX_POSITION);
    if (p == MIN_POSITION && v < 0) {
      v = 0;
    }
    position = p;
    velocity = v;
    boolean terminated = p >= GOAL_POSITION && v >= parameters.goalVelocity();
    boolean truncated = countStep();
    return new Step(new float[] {(float) p, (float) v}, -1.0, terminated, truncated);
  }

  @Override
  public void render(Graphics2D g, int width, int height) {
    MountainCarDrawing.draw(g, width, height, position, GOAL_POSITION);
  }
}
