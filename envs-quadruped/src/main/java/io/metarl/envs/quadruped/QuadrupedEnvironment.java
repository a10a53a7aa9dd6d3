package io.metarl.envs.quadruped;

import io.metarl.api.env.Box;
import io.metarl.api.env.Environment;
import io.metarl.api.env.Renderable;
import io.metarl.api.env.Step;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
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
  /** Observation width. */
  public static final int OBSERVATION_SIZE = 37;
  /** Action bounds per leg. */
  static final double[] ACTION_LIMIT = {0.2, 0.7, 0.7};

  private static final Box ACTION_SPACE;
  private static final Box OBSERVATION_SPACE;

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
  }

  private final QuadrupedTask task;
  private final QuadrupedSettings settings;
  private final A1Simulation sim;

  private int steps;
  private boolean needsReset = true;
  private double[] lastBase;
  private double lastYaw;
  private double[] lastAngles;
  private double[][] lastFeet;
  private final double[][] base10 = new double[10][];
  private final double[] targets = new double[A1.NUM_MOTORS];

  /** An environment playing {@code task}. */
  public QuadrupedEnvironment(QuadrupedTask task) {
    this.task = task;
    this.settings = task.settings();
    this.sim = new A1Simulation(task.terrain().build(task.terrainSeed()), task.friction(),
        task.baseMassScale(), task.motorGainScale());
  }

  /** The action space: offsets to the default pose. */
  public static Box actionBox() {
    return ACTION_SPACE;
  }

  /** The observation space. */
  public static Box observationBox() {
    return OBSERVATION_SPACE;
  }

  @Override
  public String id() {
    return "quadruped-" + task.terrain().id();
  }

  @Override
  public Box observationSpace() {
    return OBSERVATION_SPACE;
  }

  @Override
  public Box actionSpace() {
    return ACTION_SPACE;
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
    // MetaGym's RewardShaping.reset takes one zero action step before the first observation.
    applyAction(new float[A1.NUM_MOTORS]);
    float[] obs = observe(before, beforeYaw, beforeAngles);
    remember();
    for (int i = 0; i < base10.length; i++) {
      base10[i] = lastBase.clone();
    }
    needsReset = false;
    return obs;
  }

  private void applyAction(float[] action) {
    for (int i = 0; i < A1.NUM_MOTORS; i++) {
      float a = action[i];
      if (Float.isNaN(a)) {
        throw new IllegalArgumentException("action[" + i + "] is NaN");
      }
      double lim = ACTION_LIMIT[i % 3];
      targets[i] = A1.DEFAULT_POSE[i % 3] + Math.max(-lim, Math.min(lim, a));
    }
    sim.setTargets(targets);
    sim.step(ACTION_REPEAT);
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
    applyAction(action);
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
    needsReset = terminated || truncated;
    return new Step(obs, reward, terminated, truncated, info);
  }

  private float[] observe(double[] prevBase, double prevYaw, double[] prevAngles) {
    float[] o = new float[OBSERVATION_SIZE];
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

  @Override
  public void render(Graphics2D g, int width, int height) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(new Color(225, 235, 245));
    g.fillRect(0, 0, width, height);
    if (lastBase == null) {
      return;
    }
    double[] p = sim.basePosition();
    double scale = height / 1.6;
    double cx = p[0];
    double cz = p[2] - 0.15;
    java.util.function.DoubleUnaryOperator sx = x -> width / 2.0 + (x - cx) * scale;
    java.util.function.DoubleUnaryOperator sz = z -> height * 0.55 - (z - cz) * scale;
    // Ground.
    g.setColor(new Color(120, 110, 95));
    int groundY = (int) Math.round(sz.applyAsDouble(0));
    g.fillRect(0, groundY, width, Math.max(0, height - groundY));
    // Terrain boxes (side view).
    g.setColor(new Color(150, 140, 120));
    for (double[] b : sim.layout().boxes) {
      if (b[0] + b[3] / 2 < cx - width / scale || b[0] - b[3] / 2 > cx + width / scale) {
        continue;
      }
      double c = Math.cos(b[6]);
      double s = Math.sin(b[6]);
      Path2D poly = new Path2D.Double();
      double[][] corners = {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}};
      for (int i = 0; i < 4; i++) {
        double lx = corners[i][0] * b[3] / 2;
        double lz = corners[i][1] * b[5] / 2;
        // Ry(pitch): x' = c x + s z, z' = -s x + c z.
        double wx = b[0] + c * lx + s * lz;
        double wz = b[2] - s * lx + c * lz;
        if (i == 0) {
          poly.moveTo(sx.applyAsDouble(wx), sz.applyAsDouble(wz));
        } else {
          poly.lineTo(sx.applyAsDouble(wx), sz.applyAsDouble(wz));
        }
      }
      poly.closePath();
      g.fill(poly);
    }
    double[][] anchors = sim.jointAnchors();
    double[][] feet = sim.footPositions();
    g.setStroke(new BasicStroke((float) Math.max(2, scale * 0.02), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    // Far (left) legs first, then the trunk, then the near (right) legs.
    for (int pass = 0; pass < 2; pass++) {
      if (pass == 1) {
        drawTrunk(g, sx, sz);
      }
      for (int leg = 0; leg < A1.NUM_LEGS; leg++) {
        boolean left = A1.leftSign(leg) > 0;
        if (left != (pass == 0)) {
          continue;
        }
        g.setColor(left ? new Color(150, 80, 20) : new Color(240, 120, 30));
        double[] a = anchors[3 * leg + 1];
        double[] kn = anchors[3 * leg + 2];
        double[] f = feet[leg];
        Path2D path = new Path2D.Double();
        path.moveTo(sx.applyAsDouble(a[0]), sz.applyAsDouble(a[2]));
        path.lineTo(sx.applyAsDouble(kn[0]), sz.applyAsDouble(kn[2]));
        path.lineTo(sx.applyAsDouble(f[0]), sz.applyAsDouble(f[2]));
        g.draw(path);
        double rr = A1.TOE_RADIUS * scale;
        g.fillOval((int) (sx.applyAsDouble(f[0]) - rr), (int) (sz.applyAsDouble(f[2]) - rr),
            (int) (2 * rr), (int) (2 * rr));
      }
    }
    g.setColor(Color.DARK_GRAY);
    g.drawString(String.format("%s  step %d  x = %.2f m", task.terrain().id(), steps, p[0]), 10, 20);
  }

  private void drawTrunk(Graphics2D g, java.util.function.DoubleUnaryOperator sx,
      java.util.function.DoubleUnaryOperator sz) {
    double[] r = sim.baseRotation();
    double[] p = sim.basePosition();
    double[] com = A1.TRUNK_COM;
    double hx = A1.TRUNK_BOX[0] / 2;
    double hz = A1.TRUNK_BOX[2] / 2;
    double[][] corners = {{-hx, -hz}, {hx, -hz}, {hx, hz}, {-hx, hz}};
    Path2D poly = new Path2D.Double();
    for (int i = 0; i < 4; i++) {
      double[] w = Rot.transform(r, p, corners[i][0] - com[0], -com[1], corners[i][1] - com[2]);
      if (i == 0) {
        poly.moveTo(sx.applyAsDouble(w[0]), sz.applyAsDouble(w[2]));
      } else {
        poly.lineTo(sx.applyAsDouble(w[0]), sz.applyAsDouble(w[2]));
      }
    }
    poly.closePath();
    g.setColor(new Color(40, 40, 40));
    g.fill(poly);
  }

  @Override
  public void close() {
    sim.close();
  }
}
