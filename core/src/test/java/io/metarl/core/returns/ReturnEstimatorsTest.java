package io.metarl.core.returns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.metarl.api.agent.RolloutBatch;
import io.metarl.api.env.Box;
import io.metarl.api.env.Discrete;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReturnEstimatorsTest {

  /** One lane, rewards 1..4, values 0.5, last value 10. */
  private static RolloutBatch simple() {
    RolloutBatch b = new RolloutBatch(Box.of(-1, 1, 1), new Discrete(2), 4, 1);
    for (int t = 0; t < 4; t++) {
      b.rewards[t] = t + 1;
      b.values[t] = 0.5f;
    }
    b.lastValues[0] = 10f;
    return b;
  }

  @Test
  void monteCarloBootstrapsOnlyAtTheRolloutEnd() {
    RolloutBatch b = simple();
    new MonteCarloEstimator(0.5).estimate(b);
    assertThat(b.returns).containsExactly(3.875f, 5.75f, 7.5f, 9f);
    assertThat(b.advantages[0]).isEqualTo(3.375f);
  }

  @Test
  void terminationStopsTheReturnWithoutBootstrap() {
    RolloutBatch b = simple();
    b.terminated[1] = true;
    b.truncationValues[1] = 100f; // must be ignored: terminated, not truncated
    new MonteCarloEstimator(0.5).estimate(b);
    assertThat(b.returns).containsExactly(2f, 2f, 7.5f, 9f);
  }

  @Test
  void truncationBootstrapsWithTheFinalObservationsValue() {
    RolloutBatch b = simple();
    b.truncated[1] = true;
    b.truncationValues[1] = 6f;
    new MonteCarloEstimator(0.5).estimate(b);
    assertThat(b.returns).containsExactly(3.5f, 5f, 7.5f, 9f);
    new GaeEstimator(0.5, 1.0).estimate(b);
    assertThat(b.returns).containsExactly(3.5f, 5f, 7.5f, 9f);
  }

  @Test
  void gaeByHand() {
    RolloutBatch b = simple();
    new GaeEstimator(0.5, 0.5).estimate(b);
    // deltas: t3 = 4 + 5 - 0.5 = 8.5; t2 = 3 + 0.25 - 0.5 = 2.75; t1 = 2 + 0.25 - 0.5 = 1.75; t0 = 0.75
    // A3 = 8.5; A2 = 2.75 + 0.25 * 8.5 = 4.875; A1 = 1.75 + 0.25 * 4.875 = 2.96875; A0 = 0.75 + 0.25 * 2.96875
    assertThat(b.advantages[3]).isEqualTo(8.5f);
    assertThat(b.advantages[2]).isEqualTo(4.875f);
    assertThat(b.advantages[1]).isEqualTo(2.96875f);
    assertThat((double) b.advantages[0]).isCloseTo(0.75 + 0.25 * 2.96875, within(1e-6));
  }

  @Test
  void nStepByHand() {
    RolloutBatch b = simple();
    new NStepEstimator(0.5, 2).estimate(b);
    // G0 = 1 + 0.5*2 + 0.25*V2(0.5) = 2.125; G2 = 3 + 0.5*4 + 0.25*10 = 7.5; G3 = 4 + 0.5*10 = 9
    assertThat(b.returns[0]).isEqualTo(2.125f);
    assertThat(b.returns[2]).isEqualTo(7.5f);
    assertThat(b.returns[3]).isEqualTo(9f);
  }

  @Test
  void identitiesOnRandomRolloutsWithBoundaries() {
    SplittableRandom rng = new SplittableRandom(42);
    for (int trial = 0; trial < 50; trial++) {
      RolloutBatch b = random(rng, 1 + rng.nextInt(30), 1 + rng.nextInt(5));
      double gamma = rng.nextDouble();
      double lambda = rng.nextDouble();

      new MonteCarloEstimator(gamma).estimate(b);
      float[] mcAdv = b.advantages.clone();
      new GaeEstimator(gamma, 1.0).estimate(b);
      assertClose(b.advantages, mcAdv, "GAE(lambda=1) = MC advantage");

      new GaeEstimator(gamma, 0.0).estimate(b);
      for (int t = 0; t < b.steps; t++) {
        for (int l = 0; l < b.lanes; l++) {
          int i = b.index(t, l);
          double td = b.rewards[i] + gamma * b.nextValue(t, l) - b.values[i];
          assertThat((double) b.advantages[i]).as("GAE(lambda=0) = TD error").isCloseTo(td, within(1e-4));
        }
      }

      new GaeEstimator(gamma, lambda).estimate(b);
      float[] gaeReturns = b.returns.clone();
      new LambdaReturnEstimator(gamma, lambda).estimate(b);
      assertClose(b.returns, gaeReturns, "lambda-return = GAE return");

      new NStepEstimator(gamma, 1).estimate(b);
      float[] oneStep = b.returns.clone();
      new GaeEstimator(gamma, 0.0).estimate(b);
      assertClose(oneStep, b.returns, "1-step return = GAE(0) return");

      new NStepEstimator(gamma, 1000).estimate(b);
      float[] longN = b.returns.clone();
      new MonteCarloEstimator(gamma).estimate(b);
      assertClose(longN, b.returns, "n-step with n >= T = MC");
    }
  }

  private static void assertClose(float[] a, float[] b, String what) {
    for (int i = 0; i < a.length; i++) {
      assertThat((double) a[i]).as(what + " at " + i).isCloseTo(b[i], within(1e-3 * (1 + Math.abs(b[i]))));
    }
  }

  private static RolloutBatch random(SplittableRandom rng, int steps, int lanes) {
    RolloutBatch b = new RolloutBatch(Box.of(-1, 1, 1), new Discrete(2), steps, lanes);
    for (int i = 0; i < steps * lanes; i++) {
      b.rewards[i] = (float) rng.nextDouble(-1, 1);
      b.values[i] = (float) rng.nextDouble(-2, 2);
      double u = rng.nextDouble();
      b.terminated[i] = u < 0.1;
      b.truncated[i] = u >= 0.1 && u < 0.2;
      b.truncationValues[i] = (float) rng.nextDouble(-2, 2);
    }
    for (int l = 0; l < lanes; l++) {
      b.lastValues[l] = (float) rng.nextDouble(-2, 2);
    }
    return b;
  }
}
