package io.metarl.envs.quadruped;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ode4j.math.DMatrix3;
import org.ode4j.math.DMatrix3C;
import org.ode4j.math.DVector3;
import org.ode4j.math.DVector3C;
import org.ode4j.ode.DAABBC;
import org.ode4j.ode.DBody;
import org.ode4j.ode.DContact;
import org.ode4j.ode.DContactBuffer;
import org.ode4j.ode.DContactGeomBuffer;
import org.ode4j.ode.DGeom;
import org.ode4j.ode.DHingeJoint;
import org.ode4j.ode.DJoint;
import org.ode4j.ode.DJointGroup;
import org.ode4j.ode.DMass;
import org.ode4j.ode.DWorld;
import org.ode4j.ode.OdeConstants;
import org.ode4j.ode.OdeHelper;
import org.ode4j.ode.internal.Misc;

/**
 * The A1 robot on a terrain in ode4j: 13 rigid bodies (trunk; per leg hip, thigh, calf with the toe
 * sphere fixed to it), 12 hinge joints with the URDF's limits, PD position control evaluated at every
 * 2 ms physics sub-step ({@code tau = -kp (q - q*) - kd qdot}, clipped to {@link A1#TORQUE_LIMIT}),
 * and robot-terrain contacts (a contact joint group emptied every sub-step; no self-collision, as
 * pybullet loads the URDF without {@code URDF_USE_SELF_COLLISION} in MetaGym).
 *
 * <p>Determinism: ode4j's quick-step solver shuffles constraints with ODE's global random generator
 * ({@code Misc.dRand}). Each simulation keeps its own generator state and swaps it in around its
 * {@code quickStep} under a JVM-wide lock, so the same seed gives the same trajectory whatever other
 * simulations run concurrently; the price is that quick-steps of different simulations never overlap.
 */
final class A1Simulation implements AutoCloseable {
  /** Physics time step (MetaGym {@code sim_time_step_s}). */
  static final double DT = 0.002;
  /** Gravity (MetaGym sets {@code setGravity(0, 0, -10)}). */
  static final double GRAVITY = 10.0;
  /** Quick-step iterations. */
  static final int SOLVER_ITERATIONS = 10;

  private static final Object ODE_RNG_LOCK = new Object();

  static {
    OdeHelper.initODE2(0);
  }

  private static final int BODIES = 13;
  private static final int MAX_CONTACTS = 4;
  private static final double BIG_GEOM_LENGTH = 1.5;
  /** Reference angles at which the hinges are created (ODE angles are measured from them). */
  private static final double[] QREF = new double[A1.NUM_MOTORS];

  static {
    for (int i = 0; i < A1.NUM_MOTORS; i++) {
      QREF[i] = 0.5 * (A1.LOWER[i % 3] + A1.UPPER[i % 3]);
    }
  }

  private final Terrain.Layout layout;
  private final double friction;
  private final double baseMassScale;
  private final double gainScale;

  // Static terrain geometry (no bodies, no spaces: we do our own broad phase).
  private final DGeom plane;
  private final DGeom[] bigGeoms;
  private final double[][] bigAabb;
  private final DGeom[] smallGeoms;
  private final double[][] smallAabb;
  private final double[] smallMinX;
  private final double smallMaxLen;

  // Per-link constants: COM in link frame, mass, inertia about COM.
  private final double[][] linkCom = new double[BODIES][];
  private final double[] linkMass = new double[BODIES];
  private final double[][] linkInertia = new double[BODIES][];

  // Per-episode physics objects.
  private DWorld world;
  private DJointGroup contactGroup;
  private final DBody[] bodies = new DBody[BODIES];
  private final DHingeJoint[] joints = new DHingeJoint[A1.NUM_MOTORS];
  private final List<DGeom> robotGeoms = new ArrayList<>();
  private int[] geomToe = new int[0];
  private double[][] geomAabb = new double[0][];
  private final double[][] toeOffset = new double[A1.NUM_LEGS][];

  private final DContactBuffer contactBuffer = new DContactBuffer(MAX_CONTACTS);
  private final DContactGeomBuffer contactGeoms = contactBuffer.getGeomBuffer();

  private long odeSeed;
  private double time;
  private final double[] target = A1.defaultPose();
  private final double[] torque = new double[A1.NUM_MOTORS];
  private final boolean[] footContact = new boolean[A1.NUM_LEGS];
  private int badContacts;
  private double energy;

  /**
   * @param layout the terrain
   * @param friction Coulomb friction coefficient of every contact
   * @param baseMassScale factor on the trunk's mass and inertia
   * @param gainScale factor on the PD gains
   */
  A1Simulation(Terrain.Layout layout, double friction, double baseMassScale, double gainScale) {
    this.layout = layout;
    this.friction = friction;
    this.baseMassScale = baseMassScale;
    this.gainScale = gainScale;
    plane = OdeHelper.createPlane(null, 0, 0, 1, 0);
    List<DGeom> big = new ArrayList<>();
    List<DGeom> small = new ArrayList<>();
    for (double[] b : layout.boxes) {
      DGeom g = OdeHelper.createBox(null, b[3], b[4], b[5]);
      g.setPosition(b[0], b[1], b[2]);
      if (b[6] != 0) {
        g.setRotation(toOde(Rot.ry(b[6])));
      }
      (b[3] > BIG_GEOM_LENGTH ? big : small).add(g);
    }
    small.sort((a, c) -> Double.compare(a.getAABB().getMin0(), c.getAABB().getMin0()));
    bigGeoms = big.toArray(new DGeom[0]);
    smallGeoms = small.toArray(new DGeom[0]);
    bigAabb = aabbs(bigGeoms);
    smallAabb = aabbs(smallGeoms);
    smallMinX = new double[smallGeoms.length];
    double maxLen = 0;
    for (int i = 0; i < smallGeoms.length; i++) {
      smallMinX[i] = smallAabb[i][0];
      maxLen = Math.max(maxLen, smallAabb[i][1] - smallAabb[i][0]);
    }
    smallMaxLen = maxLen;
    defineLinks();
  }

  private static double[][] aabbs(DGeom[] geoms) {
    double[][] out = new double[geoms.length][];
    for (int i = 0; i < geoms.length; i++) {
      DAABBC a = geoms[i].getAABB();
      out[i] = new double[] {a.getMin0(), a.getMax0(), a.getMin1(), a.getMax1(), a.getMin2(), a.getMax2()};
    }
    return out;
  }

  private void defineLinks() {
    linkCom[0] = A1.TRUNK_COM.clone();
    linkMass[0] = A1.TRUNK_MASS * baseMassScale;
    linkInertia[0] = scaled(A1.TRUNK_I, baseMassScale);
    for (int leg = 0; leg < A1.NUM_LEGS; leg++) {
      double mx = A1.frontSign(leg);
      double my = -A1.leftSign(leg); // FR values are the reference (+1 for right legs)
      int b = 1 + 3 * leg;
      linkCom[b] = new double[] {A1.HIP_COM[0] * mx, A1.HIP_COM[1] * my, A1.HIP_COM[2]};
      linkMass[b] = A1.HIP_MASS;
      double[] hi = A1.HIP_I.clone();
      hi[3] *= mx * my;
      hi[4] *= mx;
      hi[5] *= my;
      linkInertia[b] = hi;
      linkCom[b + 1] = new double[] {A1.THIGH_COM[0], A1.THIGH_COM[1] * my, A1.THIGH_COM[2]};
      linkMass[b + 1] = A1.THIGH_MASS;
      double[] ti = A1.THIGH_I.clone();
      ti[3] *= my;
      ti[5] *= my;
      linkInertia[b + 1] = ti;
      // Calf + toe merged: combined COM and inertia by the parallel-axis theorem.
      double m = A1.CALF_MASS + A1.TOE_MASS;
      double[] toe = {0, 0, -A1.CALF_LENGTH};
      double[] c = new double[3];
      for (int k = 0; k < 3; k++) {
        c[k] = (A1.CALF_MASS * A1.CALF_COM[k] + A1.TOE_MASS * toe[k]) / m;
      }
      double[] ci = A1.CALF_I.clone();
      addPointMass(ci, A1.CALF_MASS, A1.CALF_COM, c);
      ci[0] += A1.TOE_I;
      ci[1] += A1.TOE_I;
      ci[2] += A1.TOE_I;
      addPointMass(ci, A1.TOE_MASS, toe, c);
      linkCom[b + 2] = c;
      linkMass[b + 2] = m;
      linkInertia[b + 2] = ci;
      toeOffset[leg] = new double[] {toe[0] - c[0], toe[1] - c[1], toe[2] - c[2]};
    }
  }

  private static double[] scaled(double[] v, double s) {
    double[] r = v.clone();
    for (int i = 0; i < r.length; i++) {
      r[i] *= s;
    }
    return r;
  }

  /** Parallel-axis shift of inertia {ixx, iyy, izz, ixy, ixz, iyz} of mass m at p to point c. */
  private static void addPointMass(double[] in, double m, double[] p, double[] c) {
    double dx = p[0] - c[0];
    double dy = p[1] - c[1];
    double dz = p[2] - c[2];
    in[0] += m * (dy * dy + dz * dz);
    in[1] += m * (dx * dx + dz * dz);
    in[2] += m * (dx * dx + dy * dy);
    in[3] -= m * dx * dy;
    in[4] -= m * dx * dz;
    in[5] -= m * dy * dz;
  }

  static DMatrix3 toOde(double[] r) {
    return new DMatrix3(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8]);
  }

  static double[] fromOde(DMatrix3C m) {
    return new double[] {
      m.get00(), m.get01(), m.get02(), m.get10(), m.get11(), m.get12(), m.get20(), m.get21(), m.get22()
    };
  }

  /** Link frames (rotation, origin) of the 13 links for trunk pose (p, r) and joint angles q. */
  static void forwardKinematics(double[] p, double[] r, double[] q, double[][] rots, double[][] origins) {
    rots[0] = r;
    origins[0] = p;
    for (int leg = 0; leg < A1.NUM_LEGS; leg++) {
      int b = 1 + 3 * leg;
      double sx = A1.frontSign(leg);
      double sy = A1.leftSign(leg);
      double[] hr = Rot.mul(r, Rot.rx(q[3 * leg]));
      double[] hp = Rot.transform(r, p, A1.HIP_X * sx, A1.HIP_Y * sy, 0);
      double[] ur = Rot.mul(hr, Rot.ry(q[3 * leg + 1]));
      double[] up = Rot.transform(hr, hp, 0, A1.THIGH_Y * sy, 0);
      double[] lr = Rot.mul(ur, Rot.ry(q[3 * leg + 2]));
      double[] lp = Rot.transform(ur, up, 0, 0, -A1.THIGH_LENGTH);
      rots[b] = hr;
      origins[b] = hp;
      rots[b + 1] = ur;
      origins[b + 1] = up;
      rots[b + 2] = lr;
      origins[b + 2] = lp;
    }
  }

  /** Starts an episode: the robot in the default pose, at rest, {@link A1#INIT_HEIGHT} above the start. */
  void reset(long seed) {
    destroyEpisode();
    world = OdeHelper.createWorld();
    world.setGravity(0, 0, -GRAVITY);
    world.setERP(0.2);
    world.setCFM(1e-6);
    world.setQuickStepNumIterations(SOLVER_ITERATIONS);
    world.setContactSurfaceLayer(0.0005);
    contactGroup = OdeHelper.createJointGroup();
    double[] p = {0, 0, layout.spawnHeight + A1.INIT_HEIGHT};
    double[] r = Rot.identity();
    double[][] rots = new double[BODIES][];
    double[][] origins = new double[BODIES][];
    // 1. Bodies at the reference pose, 2. hinges (their zero angle is QREF), 3. the default pose.
    forwardKinematics(p, r, QREF, rots, origins);
    for (int b = 0; b < BODIES; b++) {
      DBody body = OdeHelper.createBody(world);
      DMass mass = OdeHelper.createMass();
      double[] in = linkInertia[b];
      mass.setParameters(linkMass[b], 0, 0, 0, in[0], in[1], in[2], in[3], in[4], in[5]);
      body.setMass(mass);
      bodies[b] = body;
    }
    placeBodies(rots, origins);
    for (int leg = 0; leg < A1.NUM_LEGS; leg++) {
      int b = 1 + 3 * leg;
      joints[3 * leg] = hinge(bodies[b], bodies[0], origins[b], Rot.apply(rots[0], 1, 0, 0), 3 * leg);
      joints[3 * leg + 1] =
          hinge(bodies[b + 1], bodies[b], origins[b + 1], Rot.apply(rots[b], 0, 1, 0), 3 * leg + 1);
      joints[3 * leg + 2] =
          hinge(bodies[b + 2], bodies[b + 1], origins[b + 2], Rot.apply(rots[b + 1], 0, 1, 0), 3 * leg + 2);
    }
    forwardKinematics(p, r, A1.defaultPose(), rots, origins);
    placeBodies(rots, origins);
    buildGeoms();
    System.arraycopy(A1.defaultPose(), 0, target, 0, A1.NUM_MOTORS);
    Arrays.fill(torque, 0);
    Arrays.fill(footContact, false);
    badContacts = 0;
    energy = 0;
    time = 0;
    odeSeed = seed & 0xffffffffL;
  }

  private void placeBodies(double[][] rots, double[][] origins) {
    for (int b = 0; b < BODIES; b++) {
      double[] c = linkCom[b];
      double[] pos = Rot.transform(rots[b], origins[b], c[0], c[1], c[2]);
      bodies[b].setPosition(pos[0], pos[1], pos[2]);
      bodies[b].setRotation(toOde(rots[b]));
      bodies[b].setLinearVel(0, 0, 0);
      bodies[b].setAngularVel(0, 0, 0);
    }
  }

  private DHingeJoint hinge(DBody child, DBody parent, double[] anchor, double[] axis, int motor) {
    DHingeJoint j = OdeHelper.createHingeJoint(world);
    j.attach(child, parent);
    j.setAnchor(anchor[0], anchor[1], anchor[2]);
    j.setAxis(axis[0], axis[1], axis[2]);
    j.setParamLoStop(A1.LOWER[motor % 3] - QREF[motor]);
    j.setParamHiStop(A1.UPPER[motor % 3] - QREF[motor]);
    j.setParam(DJoint.PARAM_N.dParamStopERP1, 0.8);
    j.setParam(DJoint.PARAM_N.dParamStopCFM1, 1e-8);
    return j;
  }

  private void buildGeoms() {
    robotGeoms.clear();
    List<Integer> toes = new ArrayList<>();
    double[] c0 = linkCom[0];
    addGeom(OdeHelper.createBox(null, A1.TRUNK_BOX[0], A1.TRUNK_BOX[1], A1.TRUNK_BOX[2]), 0,
        -c0[0], -c0[1], -c0[2], null, toes, -1);
    double[] cylToY = Rot.rx(Math.PI / 2);
    for (int leg = 0; leg < A1.NUM_LEGS; leg++) {
      int b = 1 + 3 * leg;
      double sy = A1.leftSign(leg);
      double[] c = linkCom[b];
      addGeom(OdeHelper.createCylinder(null, A1.HIP_CYL_RADIUS, A1.HIP_CYL_LENGTH), b,
          -c[0], -c[1], -c[2], cylToY, toes, -1);
      addGeom(OdeHelper.createCylinder(null, A1.SHOULDER_CYL_RADIUS, A1.SHOULDER_CYL_LENGTH), b,
          -c[0], A1.SHOULDER_Y * sy - c[1], -c[2], cylToY, toes, -1);
      c = linkCom[b + 1];
      addGeom(OdeHelper.createBox(null, A1.THIGH_BOX[0], A1.THIGH_BOX[1], A1.THIGH_BOX[2]), b + 1,
          -c[0], -c[1], -A1.THIGH_LENGTH / 2 - c[2], null, toes, -1);
      c = linkCom[b + 2];
      addGeom(OdeHelper.createBox(null, A1.CALF_BOX[0], A1.CALF_BOX[1], A1.CALF_BOX[2]), b + 2,
          -c[0], -c[1], -A1.CALF_LENGTH / 2 - c[2], null, toes, -1);
      double[] t = toeOffset[leg];
      addGeom(OdeHelper.createSphere(null, A1.TOE_RADIUS), b + 2, t[0], t[1], t[2], null, toes, leg);
    }
    geomToe = toes.stream().mapToInt(Integer::intValue).toArray();
    geomAabb = new double[robotGeoms.size()][6];
  }

  private void addGeom(DGeom g, int body, double x, double y, double z, double[] rot, List<Integer> toes,
      int toe) {
    g.setBody(bodies[body]);
    g.setOffsetPosition(x, y, z);
    if (rot != null) {
      g.setOffsetRotation(toOde(rot));
    }
    robotGeoms.add(g);
    toes.add(toe);
  }

  private void destroyEpisode() {
    if (world == null) {
      return;
    }
    contactGroup.destroy();
    for (DGeom g : robotGeoms) {
      g.destroy();
    }
    robotGeoms.clear();
    world.destroy();
    world = null;
  }

  /**
   * Sets the PD targets (joint angles, radians) used by the following sub-steps, clipped to the joint
   * limits (MetaGym's position-mode action space is bounded by them).
   */
  void setTargets(double[] q) {
    for (int i = 0; i < A1.NUM_MOTORS; i++) {
      target[i] = Math.max(A1.LOWER[i % 3], Math.min(A1.UPPER[i % 3], q[i]));
    }
  }

  /** Advances {@code n} physics sub-steps; energy (sum of |tau . qdot| dt) restarts at 0. */
  void step(int n) {
    energy = 0;
    for (int s = 0; s < n; s++) {
      subStep();
    }
  }

  private void subStep() {
    collide();
    double power = 0;
    for (int j = 0; j < A1.NUM_MOTORS; j++) {
      int k = j % 3;
      double q = joints[j].getAngle() + QREF[j];
      double qd = joints[j].getAngleRate();
      double tau = -A1.KP[k] * gainScale * (q - target[j]) - A1.KD[k] * gainScale * qd;
      tau = Math.max(-A1.TORQUE_LIMIT[k], Math.min(A1.TORQUE_LIMIT[k], tau));
      torque[j] = tau;
      power += tau * qd;
      joints[j].addTorque(tau);
    }
    energy += Math.abs(power) * DT;
    synchronized (ODE_RNG_LOCK) {
      Misc.dRandSetSeed(odeSeed);
      world.quickStep(DT);
      odeSeed = Misc.dRandGetSeed();
    }
    contactGroup.empty();
    time += DT;
  }

  private void collide() {
    Arrays.fill(footContact, false);
    badContacts = 0;
    double ux0 = Double.POSITIVE_INFINITY;
    double ux1 = Double.NEGATIVE_INFINITY;
    double uy0 = Double.POSITIVE_INFINITY;
    double uy1 = Double.NEGATIVE_INFINITY;
    double uz0 = Double.POSITIVE_INFINITY;
    double uz1 = Double.NEGATIVE_INFINITY;
    int ng = robotGeoms.size();
    for (int i = 0; i < ng; i++) {
      DAABBC a = robotGeoms.get(i).getAABB();
      double[] box = geomAabb[i];
      box[0] = a.getMin0();
      box[1] = a.getMax0();
      box[2] = a.getMin1();
      box[3] = a.getMax1();
      box[4] = a.getMin2();
      box[5] = a.getMax2();
      ux0 = Math.min(ux0, box[0]);
      ux1 = Math.max(ux1, box[1]);
      uy0 = Math.min(uy0, box[2]);
      uy1 = Math.max(uy1, box[3]);
      uz0 = Math.min(uz0, box[4]);
      uz1 = Math.max(uz1, box[5]);
    }
    if (uz0 <= 0) {
      for (int i = 0; i < ng; i++) {
        if (geomAabb[i][4] <= 0) {
          contacts(i, plane);
        }
      }
    }
    double[] union = {ux0, ux1, uy0, uy1, uz0, uz1};
    for (int t = 0; t < bigGeoms.length; t++) {
      collideTerrain(bigGeoms[t], bigAabb[t], union);
    }
    int from = lowerBound(smallMinX, ux0 - smallMaxLen);
    for (int t = from; t < smallGeoms.length && smallMinX[t] <= ux1; t++) {
      collideTerrain(smallGeoms[t], smallAabb[t], union);
    }
  }

  private static int lowerBound(double[] a, double v) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static boolean overlap(double[] a, double[] b) {
    return a[0] <= b[1] && b[0] <= a[1] && a[2] <= b[3] && b[2] <= a[3] && a[4] <= b[5] && b[4] <= a[5];
  }

  private void collideTerrain(DGeom terrain, double[] tb, double[] union) {
    if (!overlap(union, tb)) {
      return;
    }
    for (int i = 0; i < robotGeoms.size(); i++) {
      if (overlap(geomAabb[i], tb)) {
        contacts(i, terrain);
      }
    }
  }

  private void contacts(int geomIndex, DGeom terrain) {
    DGeom g = robotGeoms.get(geomIndex);
    int n = OdeHelper.collide(g, terrain, MAX_CONTACTS, contactGeoms);
    if (n == 0) {
      return;
    }
    int toe = geomToe[geomIndex];
    if (toe >= 0) {
      footContact[toe] = true;
    } else {
      badContacts += n;
    }
    DBody body = g.getBody();
    for (int i = 0; i < n; i++) {
      DContact c = contactBuffer.get(i);
      c.surface.mode = OdeConstants.dContactApprox1 | OdeConstants.dContactSoftCFM | OdeConstants.dContactSoftERP;
      c.surface.mu = friction;
      c.surface.soft_erp = 0.2;
      c.surface.soft_cfm = 1e-5;
      DJoint cj = OdeHelper.createContactJoint(world, contactGroup, c);
      cj.attach(body, null);
    }
  }

  // ---- State accessors (all in SI units, world frame unless stated).

  /** Simulated time since reset. */
  double time() {
    return time;
  }

  /** The terrain. */
  Terrain.Layout layout() {
    return layout;
  }

  /** Trunk centre of mass (pybullet's base position is the base's inertial frame). */
  double[] basePosition() {
    DVector3C p = bodies[0].getPosition();
    return new double[] {p.get0(), p.get1(), p.get2()};
  }

  /** Trunk rotation matrix, row-major. */
  double[] baseRotation() {
    return fromOde(bodies[0].getRotation());
  }

  /** Trunk angular velocity in the trunk frame. */
  double[] baseAngularVelocityLocal() {
    DVector3C w = bodies[0].getAngularVel();
    double[] r = baseRotation();
    return new double[] {
      r[0] * w.get0() + r[3] * w.get1() + r[6] * w.get2(),
      r[1] * w.get0() + r[4] * w.get1() + r[7] * w.get2(),
      r[2] * w.get0() + r[5] * w.get1() + r[8] * w.get2()
    };
  }

  /** Joint angles in the URDF convention. */
  double[] jointAngles() {
    double[] q = new double[A1.NUM_MOTORS];
    for (int j = 0; j < A1.NUM_MOTORS; j++) {
      q[j] = joints[j].getAngle() + QREF[j];
    }
    return q;
  }

  /** Joint velocities. */
  double[] jointVelocities() {
    double[] qd = new double[A1.NUM_MOTORS];
    for (int j = 0; j < A1.NUM_MOTORS; j++) {
      qd[j] = joints[j].getAngleRate();
    }
    return qd;
  }

  /** Torques applied during the last sub-step. */
  double[] torques() {
    return torque.clone();
  }

  /** Toe centres in the world frame, 4 x 3. */
  double[][] footPositions() {
    double[][] out = new double[A1.NUM_LEGS][3];
    DVector3 v = new DVector3();
    for (int leg = 0; leg < A1.NUM_LEGS; leg++) {
      double[] t = toeOffset[leg];
      bodies[3 + 3 * leg].getRelPointPos(t[0], t[1], t[2], v);
      out[leg][0] = v.get0();
      out[leg][1] = v.get1();
      out[leg][2] = v.get2();
    }
    return out;
  }

  /** Anchors of hip, thigh and knee joints in the world frame, 12 x 3 (for drawing). */
  double[][] jointAnchors() {
    double[][] out = new double[A1.NUM_MOTORS][3];
    DVector3 v = new DVector3();
    for (int j = 0; j < A1.NUM_MOTORS; j++) {
      joints[j].getAnchor(v);
      out[j][0] = v.get0();
      out[j][1] = v.get1();
      out[j][2] = v.get2();
    }
    return out;
  }

  /** Which toes touched the terrain in the last sub-step. */
  boolean[] footContacts() {
    return footContact.clone();
  }

  /** Contact points between non-toe links and the terrain in the last sub-step. */
  int badContacts() {
    return badContacts;
  }

  /** Motor energy of the last {@link #step(int)}: sum over sub-steps of |tau . qdot| dt. */
  double energy() {
    return energy;
  }

  /** The trunk's mass (after randomisation). */
  double baseMass() {
    return bodies[0].getMass().getMass();
  }

  /** Sum of the bodies' masses. */
  double totalMass() {
    double m = 0;
    for (DBody b : bodies) {
      m += b.getMass().getMass();
    }
    return m;
  }

  /** True when every body's state is finite. */
  boolean finite() {
    for (DBody b : bodies) {
      DVector3C p = b.getPosition();
      DVector3C v = b.getLinearVel();
      if (!Double.isFinite(p.get0() + p.get1() + p.get2() + v.get0() + v.get1() + v.get2())) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    destroyEpisode();
    plane.destroy();
    for (DGeom g : bigGeoms) {
      g.destroy();
    }
    for (DGeom g : smallGeoms) {
      g.destroy();
    }
  }
}
