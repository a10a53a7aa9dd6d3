package io.metarl.envs.gym.lunar;

import io.metarl.api.env.Controller;

/**
 * Gymnasium's scripted LunarLander pilot, {@code heuristic(env, s)} in
 * {@code gymnasium/envs/box2d/lunar_lander.py} (Gymnasium v1.3.0, LunarLander-v3), for both action
 * spaces.
 *
 * <p>It steers the angle towards {@code 0.5 x + vx} (limited to +-0.4 rad) and the height towards
 * {@code 0.55 |x|}, each with a proportional-derivative rule; once a leg touches the ground it only
 * brakes the fall. The discrete variant fires the main engine when the hover correction dominates and
 * exceeds 0.05, otherwise a side engine when the angle correction exceeds 0.05; the continuous variant
 * outputs {@code clip([20 hover - 1, -20 angle], -1, 1)}. Stateless.
 */
public final class LunarLanderHeuristic implements Controller {

  /** The name under which the LunarLander plugins list this controller. */
  public static final String NAME = "heuristic";

  @Override
  public int act(float[] s) {
    double[] todo = todo(s);
    double angleTodo = todo[0];
    double hoverTodo = todo[1];
    if (hoverTodo > Math.abs(angleTodo) && hoverTodo > 0.05) {
      return 2;
    } else if (angleTodo < -0.05) {
      return 3;
    } else if (angleTodo > +0.05) {
      return 1;
    }
    return 0;
  }

  @Override
  public float[] actContinuous(float[] s) {
    double[] todo = todo(s);
    double main = clip(todo[1] * 20 - 1);
    double lateral = clip(-todo[0] * 20);
    return new float[] {(float) main, (float) lateral};
  }

  /** {@code (angle_todo, hover_todo)} of Gymnasium's heuristic. */
  private static double[] todo(float[] s) {
    if (s.length != 8) {
      throw new IllegalArgumentException("LunarLander observations have 8 components, got " + s.length);
    }
    double angleTarget = s[0] * 0.5 + s[2] * 1.0; // angle should point towards the centre
    if (angleTarget > 0.4) {
      angleTarget = 0.4; // more than 0.4 rad (22 degrees) is bad
    }
    if (angleTarget < -0.4) {
      angleTarget = -0.4;
    }
    double hoverTarget = 0.55 * Math.abs(s[0]); // target height proportional to horizontal offset

    double angleTodo = (angleTarget - s[4]) * 0.5 - s[5] * 1.0;
    double hoverTodo = (hoverTarget - s[1]) * 0.5 - s[3] * 0.5;

    if (s[6] != 0 || s[7] != 0) { // legs have contact: only reduce the fall speed
      angleTodo = 0;
      hoverTodo = -s[3] * 0.5;
    }
    return new double[] {angleTodo, hoverTodo};
  }

  private static double clip(double x) {
    return Math.max(-1.0, Math.min(1.0, x));
  }
}
