package io.metarl.envs.quadruped;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class A1SimulationTest {

  private static A1Simulation plane() {
    A1Simulation sim = new A1Simulation(Terrain.PLANE.build(0), 1.0, 1.0, 1.0);
    sim.reset(1);
    return sim;
  }

  @Test
  void startsInTheDefaultPoseWithTheUrdfMass() {
    try (A1Simulation sim = plane()) {
      double[] q = sim.jointAngles();
      for (int i = 0; i < 12; i++) {
        assertThat(q[i]).isCloseTo(A1.DEFAULT_POSE[i % 3], within(1e-9));
      }
      // trunk 4.713 + 4 x (hip 0.696 + thigh 1.013 + calf 0.166 + toe 0.06)
      assertThat(sim.totalMass()).isCloseTo(12.453, within(1e-9));
      // In the default pose each toe is under its thigh joint, 0.2486 m below it (MetaGym's FK).
      double[][] feet = sim.footPositions();
      double[][] anchors = sim.jointAnchors();
      for (int leg = 0; leg < 4; leg++) {
        assertThat(feet[leg][0]).isCloseTo(anchors[3 * leg + 1][0], within(1e-9));
        double legLength = Math.sqrt(0.08 + 0.08 * Math.cos(-1.8));
        assertThat(anchors[3 * leg + 1][2] - feet[leg][2]).isCloseTo(legLength, within(1e-9));
      }
    }
  }

  @Test
  void standsStillInTheDefaultPoseForFiveSeconds() {
    try (A1Simulation sim = plane()) {
      sim.step(250); // 0.5 s to land from the 0.28 m start
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < 2500; i++) { // 5 s
        sim.step(1);
        double z = sim.basePosition()[2];
        min = Math.min(min, z);
        max = Math.max(max, z);
      }
      assertThat(max - min).isLessThan(0.01);
      assertThat(min).isBetween(0.24, 0.28);
      assertThat(Math.abs(sim.basePosition()[0])).isLessThan(0.02);
      assertThat(sim.footContacts()).containsOnly(true);
      assertThat(sim.badContacts()).isZero();
    }
  }

  @Test
  void jointLimitsHoldAgainstSaturatedTargets() {
    try (A1Simulation sim = plane()) {
      double[][] extremes = {
        {1.5, 5.0, -0.2}, {-1.5, -2.0, -3.5}
      };
      for (double[] e : extremes) {
        double[] target = new double[12];
        for (int i = 0; i < 12; i++) {
          target[i] = e[i % 3];
        }
        sim.setTargets(target); // clipped to the limits, so the motors push into the stops
        double worst = 0;
        double last = 0;
        for (int s = 0; s < 500; s++) {
          sim.step(1);
          double[] q = sim.jointAngles();
          last = 0;
          for (int i = 0; i < 12; i++) {
            last = Math.max(last, Math.max(A1.LOWER[i % 3] - q[i], q[i] - A1.UPPER[i % 3]));
          }
          worst = Math.max(worst, last);
          for (double tau : sim.torques()) {
            assertThat(Math.abs(tau)).isLessThanOrEqualTo(33.5);
          }
        }
        // ODE's stops are stiff springs: a few degrees while the robot collapses, ~0 at rest.
        assertThat(worst).isLessThan(0.08);
        assertThat(last).isLessThan(0.01);
      }
    }
  }

  @Test
  void positiveTorqueRaisesTheAngleLikeTheUrdf() {
    try (A1Simulation sim = plane()) {
      double[] target = A1.defaultPose();
      target[1] += 0.3; // FR thigh
      sim.setTargets(target);
      sim.step(100);
      assertThat(sim.jointAngles()[1]).isGreaterThan(1.05);
    }
  }
}
