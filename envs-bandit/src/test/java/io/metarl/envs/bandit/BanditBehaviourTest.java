package io.metarl.envs.bandit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BanditBehaviourTest {

  private static final BanditTask TASK = new BanditTask(new double[] {0.2, 0.9, 0.5}, 10);

  @Test
  void countsArmsBestArmSharesAndRewardByPart() {
    BanditBehaviour b = new BanditBehaviour();
    // Tries arm 0 (fails), arm 2 (wins), then stays on arm 2; the last fifth (steps 8, 9) is on arm 2,
    // which is the empirical best there but not the true best (arm 1).
    int[] actions = {0, 2, 2, 2, 2, 2, 2, 2, 2, 2};
    double[] rewards = {0, 1, 1, 0, 1, 1, 0, 1, 1, 1};
    b.record(TASK, actions, rewards);
    assertThat(b.trials()).isEqualTo(1);
    assertThat(b.meanTotalReward()).isEqualTo(7.0);
    assertThat(b.meanRegret()).isCloseTo(0.9 * 10 - 7, within(1e-12));
    assertThat(b.distinctArms()).isEqualTo(2.0);
    assertThat(b.newArmsInFirstTen()).isEqualTo(2.0);
    assertThat(b.lateBestArmShare()).isZero();
    assertThat(b.lateEmpiricalBestShare()).isEqualTo(1.0);
    assertThat(b.rewardByPart()).containsExactly(0, 1, 1, 0, 1, 1, 0, 1, 1, 1);

    // A second trial that explores all three arms and ends on the true best arm; before step 8 arm 1
    // has 2 wins in 2 pulls (the empirical best), at step 9 too.
    b.record(TASK, new int[] {0, 1, 2, 2, 2, 2, 2, 1, 1, 1}, new double[] {0, 1, 0, 0, 0, 0, 0, 1, 1, 1});
    assertThat(b.trials()).isEqualTo(2);
    assertThat(b.meanTotalReward()).isEqualTo((7.0 + 4.0) / 2);
    assertThat(b.distinctArms()).isEqualTo(2.5);
    assertThat(b.lateBestArmShare()).isEqualTo(0.5);
    assertThat(b.lateEmpiricalBestShare()).isEqualTo(1.0);
    assertThat(b.rewardByPart()[1]).isEqualTo(1.0);
    assertThat(b.rewardByPart()[2]).isEqualTo(0.5);
    assertThat(b.row("x")).startsWith("x").contains("5.50");
  }

  @Test
  void pullsOfAnUntriedArmAtTheEndAreNotEmpiricalBest() {
    BanditBehaviour b = new BanditBehaviour();
    // Arm 0 never wins, arm 1 is first pulled in the last fifth: not the empirical best when chosen.
    b.record(TASK, new int[] {0, 0, 0, 0, 0, 0, 0, 0, 1, 1}, new double[] {0, 0, 0, 0, 0, 0, 0, 0, 1, 1});
    assertThat(b.lateBestArmShare()).isEqualTo(1.0);
    assertThat(b.lateEmpiricalBestShare()).isEqualTo(0.5);
  }

  @Test
  void refusesMalformedTrials() {
    BanditBehaviour b = new BanditBehaviour();
    assertThatThrownBy(() -> b.record(TASK, new int[] {0, 1}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 actions and 1 rewards");
    assertThatThrownBy(() -> b.record(TASK, new int[] {3}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("action 3 at step 0").hasMessageContaining("3-armed");
  }
}
