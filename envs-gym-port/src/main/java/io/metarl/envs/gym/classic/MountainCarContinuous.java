package io.metarl.envs.gym.classic;

import io.metarl.api.env.Box;
import io.metarl.api.env.Space;
import io.metarl.api.env.Step;
import java.awt.Graphics2D;
import java.util.SplittableRandom;

/**
 * The mountain car with a continuous force, a port of Gymnasium 1.4.0
 * {@code gymnasium/envs/classic_control/continuous_mountain_car.py} ({@code Continuous_MountainCarEnv},
 * commit {@code 3f0476a8}), registered as {@code MountainCarContinuous-v0} with time limit 999.
 *
 * <p>Action {@code a} in {@code [-1, 1]} (clipped); the velocity gains {@code a * power - 0.0025 cos(3
 * position)} (clipped to {@code +-0.07}), the position the velocity (clipped to {@code [-1.2, 0.6]},
 * velocity zeroed at the left wall). Reward {@code 100} on reaching {@code position >= 0.45} with {@code
 * velocity >= goal_velocity} (termination), minus {@code 0.1 a^2} for the unclipped action at every step.
 * Reset: position uniform in {@code [-0.6, -0.4)}, velocity 0.
 *
 * <p>Precision follows Gymnasium under numpy 2 with its {@code float32} action space: the state is
 * stored as {@code float32} after every step (Gymnasium keeps {@code self.state} as a {@code float32}
 * array) but is {@code float64} right after a reset, and numpy's NEP 50 promotion decides which
 * operations run in {@code float} (a {@code float32} scalar with a Python float) and which in {@code
 * double}; {@link #step(float[])} reproduces that operation by operation, so that recorded Gymnasium
 * trajectories replay bit for bit.
 */
public final class MountainCarContinuous extends ClassicEnvironment {
  /**
   * Parameters of {@link MountainCarContinuous}.
   *
   * @param power Gymnasium's {@code power} (0.0015)
   * @param gravity the constant 0.0025 in Gymnasium's velocity update
   * @param goalVelocity Gymnasium's {@code goal_velocity} (0)
   */
  public record Parameters(double power, double gravity, double goalVelocity) {
    /** Gymnasium's defaults. */
    public static final Parameters DEFAULT = new Parameters(0.0015, 0.0025, 0.0);
  }

  /** Time limit of {@code MountainCarContinuous-v0}. */
  public static final int MAX_EPISODE_STEPS = 999;

  private static final double MIN_ACTION = -1.0;
  private static final double MAX_ACTION = 1.0;
  private static final double MIN_POSITION = -1.2;
  private static final double MAX_POSITION = 0.6;
  private static final double MAX_SPEED = 0.07;
  private static final double GOAL_POSITION = 0.45;

  private static final Box ACTIONS = Box.of((float) MIN_ACTION, (float) MAX_ACTION, 1);
  private static final Box OBSERVATIONS =
      Box.of(
          new float[] {(float) MIN_POSITION, (float) -MAX_SPEED},
          new float[] {(float) MAX_POSITION, (float) MAX_SPEED});

  private final Parameters parameters;
  private double position;
  private double velocity;
  /** Whether the state is Gymnasium's float32 array (after a step) rather than float64 (after reset). */
  private boolean float32State;

  /** {@code MountainCarContinuous-v0} with Gymnasium's defaults. */
  public MountainCarContinuous() {
    this(Parameters.DEFAULT);
  }

  /** {@code MountainCarContinuous-v0} with the given parameters. */
  public MountainCarContinuous(Parameters p) {
    super("MountainCarContinuous-v0", MAX_EPISODE_STEPS);
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
    float32State = false;
    return new float[] {(float) position, (float) velocity};
  }

  @Override
  protected float[] setState(double[] s) {
    checkLength(s, 2);
    position = s[0];
    velocity = s[1];
    float32State = false;
    return new float[] {(float) position, (float) velocity};
  }

  @Override
  public double[] state() {
    return new double[] {position, velocity};
  }

  @Override
  public Step step(float[] action) {
    if (action == null || action.length != 1) {
      throw new IllegalArgumentException(
          id() + " action needs 1 component, got " + (action == null ? "null" : action.length));
    }
    // Gymnasium's arithmetic under numpy 2 (NEP 50): a float32 scalar combined with a Python float stays
    // float32 (the Python float is rounded to float32 first); float32 with float64 gives float64. The
    // state is float64 after a reset and float32 after a step. "weak" marks values that are Python
    // floats in Gymnasium (constants assigned by the clipping branches).
    final float a = action[0];
    final boolean f32 = float32State;
    double force;
    boolean forceWeak = false;
    if (MIN_ACTION > a) {
      force = MIN_ACTION;
      forceWeak = true;
    } else {
      force = a;
    }
    if (MAX_ACTION < force) {
      force = MAX_ACTION;
      forceWeak = true;
    }
    double threePosition = f32 ? (double) (3f * (float) position) : 3 * position;
    double c = parameters.gravity() * Math.cos(threePosition); // a Python float
    double v;
    if (forceWeak) {
      double delta = force * parameters.power() - c;
      v = f32 ? (double) ((float) velocity + (float) delta) : velocity + delta;
    } else {
      float delta = (float) force * (float) parameters.power() - (float) c;
      v = f32 ? (double) ((float) velocity + delta) : velocity + delta;
    }
    boolean vWeak = false;
    if (f32 ? v > (float) MAX_SPEED : v > MAX_SPEED) {
      v = MAX_SPEED;
      vWeak = true;
    }
    if (f32 && !vWeak ? v < (float) -MAX_SPEED : v < -MAX_SPEED) {
      v = -MAX_SPEED;
      vWeak = true;
    }
    double p = f32 ? (double) ((float) position + (float) v) : position + v;
    boolean pWeak = false;
    if (f32 ? p > (float) MAX_POSITION : p > MAX_POSITION) {
      p = MAX_POSITION;
      pWeak = true;
    }
    if (f32 && !pWeak ? p < (float) MIN_POSITION : p < MIN_POSITION) {
      p = MIN_POSITION;
      pWeak = true;
    }
    boolean pFloat = f32 && !pWeak;
    boolean vFloat = f32 && !vWeak;
    if ((pFloat ? p == (float) MIN_POSITION : p == MIN_POSITION) && v < 0) {
      v = 0;
      vFloat = false;
    }
    double goalVelocity = parameters.goalVelocity();
    boolean terminated =
        (pFloat ? p >= (float) GOAL_POSITION : p >= GOAL_POSITION)
            && (vFloat ? v >= (float) goalVelocity : v >= goalVelocity);
    double reward = terminated ? 100.0 : 0.0;
    reward -= (double) a * (double) a * 0.1;
    float pf = (float) p;
    float vf = (float) v;
    position = pf;
    velocity = vf;
    float32State = true;
    boolean truncated = countStep();
    return new Step(new float[] {pf, vf}, reward, terminated, truncated);
  }

  @Override
  public void render(Graphics2D g, int width, int height) {
    MountainCarDrawing.draw(g, width, height, position, GOAL_POSITION);
  }
}
