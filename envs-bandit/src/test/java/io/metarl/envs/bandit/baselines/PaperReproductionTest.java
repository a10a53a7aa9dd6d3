package io.metarl.envs.bandit.baselines;

import static org.assertj.core.api.Assertions.assertThat;

import io.metarl.envs.bandit.IndependentBandits;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A few cells of the RL² paper's bandit table (DESIGN.md section 7): Random, Gittins and Thompson
 * sampling at (n, k) = (10, 5), (100, 5), (100, 10) with 2000 tasks. A cell passes when our mean is
 * within 2 standard errors of the paper's figure, the standard error combining ours with the paper's
 * (the paper's assumed to come from 1000 tasks with the same spread: sqrt(1 + 2000/1000) = sqrt(3)
 * times ours), plus the paper's rounding to 0.1. Known deviations (BASELINES.md), checked with the extra slack stated per
 * cell: our finite-horizon Gittins is about 1% above the paper's at (100, 10) (83.5-83.7 over 1000-4000
 * tasks and several seeds vs 82.8), and our Thompson sampling 0.1-0.2 above it at n = 10; both are
 * better than the paper's figures, not worse.
 */
class PaperReproductionTest {

  private static void check(int n, int k, double random, double gittins, double ts, double gittinsSlack,
      double tsSlack) {
    IndependentBandits dist = new IndependentBandits(k, n);
    List<BaselineRunner.Entry> entries = List.of(
        new BaselineRunner.Entry("random", Baselines.create("random", Map.of(), dist.spec())),
        new BaselineRunner.Entry("gittins", Baselines.create("gittins", Map.of("horizon", n), dist.spec())),
        new BaselineRunner.Entry("thompson", Baselines.create("thompson", Map.of(), dist.spec())));
    List<BaselineRunner.Result> r = BaselineRunner.run(dist, entries, 2000, 2016, 64, false);
    double[] paper = {random, gittins, ts};
    for (int i = 0; i < 3; i++) {
      BaselineRunner.Result x = r.get(i);
      double tolerance = 2 * Math.sqrt(3) * x.stderr() + 0.05 + (i == 1 ? gittinsSlack : 0) + (i == 2 ? tsSlack : 0);
      assertThat(x.meanTotalReward()).as("%s at n=%d k=%d", x.policy(), n, k)
          .isCloseTo(paper[i], org.assertj.core.api.Assertions.within(tolerance));
    }
  }

  @Test
  void tenPullsFiveArms() {
    check(10, 5, 5.0, 6.6, 5.7, 0, 0.15);
  }

  @Test
  void hundredPullsFiveArms() {
    check(100, 5, 49.9, 78.3, 74.7, 0, 0);
  }

  @Test
  void hundredPullsTenArms() {
    check(100, 10, 49.9, 82.8, 76.7, 0.9, 0);
  }
}
