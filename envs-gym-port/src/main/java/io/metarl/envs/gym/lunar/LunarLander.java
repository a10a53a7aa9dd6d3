package io.metarl.envs.gym.lunar;

import io.metarl.api.env.Box;
import io.metarl.api.env.Discrete;
import io.metarl.api.env.Environment;
import io.metarl.api.env.Renderable;
import io.metarl.api.env.Space;
import io.metarl.api.env.Step;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.util.SplittableRandom;
import org.jbox2d.callbacks.ContactImpulse;
import org.jbox2d.callbacks.ContactListener;
import org.jbox2d.collision.Manifold;
import org.jbox2d.collision.shapes.EdgeShape;
import org.jbox2d.collision.shapes.PolygonShape;
import org.jbox2d.collision.shapes.Shape;
import org.jbox2d.common.Settings;
import org.jbox2d.common.Vec2;
import org.jbox2d.dynamics.Body;
import org.jbox2d.dynamics.BodyDef;
import org.jbox2d.dynamics.BodyType;
import org.jbox2d.dynamics.Fixture;
import org.jbox2d.dynamics.FixtureDef;
import org.jbox2d.dynamics.World;
import org.jbox2d.dynamics.contacts.Contact;
import org.jbox2d.dynamics.joints.RevoluteJointDef;

/**
 * Gymnasium's {@code LunarLander-v3} (and its continuous variant), ported to Java on JBox2D.
 *
 * <p>Port of {@code gymnasium/envs/box2d/lunar_lander.py} from Farama-Foundation/Gymnasium v1.3.0
 * (main at commit 3f0476a, environment version v3), wrapped in the {@code TimeLimit} of its
 * registration ({@code max_episode_steps=1000}). Ported as in the original: SCALE 30, FPS 50, the
 * 11-chunk terrain with the flat helipad and its 0.33-weighted smoothing (including the wrap-around of
 * the first chunk to the last height, a quirk of Python's negative indexing), the six-vertex lander,
 * the two legs on revolute joints with limits and spring motors, the contact detector (a leg touching
 * the ground sets its contact flag, the lander body touching it ends the game), the random initial
 * force, the main and side engine impulses with their two dispersion numbers and their off-centre
 * application points (including Gymnasium's documented side-engine quirk: 17/SCALE sideways and
 * SIDE_ENGINE_HEIGHT upwards), the world step {@code 1/FPS} with 180 velocity and 60 position
 * iterations, the 8-dimensional observation, the shaping reward with fuel costs (-0.3 per main-engine
 * frame times throttle, -0.03 per side-engine frame), termination with -100 on a crash or when
 * {@code |x| >= 1} and +100 when the lander falls asleep, the optional wind and turbulence
 * ({@code tanh(sin(0.02 k) + sin(0.01 pi k))} with offsets drawn anew at every reset), and the reset
 * that ends with one no-op step whose observation it returns.
 *
 * <p>Differences from the original:
 *
 * <ul>
 *   <li>Random numbers come from a {@link SplittableRandom} seeded by {@link #reset(long)}, drawn in
 *       Gymnasium's order (12 terrain heights, the 2 components of the initial force, the 2 wind
 *       offsets when wind is enabled, then 2 dispersion numbers per step); numpy's stream cannot be
 *       reproduced, so a given seed lands a different episode than in Python, with the same law.
 *   <li>Physics is JBox2D 2.2.1.1 instead of Box2D 2.3 (pybox2d). To keep trigonometry exact, the
 *       class initialiser sets the JVM-wide {@code org.jbox2d.common.Settings.SINCOS_LUT_ENABLED}
 *       to {@code false} (JBox2D's default look-up table has an error of about 1e-4 rad, which
 *       visibly perturbs rotations); this affects every JBox2D user in the JVM, for the better.
 *   <li>Particles (purely cosmetic in Gymnasium, and absent when not rendering) are not simulated.
 *   <li>Invalid actions (out of the Discrete(4) space, wrong length or NaN) throw
 *       {@link IllegalArgumentException}; stepping before {@code reset} or after the episode ended
 *       throws {@link IllegalStateException}. Continuous actions are clipped to [-1, 1] as in
 *       Gymnasium.
 * </ul>
 *
 * <p>Not thread-safe: one thread per instance.
 */
public final class LunarLander implements Environment, Renderable {

  static {
    // See the class Javadoc: exact sin/cos in JBox2D's rotations instead of a look-up table.
    Settings.SINCOS_LUT_ENABLED = false;
  }

  /** Simulation frames per second; one step advances the world by {@code 1/FPS} seconds. */
  public static final int FPS = 50;
  /** Pixels per world unit. */
  public static final double SCALE = 30.0;
  /** Gymnasium's {@code max_episode_steps} for LunarLander. */
  public static final int MAX_EPISODE_STEPS = 1000;

  static final double MAIN_ENGINE_POWER = 13.0;
  static final double SIDE_ENGINE_POWER = 0.6;
  static final double INITIAL_RANDOM = 1000.0;
  static final double[][] LANDER_POLY = {{-14, 17}, {-17, 0}, {-17, -10}, {17, -10}, {17, 0}, {14, 17}};
  static final double LEG_AWAY = 20;
  static final double LEG_DOWN = 18;
  static final double LEG_W = 2;
  static final double LEG_H = 8;
  static final double LEG_SPRING_TORQUE = 40;
  static final double SIDE_ENGINE_HEIGHT = 14;
  static final double SIDE_ENGINE_AWAY = 12;
  static final double MAIN_ENGINE_Y_LOCATION = 4;
  static final double VIEWPORT_W = 600;
  static final double VIEWPORT_H = 400;
  static final int CHUNKS = 11;

  private static final double W = VIEWPORT_W / SCALE;
  private static final double H = VIEWPORT_H / SCALE;
  private static final int VELOCITY_ITERATIONS = 6 * 30;
  private static final int POSITION_ITERATIONS = 2 * 30;
  private static final float TIME_STEP = (float) (1.0 / FPS);

  private static final Box OBSERVATION_SPACE = Box.of(
      new float[] {-2.5f, -2.5f, -10f, -10f, (float) (-2 * Math.PI), -10f, -0f, -0f},
      new float[] {2.5f, 2.5f, 10f, 10f, (float) (2 * Math.PI), 10f, 1f, 1f});
  private static final Box CONTINUOUS_ACTIONS = Box.of(-1f, 1f, 2);
  private static final Discrete DISCRETE_ACTIONS = new Discrete(4);

  private final LunarLanderConfig config;
  private final int maxEpisodeSteps;

  private SplittableRandom rng;
  private World world;
  private Body moon;
  private Body lander;
  private final Body[] legs = new Body[2];
  private final boolean[] legContact = new boolean[2];
  private boolean gameOver;
  private double prevShaping;
  private boolean hasPrevShaping;
  private long windIdx;
  private long torqueIdx;
  private double helipadX1;
  private double helipadX2;
  private double helipadY;
  private double[][] skyPolys;
  private int elapsedSteps;
  private boolean episodeOver = true;

  /** An environment with Gymnasium's 1000-step time limit. */
  public LunarLander(LunarLanderConfig config) {
    this(config, MAX_EPISODE_STEPS);
  }

  /**
   * An environment with a custom time limit.
   *
   * @param config the Gymnasium constructor arguments
   * @param maxEpisodeSteps steps after which an episode is truncated, at least 1
   */
  public LunarLander(LunarLanderConfig config, int maxEpisodeSteps) {
    if (maxEpisodeSteps < 1) {
      throw new IllegalArgumentException("maxEpisodeSteps must be >= 1, got " + maxEpisodeSteps);
    }
    this.config = java.util.Objects.requireNonNull(config, "config");
    this.maxEpisodeSteps = maxEpisodeSteps;
  }

  /** The parameters this environment plays. */
  public LunarLanderConfig config() {
    return config;
  }

  /** Steps taken since the last reset (the internal no-op step of reset not counted). */
  public int elapsedSteps() {
    return elapsedSteps;
  }

  @Override
  public String id() {
    return config.continuous() ? "LunarLanderContinuous-v3" : "LunarLander-v3";
  }

  @Override
  public Space observationSpace() {
    return OBSERVATION_SPACE;
  }

  @Override
  public Space actionSpace() {
    return config.continuous() ? CONTINUOUS_ACTIONS : DISCRETE_ACTIONS;
  }

  @Override
  public float[] reset(long seed) {
    rng = new SplittableRandom(seed);
    // v3 builds a fresh world at every reset (Gymnasium issue #728).
    world = new World(new Vec2(0f, (float) config.gravity()));
    world.setContactListener(new ContactDetector());
    gameOver = false;
    hasPrevShaping = false;
    prevShaping = 0.0;
    legContact[0] = false;
    legContact[1] = false;

    buildTerrain();
    buildLander();
    buildLegs();

    elapsedSteps = 0;
    episodeOver = false;
    // Gymnasium's reset returns the observation of one no-op step.
    return physicsStep(0.0, 0, 0.0).observation();
  }

  private void buildTerrain() {
    double[] height = new double[CHUNKS + 1];
    for (int i = 0; i < height.length; i++) {
      height[i] = rng.nextDouble(0.0, H / 2);
    }
    double[] chunkX = new double[CHUNKS];
    for (int i = 0; i < CHUNKS; i++) {
      chunkX[i] = W / (CHUNKS - 1) * i;
    }
    helipadX1 = chunkX[CHUNKS / 2 - 1];
    helipadX2 = chunkX[CHUNKS / 2 + 1];
    helipadY = H / 4;
    for (int k = -2; k <= 2; k++) {
      height[CHUNKS / 2 + k] = helipadY;
    }
    double[] smoothY = new double[CHUNKS];
    for (int i = 0; i < CHUNKS; i++) {
      // Python's height[i - 1] at i = 0 reads the last element.
      double before = height[Math.floorMod(i - 1, height.length)];
      smoothY[i] = 0.33 * (before + height[i] + height[i + 1]);
    }

    BodyDef bd = new BodyDef();
    bd.type = BodyType.STATIC;
    moon = world.createBody(bd);
    EdgeShape bottom = new EdgeShape();
    bottom.set(new Vec2(0f, 0f), new Vec2((float) W, 0f));
    moon.createFixture(fixture(bottom, 0f, 0.2f, 0f, 0x0001, 0xFFFF));
    skyPolys = new double[CHUNKS - 1][];
    for (int i = 0; i < CHUNKS - 1; i++) {
      EdgeShape edge = new EdgeShape();
      edge.set(new Vec2((float) chunkX[i], (float) smoothY[i]),
          new Vec2((float) chunkX[i + 1], (float) smoothY[i + 1]));
      moon.createFixture(fixture(edge, 0f, 0.1f, 0f, 0x0001, 0xFFFF));
      skyPolys[i] = new double[] {chunkX[i], smoothY[i], chunkX[i + 1], smoothY[i + 1]};
    }
  }

  private void buildLander() {
    double initialY = VIEWPORT_H / SCALE;
    double initialX = VIEWPORT_W / SCALE / 2;
    BodyDef bd = new BodyDef();
    bd.type = BodyType.DYNAMIC;
    bd.position.set((float) initialX, (float) initialY);
    bd.angle = 0f;
    lander = world.createBody(bd);
    Vec2[] vertices = new Vec2[LANDER_POLY.length];
    for (int i = 0; i < vertices.length; i++) {
      vertices[i] = new Vec2((float) (LANDER_POLY[i][0] / SCALE), (float) (LANDER_POLY[i][1] / SCALE));
    }
    PolygonShape poly = new PolygonShape();
    poly.set(vertices, vertices.length);
    lander.createFixture(fixture(poly, 5f, 0.1f, 0f, 0x0010, 0x0001));

    double fx = rng.nextDouble(-INITIAL_RANDOM, INITIAL_RANDOM);
    double fy = rng.nextDouble(-INITIAL_RANDOM, INITIAL_RANDOM);
    lander.applyForceToCenter(new Vec2((float) fx, (float) fy));

    if (config.enableWind()) {
      // numpy's integers(-9999, 9999): upper bound exclusive.
      windIdx = rng.nextInt(-9999, 9999);
      torqueIdx = rng.nextInt(-9999, 9999);
    }
  }

  private void buildLegs() {
    double initialY = VIEWPORT_H / SCALE;
    double initialX = VIEWPORT_W / SCALE / 2;
    for (int k = 0; k < 2; k++) {
      int i = k == 0 ? -1 : +1;
      BodyDef bd = new BodyDef();
      bd.type = BodyType.DYNAMIC;
      bd.position.set((float) (initialX - i * LEG_AWAY / SCALE), (float) initialY);
      bd.angle = (float) (i * 0.05);
      Body leg = world.createBody(bd);
      PolygonShape box = new PolygonShape();
      box.setAsBox((float) (LEG_W / SCALE), (float) (LEG_H / SCALE));
      leg.createFixture(fixture(box, 1f, 0.2f, 0f, 0x0020, 0x0001));

      RevoluteJointDef rjd = new RevoluteJointDef();
      rjd.bodyA = lander;
      rjd.bodyB = leg;
      rjd.localAnchorA.set(0f, 0f);
      rjd.localAnchorB.set((float) (i * LEG_AWAY / SCALE), (float) (LEG_DOWN / SCALE));
      rjd.referenceAngle = 0f;
      rjd.enableMotor = true;
      rjd.enableLimit = true;
      rjd.maxMotorTorque = (float) LEG_SPRING_TORQUE;
      rjd.motorSpeed = (float) (0.3 * i);
      if (i == -1) {
        rjd.lowerAngle = (float) (0.9 - 0.5);
        rjd.upperAngle = 0.9f;
      } else {
        rjd.lowerAngle = -0.9f;
        rjd.upperAngle = (float) (-0.9 + 0.5);
      }
      world.createJoint(rjd);
      legs[k] = leg;
    }
  }

  private static FixtureDef fixture(
      Shape shape, float density, float friction, float restitution, int category, int mask) {
    FixtureDef fd = new FixtureDef();
    fd.shape = shape;
    fd.density = density;
    fd.friction = friction;
    fd.restitution = restitution;
    fd.filter.categoryBits = category;
    fd.filter.maskBits = mask;
    return fd;
  }

  @Override
  public Step step(int action) {
    if (config.continuous()) {
      return Environment.super.step(action);
    }
    if (!DISCRETE_ACTIONS.contains(action)) {
      throw new IllegalArgumentException(id() + ": action " + action + " is not in Discrete(4)");
    }
    requireRunning();
    double mPower = action == 2 ? 1.0 : 0.0;
    int direction = action == 1 ? -1 : action == 3 ? +1 : 0;
    double sPower = direction != 0 ? 1.0 : 0.0;
    return timeLimit(physicsStep(mPower, direction, sPower));
  }

  @Override
  public Step step(float[] action) {
    if (!config.continuous()) {
      return Environment.super.step(action);
    }
    if (action == null || action.length != 2 || Float.isNaN(action[0]) || Float.isNaN(action[1])) {
      throw new IllegalArgumentException(
          id() + ": action must be 2 numbers (main, lateral), got " + java.util.Arrays.toString(action));
    }
    requireRunning();
    double main = clip(action[0], -1.0, 1.0);
    double lateral = clip(action[1], -1.0, 1.0);
    double mPower = 0.0;
    if (main > 0.0) {
      mPower = (clip(main, 0.0, 1.0) + 1.0) * 0.5; // 0.5..1.0
    }
    int direction = 0;
    double sPower = 0.0;
    if (Math.abs(lateral) > 0.5) {
      direction = (int) Math.signum(lateral);
      sPower = clip(Math.abs(lateral), 0.5, 1.0);
    }
    return timeLimit(physicsStep(mPower, direction, sPower));
  }

  private void requireRunning() {
    if (world == null) {
      throw new IllegalStateException(id() + ": call reset(seed) before step");
    }
    if (episodeOver) {
      throw new IllegalStateException(id() + ": the episode is over; call reset(seed)");
    }
  }

  private Step timeLimit(Step s) {
    elapsedSteps++;
    boolean truncated = elapsedSteps >= maxEpisodeSteps;
    if (s.terminated() || truncated) {
      episodeOver = true;
    }
    return truncated ? new Step(s.observation(), s.reward(), s.terminated(), true) : s;
  }

  /**
   * One Gymnasium {@code step}: wind, engines, world step, observation and reward.
   *
   * @param mPower main engine throttle, 0 (off) or 0.5..1
   * @param direction side engine direction, -1 (left), +1 (right) or 0 (off)
   * @param sPower side engine throttle, 0 (off) or 0.5..1
   */
  private Step physicsStep(double mPower, int direction, double sPower) {
    if (config.enableWind() && !(legContact[0] || legContact[1])) {
      double windMag = Math.tanh(Math.sin(0.02 * windIdx) + Math.sin(Math.PI * 0.01 * windIdx))
          * config.windPower();
      windIdx++;
      lander.applyForceToCenter(new Vec2((float) windMag, 0f));
      double torqueMag = Math.tanh(Math.sin(0.02 * torqueIdx) + Math.sin(Math.PI * 0.01 * torqueIdx))
          * config.turbulencePower();
      torqueIdx++;
      lander.applyTorque((float) torqueMag);
    }

    double angle = lander.getAngle();
    double tipX = Math.sin(angle);
    double tipY = Math.cos(angle);
    double sideX = -tipY;
    double sideY = tipX;
    double dispersion0 = rng.nextDouble(-1.0, 1.0) / SCALE;
    double dispersion1 = rng.nextDouble(-1.0, 1.0) / SCALE;

    if (mPower > 0.0) {
      double along = MAIN_ENGINE_Y_LOCATION / SCALE + 2 * dispersion0;
      double ox = tipX * along + sideX * dispersion1;
      double oy = -tipY * along - sideY * dispersion1;
      Vec2 pos = lander.getPosition();
      Vec2 point = new Vec2((float) (pos.x + ox), (float) (pos.y + oy));
      lander.applyLinearImpulse(
          new Vec2((float) (-ox * MAIN_ENGINE_POWER * mPower), (float) (-oy * MAIN_ENGINE_POWER * mPower)),
          point);
    }

    if (sPower > 0.0) {
      double across = 3 * dispersion1 + direction * SIDE_ENGINE_AWAY / SCALE;
      double ox = tipX * dispersion0 + sideX * across;
      double oy = -tipY * dispersion0 - sideY * across;
      Vec2 pos = lander.getPosition();
      // Gymnasium's quirk: 17/SCALE along the tip sideways, SIDE_ENGINE_HEIGHT/SCALE upwards.
      Vec2 point = new Vec2(
          (float) (pos.x + ox - tipX * 17 / SCALE), (float) (pos.y + oy + tipY * SIDE_ENGINE_HEIGHT / SCALE));
      lander.applyLinearImpulse(
          new Vec2((float) (-ox * SIDE_ENGINE_POWER * sPower), (float) (-oy * SIDE_ENGINE_POWER * sPower)),
          point);
    }

    world.step(TIME_STEP, VELOCITY_ITERATIONS, POSITION_ITERATIONS);

    Vec2 pos = lander.getPosition();
    Vec2 vel = lander.getLinearVelocity();
    double[] state = {
      (pos.x - VIEWPORT_W / SCALE / 2) / (VIEWPORT_W / SCALE / 2),
      (pos.y - (helipadY + LEG_DOWN / SCALE)) / (VIEWPORT_H / SCALE / 2),
      vel.x * (VIEWPORT_W / SCALE / 2) / FPS,
      vel.y * (VIEWPORT_H / SCALE / 2) / FPS,
      lander.getAngle(),
      20.0 * lander.getAngularVelocity() / FPS,
      legContact[0] ? 1.0 : 0.0,
      legContact[1] ? 1.0 : 0.0
    };

    double reward = 0.0;
    double shaping = -100 * Math.sqrt(state[0] * state[0] + state[1] * state[1])
        - 100 * Math.sqrt(state[2] * state[2] + state[3] * state[3])
        - 100 * Math.abs(state[4])
        + 10 * state[6]
        + 10 * state[7];
    if (hasPrevShaping) {
      reward = shaping - prevShaping;
    }
    prevShaping = shaping;
    hasPrevShaping = true;

    reward -= mPower * 0.30;
    reward -= sPower * 0.03;

    boolean terminated = false;
    if (gameOver || Math.abs(state[0]) >= 1.0) {
      terminated = true;
      reward = -100;
    }
    if (!lander.isAwake()) {
      terminated = true;
      reward = +100;
    }
    float[] obs = new float[state.length];
    for (int i = 0; i < obs.length; i++) {
      obs[i] = (float) state[i];
    }
    return new Step(obs, reward, terminated, false);
  }

  /** Drops the physics world; {@link #reset(long)} builds a new one. */
  @Override
  public void close() {
    world = null;
    moon = null;
    lander = null;
    legs[0] = null;
    legs[1] = null;
    episodeOver = true;
  }

  private static double clip(double x, double lo, double hi) {
    return Math.max(lo, Math.min(hi, x));
  }

  /** Gymnasium's {@code ContactDetector}. */
  private final class ContactDetector implements ContactListener {
    @Override
    public void beginContact(Contact contact) {
      Body a = contact.getFixtureA().getBody();
      Body b = contact.getFixtureB().getBody();
      if (lander == a || lander == b) {
        gameOver = true;
      }
      for (int i = 0; i < 2; i++) {
        if (legs[i] == a || legs[i] == b) {
          legContact[i] = true;
        }
      }
    }

    @Override
    public void endContact(Contact contact) {
      Body a = contact.getFixtureA().getBody();
      Body b = contact.getFixtureB().getBody();
      for (int i = 0; i < 2; i++) {
        if (legs[i] == a || legs[i] == b) {
          legContact[i] = false;
        }
      }
    }

    @Override
    public void preSolve(Contact contact, Manifold oldManifold) {}

    @Override
    public void postSolve(Contact contact, ContactImpulse impulse) {}
  }

  // ---------------------------------------------------------------- rendering

  private static final Color SKY = Color.BLACK;
  private static final Color GROUND = Color.WHITE;
  private static final Color BODY_FILL = new Color(128, 102, 230);
  private static final Color BODY_LINE = new Color(77, 77, 128);
  private static final Color FLAG = new Color(204, 204, 0);

  /**
   * Draws Gymnasium's picture: white ground under a black sky, the helipad flags, the lander and its
   * legs. Before the first reset only the background is drawn.
   */
  @Override
  public void render(Graphics2D g, int width, int height) {
    double sx = width / VIEWPORT_W;
    double sy = height / VIEWPORT_H;
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(GROUND);
    g.fillRect(0, 0, width, height);
    if (world == null || lander == null) {
      return;
    }
    // World units -> pixels, y up -> y down.
    java.util.function.DoubleUnaryOperator px = x -> x * SCALE * sx;
    java.util.function.DoubleUnaryOperator py = y -> height - y * SCALE * sy;

    g.setColor(SKY);
    for (double[] p : skyPolys) {
      Path2D.Double path = new Path2D.Double();
      path.moveTo(px.applyAsDouble(p[0]), py.applyAsDouble(p[1]));
      path.lineTo(px.applyAsDouble(p[2]), py.applyAsDouble(p[3]));
      path.lineTo(px.applyAsDouble(p[2]), py.applyAsDouble(H));
      path.lineTo(px.applyAsDouble(p[0]), py.applyAsDouble(H));
      path.closePath();
      g.fill(path);
    }

    Body[] drawList = {lander, legs[0], legs[1]};
    g.setStroke(new BasicStroke(1f));
    for (Body body : drawList) {
      for (Fixture f = body.getFixtureList(); f != null; f = f.getNext()) {
        if (!(f.getShape() instanceof PolygonShape poly)) {
          continue;
        }
        Path2D.Double path = new Path2D.Double();
        Vec2 v = new Vec2();
        for (int i = 0; i < poly.m_count; i++) {
          org.jbox2d.common.Transform.mulToOut(body.getTransform(), poly.m_vertices[i], v);
          double x = px.applyAsDouble(v.x);
          double y = py.applyAsDouble(v.y);
          if (i == 0) {
            path.moveTo(x, y);
          } else {
            path.lineTo(x, y);
          }
        }
        path.closePath();
        g.setColor(BODY_FILL);
        g.fill(path);
        g.setColor(BODY_LINE);
        g.draw(path);
      }
    }

    for (double hx : new double[] {helipadX1, helipadX2}) {
      double x = px.applyAsDouble(hx);
      double flagY1 = helipadY * SCALE; // pixels above the bottom, as in Gymnasium (unscaled offsets)
      double flagY2 = flagY1 + 50;
      double y1 = height - flagY1 * sy;
      double y2 = height - flagY2 * sy;
      g.setColor(Color.WHITE);
      g.draw(new Line2D.Double(x, y1, x, y2));
      Path2D.Double flag = new Path2D.Double();
      flag.moveTo(x, y2);
      flag.lineTo(x, height - (flagY2 - 10) * sy);
      flag.lineTo(x + 25 * sx, height - (flagY2 - 5) * sy);
      flag.closePath();
      g.setColor(FLAG);
      g.fill(flag);
    }
  }
}
