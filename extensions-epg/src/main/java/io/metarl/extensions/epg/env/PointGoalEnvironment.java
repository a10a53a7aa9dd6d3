package io.metarl.extensions.epg.env;

import io.metarl.api.env.Box;
import io.metarl.api.env.Environment;
import io.metarl.api.env.Space;
import io.metarl.api.env.Step;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A 2-D point mass that must reach an unobserved goal: the small, fast stand-in for the EPG paper's
 * directional GoalAnt test (Houthooft et al. 2018, section 4). The observation is the position
 * {@code (x, y)}; the action is a displacement in {@code [-1, 1]^2} scaled by {@code max-speed} (actions
 * outside the box are clipped); the reward is the negative Euclidean distance to the goal minus
 * {@code ctrl-cost * |a|^2}. The goal is not observed: it is found from the reward alone, so an agent
 * (or a loss) has to learn the direction. Episodes start near the origin and are truncated after
 * {@code episode-length} steps; there is no terminal state.
 */
public final class PointGoalEnvironment implements Environment {
  private static final Box OBS = Box.of(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, 2);
  private static final Box ACT = Box.of(-1f, 1f, 2);
  private final double goalX;
  private final double goalY;
  private final int episodeLength;
  private final double maxSpeed;
  private final double ctrlCost;
  private double x;
  private double y;
  private int t;

  /**
   * @param goalX goal abscissa
   * @param goalY goal ordinate
   * @param episodeLength steps before truncation
   * @param maxSpeed distance covered per step by a unit action component
   * @param ctrlCost control cost coefficient
   */
  public PointGoalEnvironment(double goalX, double goalY, int episodeLength, double maxSpeed, double ctrlCost) {
    this.goalX = goalX;
    this.goalY = goalY;
    this.episodeLength = episodeLength;
    this.maxSpeed = maxSpeed;
    this.ctrlCost = ctrlCost;
  }

  @Override
  public String id() {
    return "PointGoal-v0";
  }

  @Override
  public Space observationSpace() {
    return OBS;
  }

  @Override
  public Space actionSpace() {
    return ACT;
  }

  @Override
  public float[] reset(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    x = rng.nextDouble(-0.05, 0.05);
    y = rng.nextDouble(-0.05, 0.05);
    t = 0;
    return new float[] {(float) x, (float) y};
  }

  @Override
  public Step step(float[] action) {
    if (action.length != 2) {
      throw new IllegalArgumentException("PointGoal takes a 2-D action, got " + action.length);
    }
    double ax = clip(action[0]);
    double ay = clip(action[1]);
    x += maxSpeed * ax;
    y += maxSpeed * ay;
    t++;
    double dist = Math.hypot(x - goalX, y - goalY);
    double reward = -dist - ctrlCost * (ax * ax + ay * ay);
    return new Step(new float[] {(float) x, (float) y}, reward, false, t >= episodeLength,
        Map.of("distance", dist));
  }

  private static double clip(float a) {
    if (Float.isNaN(a)) {
      return 0;
    }
    return Math.max(-1.0, Math.min(1.0, a));
  }
}
