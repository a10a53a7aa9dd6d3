package io.metarl.envs.bandit.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.metarl.envs.bandit.IndependentBandits;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GittinsIndexTest {

  /** Straightforward reference: recursive value of the retirement problem and bisection on lambda. */
  private static double bruteForce(double a, double b, int m, double gamma) {
    double lo = 0;
    double hi = 1;
    for (int i = 0; i < 60; i++) {
      double lambda = (lo + hi) / 2;
      Map<String, Double> memo = new HashMap<>();
      double retire = lambda * geometric(gamma, m);
      double cont = continueValue(a, b, m, lambda, gamma, memo);
      if (cont > retire + 1e-15) {
        lo = lambda;
      } else {
        hi = lambda;
      }
    }
    return (lo + hi) / 2;
  }

  private static double geometric(double gamma, int m) {
    double g = 0;
    double p = 1;
    for (int i = 0; i < m; i++) {
      g += p;
      p *= gamma;
    }
    return g;
  }

  private static double value(double a, double b, int m, double lambda, double gamma, Map<String, Double> memo) {
    if (m == 0) {
      return 0;
    }
    String key = a + "/" + b + "/" + m;
    Double v = memo.get(key);
    if (v == null) {
      v = Math.max(lambda * geometric(gamma, m), continueValue(a, b, m, lambda, gamma, memo));
      memo.put(key, v);
    }
    return v;
  }

  private static double continueValue(double a, double b, int m, double lambda, double gamma, Map<String, Double> memo) {
    double mu = a / (a + b);
    return mu + gamma * (mu * value(a + 1, b, m - 1, lambda, gamma, memo)
        + (1 - mu) * value(a, b + 1, m - 1, lambda, gamma, memo));
  }

  @Test
  void oneLeftIsThePosteriorMean() {
    GittinsIndex g = new GittinsIndex(20, 1.0, 1, 1);
    assertThat(g.index(0, 0, 1)).isCloseTo(0.5, within(1e-12));
    assertThat(g.index(3, 1, 1)).isCloseTo(4.0 / 6.0, within(1e-12));
    assertThat(g.index(0, 5, 1)).isCloseTo(1.0 / 7.0, within(1e-12));
  }

  @Test
  void handComputedTwoPulls() {
    // m = 2, Beta(1,1): W = 1/2 - l + (2/3 - l)/2 for l in [1/2, 2/3], zero at l = 5/9
    GittinsIndex g = new GittinsIndex(20, 1.0, 1, 1);
    assertThat(g.index(0, 0, 2)).isCloseTo(5.0 / 9.0, within(1e-12));
    // m = 2, Beta(2,1): mean 2/3, after success 3/4: W = 2/3 - l + 2/3 (3/4 - l), zero at l = 7/10
    assertThat(g.index(1, 0, 2)).isCloseTo(0.7, within(1e-12));
  }

  @Test
  void matchesBruteForceOnSmallTrees() {
    for (double gamma : new double[] {1.0, 0.9, 0.5}) {
      GittinsIndex g = new GittinsIndex(9, gamma, 1, 1);
      for (int m = 1; m <= 9; m++) {
        for (int s = 0; s <= 3; s++) {
          for (int f = 0; f <= 3; f++) {
            assertThat(g.index(s, f, m)).as("gamma %s s %d f %d m %d", gamma, s, f, m)
                .isCloseTo(bruteForce(1 + s, 1 + f, m, gamma), within(1e-9));
          }
        }
      }
    }
    GittinsIndex prior = new GittinsIndex(6, 1.0, 0.5, 2.0);
    assertThat(prior.index(1, 1, 6)).isCloseTo(bruteForce(1.5, 3.0, 6, 1.0), within(1e-9));
  }

  @Test
  void longDiscountedHorizonMatchesGittinsTable() {
    // Gittins' table for Bernoulli arms, gamma = 0.9 (as reproduced in GittinsIndices.jl's tests):
    // Beta(1,1) .7029, Beta(2,1) .8001, Beta(3,1) .8452, Beta(1,2) .5001, Beta(2,2) .6346, Beta(1,3) .3796
    GittinsIndex g = new GittinsIndex(400, 0.9, 1, 1);
    int m = 400; // 0.9^400 ~ 5e-19: the horizon no longer matters
    assertThat(g.index(0, 0, m)).isCloseTo(0.7029, within(1e-4));
    assertThat(g.index(1, 0, m)).isCloseTo(0.8001, within(1e-4));
    assertThat(g.index(2, 0, m)).isCloseTo(0.8452, within(1e-4));
    assertThat(g.index(0, 1, m)).isCloseTo(0.5001, within(1e-4));
    assertThat(g.index(1, 1, m)).isCloseTo(0.6346, within(1e-4));
    assertThat(g.index(0, 2, m)).isCloseTo(0.3796, within(1e-4));
  }

  @Test
  void monotoneInHorizonSuccessesAndFailures() {
    GittinsIndex g = new GittinsIndex(100, 1.0, 1, 1);
    for (int s = 0; s < 5; s++) {
      for (int f = 0; f < 5; f++) {
        double previous = 0;
        for (int m = 1; m <= 100; m += 9) {
          double v = g.index(s, f, m);
          assertThat(v).isGreaterThanOrEqualTo(previous - 1e-12).isGreaterThanOrEqualTo((1.0 + s) / (2 + s + f) - 1e-12)
              .isLessThanOrEqualTo(1.0);
          previous = v;
          assertThat(g.index(s + 1, f, m)).isGreaterThan(v);
          assertThat(g.index(s, f + 1, m)).isLessThan(v);
        }
      }
    }
    // exploration bonus at the start of a 100-pull trial is large
    assertThat(g.index(0, 0, 100)).isGreaterThan(0.85);
  }

  @Test
  void rejectsOutOfRangeQueries() {
    GittinsIndex g = new GittinsIndex(10, 1.0, 1, 1);
    assertThatThrownBy(() -> g.index(0, 0, 11)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> g.index(-1, 0, 5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GittinsIndex(10, 0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fiftyArmsFiveHundredPullsRunQuickly() {
    IndependentBandits dist = new IndependentBandits(50, 500);
    List<BaselineRunner.Entry> entries = List.of(new BaselineRunner.Entry("gittins",
        Baselines.create("gittins", Map.of("horizon", 500), dist.spec())));
    long start = System.nanoTime();
    List<BaselineRunner.Result> r = BaselineRunner.run(dist, entries, 5, 3, 5, true);
    double seconds = (System.nanoTime() - start) / 1e9;
    assertThat(seconds).isLessThan(30);
    // near the oracle: the paper reports 463.7 vs an oracle near 490
    assertThat(r.get(0).meanTotalReward()).isGreaterThan(r.get(1).meanTotalReward() - 60);
    assertThat(r.get(0).meanRegret()).isBetween(5.0, 60.0);
  }
}
