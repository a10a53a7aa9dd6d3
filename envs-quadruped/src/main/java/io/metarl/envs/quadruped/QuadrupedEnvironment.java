package io.metarl.envs.quadruped;

import io.metarl.api.env.Box;
import io.metarl.api.env.Environment;
import io.metarl.api.env.Renderable;
import io.metarl.api.env.Step;
import java.awt.Graphics2D;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * MetaGym's {@code quadrupedal-v0} rebuilt on ode4j: a Unitree A1 walking forward (+x) over a terrain.
 *
 * <p>Ported behaviour (PaddlePaddle MetaGym, master, commit ca724c2): {@code env_builder.py} (2 ms
 * physics step, 13 action repeats, so 0.026 s per control step), {@code simple_openloop.py}
 * ({@code LaikagoPoseOffsetGenerator}: the action is an offset to the default pose
 * {@code [0, 0.9, -1.8] x 4}, bounded by {@code +-[0.2, 0.7, 0.7] x 4}), {@code robot_sensors.py}
 * (the observation), {@code MonitorEnv.py} ({@code RewardShaping}: reward terms and termination).
 *
 * <p>Observation (37 floats): base velocity (displacement over the control step divided by 0.026 s,
 * x and y rotated into the previous heading, as {@code BaseDisplacementSensor(convert_to_local_frame)}),
 * roll, pitch, yaw, their rates (the trunk's angular velocity in its own frame, as pybullet's
 * {@code GetBaseRollPitchYawRate}), 12 motor angles, 12 motor rates (finite differences over the
 * control step, as {@code MotorAngleAccSensor}), 4 foot contacts (0/1).
 *
 * <p>Reward: the sum of MetaGym's shaped terms, see {@link RewardWeights}; the per-term values are in
 * {@link Step#info()}. Termination ({@code RewardShaping.terminate}): the trunk's z axis tilted more than
 * 60 degrees, the mean foot height in the trunk frame above -0.1 m or any foot above the trunk, the
 * trunk standing still (sum of the standard deviations of its last 10 positions at most 2e-4 m after 10
 * steps), |yaw| above 0.6 rad, or a non-finite physics state. Truncation at {@code maxSteps}.
 *
 * <p>Action modes ({@link QuadrupedSettings#residual()}): direct (the default, above), or residual on
 * a gait ({@link ResidualGait}, MetaGym's ETG mode with {@link TrotGait} as the trajectory generator):
 * the action is a vector in [-1, 1]^12 (clipped), the joint targets are the default pose plus the
 * gait's output for this control step plus {@code scale} times the action, and the observation gains
 * two floats, the sine and cosine of the gait's phase at the next control step ({@link
 * TrotGait#phase()}), 39 in all. The gait's heading keeper reads the yaw of the last observation, and
 * the settling step of {@link #reset(long)} holds the default pose in both modes, so zero offsets
 * reproduce the gait played as a direct-mode controller step for step.
 *
 * <p>Per-episode metrics (forward distance, lateral drift, time survived, how the episode ended) are in
 * every step's info, see {@link LocomotionMetrics}.
 *
 * <p>Deviations from MetaGym: actions outside the box are clipped to it; there is no sensor noise or
 * control latency; the energy term integrates |tau . qdot| over the sub-steps instead of sampling the
 * last one; reward memories start after the settling step of {@link #reset(long)} instead of before it;
 * the slope-corrected direction of progress is recomputed each step (MetaGym mutates a default
 * argument, so its z component sticks after the first slope).
 */
public final class QuadrupedEnvironment implements Environment, Renderable {
  /** Physics sub-steps per control step. */
  public static final int ACTION_REPEAT = 13;
  /** Control period in seconds. */
  public static final double CONTROL_DT = ACTION_REPEAT * A1Simulation.DT;
  /** Observation width in the direct action mode. */
  public static final int OBSERVATION_SIZE = 37;
  /** Observation width in the residual action mode: the direct mode's plus the gait phase's sine and cosine. */
  public static final int RESIDUAL_OBSERVATION_SIZE = OBSERVATION_SIZE + 2;
  /** Action bounds per leg. */
  static final double[] ACTION_LIMIT = {0.2, 0.7, 0.7};

  private static final Box ACTION_SPACE;
  private static final Box OBSERVATION_SPACE;
  private static final Box RESIDUAL_ACTION_SPACE;
  private static final Box RESIDUAL_OBSERVATION_SPACE;

  static {
    float[] lo = new float[A1.NUM_MOTORS];
    float[] hi = new float[A1.NUM_MOTORS];
    for (int i = 0; i < A1.NUM_MOTORS; i++) {
      hi[i] = (float) ACTION_LIMIT[i % 3];
      lo[i] = -hi[i];
    }
    ACTION_SPACE = Box.of(lo, hi);
    float inf = Float.POSITIVE_INFINITY;
    float[] olo = new float[OBSERVATION_SIZE];
    float[] ohi = new float[OBSERVATION_SIZE];
    Arrays.fill(olo, -inf);
    Arrays.fill(ohi, inf);
    for (int i = 3; i < 6; i++) {
      olo[i] = (float) -Math.PI;
      ohi[i] = (float) Math.PI;
    }
    for (int i = 0; i < A1.NUM_MOTORS; i++) {
      olo[9 + i] = (float) A1.LOWER[i % 3] - 0.1f;
      ohi[9 + i] = (float) A1.UPPER[i % 3] + 0.1f;
    }
    for (int i = 33; i < 37; i++) {
      olo[i] = 0;
      ohi[i] = 1;
    }
    OBSERVATION_SPACE = Box.of(olo, ohi);
    float[] rlo = new float[A1.NUM_MOTORS];
    float[] rhi = new float[A1.NUM_MOTORS];
    Arrays.fill(rlo, -1f);
    Arrays.fill(rhi, 1f);
    RESIDUAL_ACTION_SPACE = Box.of(rlo, rhi);
    float[] prlo = Arrays.copyOf(olo, RESIDUAL_OBSERVATION_SIZE);
    float[] prhi = Arrays.copyOf(ohi, RESIDUAL_OBSERVATION_SIZE);
    for (int i = OBSERVATION_SIZE; i < RESIDUAL_OBSERVATION_SIZE; i++) {
      prlo[i] = -1f;
      prhi[i] = 1f;
    }
    RESIDUAL_OBSERVATION_SPACE = Box.of(prlo, prhi);
  }

  private final QuadrupedTask task;
  private final QuadrupedSettings settings;
  private final A1Simulation sim;
  /** The residual mode's gait, null in the direct mode. */
  private final TrotGait gait;
  private final LocomotionMetrics metrics = new LocomotionMetrics();

  private int steps;
  private boolean needsReset = true;
  private double[] lastBase;
  private double lastYaw;
  private double[] lastAngles;
  private double[][] lastFeet;
  private final double[][] base10 = new double[10][];
  private final double[] targets = new double[A1.NUM_MOTORS];
  /** The yaw in the last observation returned (the gait's heading keeper reads it). */
  private double observedYaw;

  /** An environment playing {@code task}. */
  public QuadrupedEnvironment(QuadrupedTask task) {
    this.task = task;
    this.settings = task.settings();
    this.sim = new A1Simulation(task.terrain().build(task.terrainSeed()), task.friction(),
        task.baseMassScale(), task.motorGainScale());
    this.gait = settings.residual() == null ? null : settings.residual().newGait();
  }

  /** The direct mode's action space: offsets to the default pose. */
  public static Box actionBox() {
    return ACTION_SPACE;
  }

  /** The direct mode's observation space. */
  public static Box observationBox() {
    return OBSERVATION_SPACE;
  }

  /** The action space under {@code settings}' action mode. */
  public static Box actionBox(QuadrupedSettings settings) {
    return settings.residual() == null ? ACTION_SPACE : RESIDUAL_ACTION_SPACE;
  }

  /** The observation space under {@code settings}' action mode. */
  public static Box observationBox(QuadrupedSettings settings) {
    return settings.residual() == null ? OBSERVATION_SPACE : RESIDUAL_OBSERVATION_SPACE;
  }

  @Override
  public String id() {
    return "quadruped-" + task.terrain().id();
  }

  @Override
  public Box observationSpace() {
    return observationBox(settings);
  }

  @Override
  public Box actionSpace() {
    return actionBox(settings);
  }

  /** The task this environment plays. */
  public QuadrupedTask task() {
    return task;
  }

  A1Simulation simulation() {
    return sim;
  }

  @Override
  public float[] reset(long seed) {
    sim.reset(seed);
    steps = 0;
    double[] before = sim.basePosition();
    double beforeYaw = yaw(sim.baseRotation());
    double[] beforeAngles = sim.jointAngles();
    // MetaGym's RewardShaping.reset takes one zero action step before the first observation; it holds
    // the default pose in both action modes (the residual mode's gait starts with the first step).
    applyDirect(new float[A1.NUM_MOTORS]);
    if (gait != null) {
      gait.reset(seed);
    }
    float[] obs = observe(before, beforeYaw, beforeAngles);
    remember();
    metrics.start(lastBase);
    for (int i = 0; i < base10.length; i++) {
      base10[i] = lastBase.clone();
    }
    needsReset = false;
    return obs;
  }

  private void applyDirect(float[] action) {
    for (int i = 0; i < A1.NUM_MOTORS; i++) {
      double lim = ACTION_LIMIT[i % 3];
      targets[i] = A1.DEFAULT_POSE[i % 3] + Math.max(-lim, Math.min(lim, checked(action, i)));
    }
    sim.setTargets(targets);
    sim.step(ACTION_REPEAT);
  }

  /** Default pose + the gait's output + {@code scale} x the action clipped to [-1, 1]. */
  private void applyResidual(float[] action) {
    float[] g = gait.offsets(observedYaw);
    double scale = settings.residual().scale();
    for (int i = 0; i < A1.NUM_MOTORS; i++) {
      targets[i] = A1.DEFAULT_POSE[i % 3] + g[i] + scale * Math.max(-1f, Math.min(1f, checked(action, i)));
    }
    sim.setTargets(targets);
    sim.step(ACTION_REPEAT);
  }

  /** The joint targets of the last step (radians, before the simulation clips them to the joint limits). */
  double[] targets() {
    return targets.clone();
  }

  private static float checked(float[] action, int i) {
    if (Float.isNaN(action[i])) {
      throw new IllegalArgumentException("action[" + i + "] is NaN");
    }
    return action[i];
  }

  private void remember() {
    lastBase = sim.basePosition();
    lastYaw = yaw(sim.baseRotation());
    lastAngles = sim.jointAngles();
    lastFeet = sim.footPositions();
  }

  private static double yaw(double[] r) {
    return Math.atan2(r[3], r[0]);
  }

  @Override
  public Step step(float[] action) {
    if (needsReset) {
      throw new IllegalStateException(id() + ": call reset before step (and after an episode ends)");
    }
    if (action.length != A1.NUM_MOTORS) {
      throw new IllegalArgumentException("expected 12 action components, got " + action.length);
    }
    if (gait == null) {
      applyDirect(action);
    } else {
      applyResidual(action);
    }
    steps++;
    float[] obs = observe(lastBase, lastYaw, lastAngles);
    Map<String, Double> info = new LinkedHashMap<>();
    boolean finite = sim.finite();
    int why = finite ? terminationCause() : 5;
    boolean terminated = why != 0;
    double reward = finite ? reward(terminated, info) : -settings.weights().done();
    boolean truncated = !terminated && steps >= settings.maxSteps();
    remember();
    info.put("x", lastBase[0]);
    if (terminated) {
      info.put("termination", (double) why);
    }
    metrics.report(lastBase, steps, why, info);
    needsReset = terminated || truncated;
    return new Step(obs, reward, terminated, truncated, info);
  }

  private float[] observe(double[] prevBase, double prevYaw, double[] prevAngles) {
    float[] o = new float[gait == null ? OBSERVATION_SIZE : RESIDUAL_OBSERVATION_SIZE];
    double[] p = sim.basePosition();
    double dx = (p[0] - prevBase[0]) / CONTROL_DT;
    double dy = (p[1] - prevBase[1]) / CONTROL_DT;
    double dz = (p[2] - prevBase[2]) / CONTROL_DT;
    o[0] = (float) (Math.cos(prevYaw) * dx + Math.sin(prevYaw) * dy);
    o[1] = (float) (-Math.sin(prevYaw) * dx + Math.cos(prevYaw) * dy);
    o[2] = (float) dz;
    double[] rpy = new double[3];
    Rot.rollPitchYaw(sim.baseRotation(), rpy);
    double[] w = sim.baseAngularVelocityLocal();
    for (int i = 0; i < 3; i++) {
      o[3 + i] = (float) rpy[i];
      o[6 + i] = (float) w[i];
    }
    double[] q = sim.jointAngles();
    for (int i = 0; i < A1.NUM_MOTORS; i++) {
      o[9 + i] = (float) q[i];
      o[21 + i] = (float) ((q[i] - prevAngles[i]) / CONTROL_DT);
    }
    boolean[] c = sim.footContacts();
    for (int i = 0; i < A1.NUM_LEGS; i++) {
      o[33 + i] = c[i] ? 1f : 0f;
    }
    observedYaw = o[5];
    if (gait != null) {
      double phase = gait.phase();
      o[OBSERVATION_SIZE] = (float) Math.sin(phase);
      o[OBSERVATION_SIZE + 1] = (float) Math.cos(phase);
    }
    return o;
  }

  /**
   * MetaGym's {@code c_prec}: {@code tanh(((v - t) atanh(sqrt 0.95) / m)^2)}, 0 at {@code v == t} and
   * tending to 1 far from it (as written in MetaGym, it is already 0.9998 at distance {@code m}).
   */
  static double cPrec(double v, double t, double m) {
    double w = atanh(Math.sqrt(0.95)) / m;
    double d = (v - t) * w;
    return Math.tanh(d * d);
  }

  private static double atanh(double x) {
    return 0.5 * Math.log((1 + x) / (1 - x));
  }

  private double reward(boolean terminated, Map<String, Double> info) {
    RewardWeights wt = settings.weights();
    double velD = settings.desiredVelocity();
    double[] p = sim.basePosition();
    double[] rpy = new double[3];
    Rot.rollPitchYaw(sim.baseRotation(), rpy);
    double yaw = rpy[2];
    double kYaw = 0;
    for (double d : new double[] {0, 2 * Math.PI, -2 * Math.PI}) {
      kYaw = Math.max(kYaw, 1 - cPrec(yaw, d, 0.5));
    }
    double slope = sim.layout().slopeAt(p[0] + 0.2);
    double vdx = Math.abs(Math.cos(slope));
    double vdz = Math.signum(slope) * Math.abs(Math.sin(slope));
    double vx = (p[0] - lastBase[0]) / CONTROL_DT;
    double vz = (p[2] - lastBase[2]) / CONTROL_DT;

    double torso = wt.torso() * reRot(kYaw, Math.min(velD, vx * vdx + vz * vdz));
    double k = 1 - cPrec(Math.min(vx, velD), velD, 0.5);
    double pitch = rpy[1] + Math.signum(slope) * Math.abs(slope);
    double up = wt.up() * (1 - cPrec(Math.hypot(rpy[0], pitch), 0, 0.4)) * k;
    double[][] feet = sim.footPositions();
    double sum = 0;
    for (int i = 0; i < A1.NUM_LEGS; i++) {
      double fvx = (feet[i][0] - lastFeet[i][0]) / CONTROL_DT;
      double fvz = (feet[i][2] - lastFeet[i][2]) / CONTROL_DT;
      sum += Math.min(fvx * vdx + fvz * vdz, velD) / 4.0;
    }
    double feetTerm = wt.feet() * reRot(kYaw, sum);
    double tau = -wt.tau() * sim.energy() * k;
    double bad = -wt.badfoot() * sim.badContacts();
    int lost = 0;
    for (boolean c : sim.footContacts()) {
      lost += c ? 0 : 1;
    }
    double footContact = -wt.footcontact() * Math.max(lost - 2, 0);
    double done = terminated ? -wt.done() : 0;
    info.put("torso", torso);
    info.put("up", up);
    info.put("feet", feetTerm);
    info.put("tau", tau);
    info.put("badfoot", bad);
    info.put("footcontact", footContact);
    info.put("done", done);
    info.put("energy", sim.energy());
    return torso + up + feetTerm + tau + bad + footContact + done;
  }

  private static double reRot(double kYaw, double r) {
    return Math.min(kYaw * r, r);
  }

  /**
   * 0 when the episode goes on, else the cause (reported as {@code info.termination}): 1 flipped (trunk
   * tilted beyond 60 degrees), 2 feet lifted, 3 standing still, 4 |yaw| above 0.6 rad, 5 non-finite
   * physics state.
   */
  private int terminationCause() {
    double[] p = sim.basePosition();
    double[] r = sim.baseRotation();
    for (int i = base10.length - 1; i > 0; i--) {
      base10[i] = base10[i - 1];
    }
    base10[0] = p;
    if (r[8] < 0.5) {
      return 1;
    }
    double[][] feet = sim.footPositions();
    double mean = 0;
    double max = Double.NEGATIVE_INFINITY;
    for (double[] f : feet) {
      double dx = f[0] - p[0];
      double dy = f[1] - p[1];
      double dz = f[2] - p[2];
      double zLocal = r[2] * dx + r[5] * dy + r[8] * dz;
      mean += zLocal / feet.length;
      max = Math.max(max, zLocal);
    }
    if (mean > -0.1 || max > 0) {
      return 2;
    }
    double std = 0;
    for (int k = 0; k < 3; k++) {
      double m = 0;
      for (double[] b : base10) {
        m += b[k] / base10.length;
      }
      double var = 0;
      for (double[] b : base10) {
        var += (b[k] - m) * (b[k] - m) / base10.length;
      }
      std += Math.sqrt(var);
    }
    if (std <= 2e-4 && steps >= 10) {
      return 3;
    }
    return Math.abs(yaw(r)) > 0.6 ? 4 : 0;
  }

  /**
   * A side view (see {@link QuadrupedRenderer}) captioned with the terrain, the action mode, the time
   * since the episode began and the forward distance walked.
   */
  @Override
  public void render(Graphics2D g, int width, int height) {
    String caption = String.format(java.util.Locale.ROOT, "%s%s  t = %.2f s  forward %.2f m", task.terrain().id(),
        gait == null ? "" : " (residual gait)", steps * CONTROL_DT, lastBase == null ? 0.0 : metrics.forwardDistance(sim.basePosition()));
    QuadrupedRenderer.draw(g, width, height, lastBase == null ? null : sim, caption);
  }

  @Override
  public void close() {
    sim.close();
  }
}
