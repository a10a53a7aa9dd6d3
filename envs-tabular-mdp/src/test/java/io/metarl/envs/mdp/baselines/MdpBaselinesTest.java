package io.metarl.envs.mdp.baselines;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.metarl.api.agent.Mode;
import io.metarl.api.agent.PolicyInput;
import io.metarl.api.agent.PolicyOutput;
import io.metarl.api.env.Step;
import io.metarl.api.plugin.Plugin;
import io.metarl.api.plugin.PluginContext;
import io.metarl.api.task.TaskDistribution;
import io.metarl.envs.mdp.MdpTask;
import io.metarl.envs.mdp.RandomMdps;
import io.metarl.envs.mdp.TabularMdp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MdpBaselinesTest {
  /** Two states, two actions, deterministic moves to state 0; action 1 pays 1 on average, action 0 pays 0. */
  private static final MdpTask TWO_STATE = new MdpTask(
      new double[][] {{0.0, 1.0}, {0.0, 1.0}},
      new double[][][] {{{1, 0}, {1, 0}}, {{1, 0}, {1, 0}}}, 10);

  @Test
  void modelBasedBaselinesFindTheBetterActionOfADeterministicMdp() {
    Map<String, MdpBaselineAgent> agents = new LinkedHashMap<>();
    for (String name : List.of("psrl", "opsrl", "ucrl2", "beb", "mdp-random")) {
      agents.put(name, MdpBaselines.create(name, Map.of(), new RandomMdps(2, 2, 10).spec(), 10));
    }
    List<MdpBaselines.Result> results = MdpBaselines.run(TaskDistribution.fixed(TWO_STATE), agents, 20, 100, 1, 50);
    for (MdpBaselines.Result r : results) {
      double last = r.byEpisode()[19];
      if (r.policy().equals("mdp-random")) {
        assertThat(last).as(r.policy()).isBetween(3.5, 6.5);
      } else {
        assertThat(last).as(r.policy() + " in the trial's last episode").isGreaterThan(8.0); // optimum 10, random 5; noise stderr ~0.3
        assertThat(r.byEpisode()[0]).as(r.policy() + " learns within the trial").isLessThan(last);
      }
    }
  }

  @Test
  void ucrl2ConfidenceSetsShrinkWithVisits() {
    Rules.Ucrl2 rule = (Rules.Ucrl2) Rules.ucrl2(1.0, 0.05);
    MdpStatistics st = new MdpStatistics(2, 2);
    double[][][] q = new double[10][2][2];
    for (int i = 0; i < 4; i++) {
      st.recordReward(0, 0, 0.5);
      st.recordTransition(0, 0, 1);
    }
    rule.plan(st, 10, new SplittableRandom(1), q);
    double r4 = rule.rewardWidth[0][0];
    double p4 = rule.transitionWidth[0][0];
    double unvisited = rule.rewardWidth[1][1];
    for (int i = 0; i < 396; i++) {
      st.recordReward(0, 0, 0.5);
      st.recordTransition(0, 0, 1);
    }
    rule.plan(st, 10, new SplittableRandom(1), q);
    assertThat(rule.rewardWidth[0][0]).isLessThan(r4 / 5);
    assertThat(rule.transitionWidth[0][0]).isLessThan(p4 / 5);
    assertThat(r4).isLessThan(unvisited);
    // on the last step the optimistic value of the visited pair is its empirical mean plus the width
    assertThat(q[9][0][0]).isCloseTo(0.5 + rule.rewardWidth[0][0], org.assertj.core.api.Assertions.within(1e-12));
  }

  @Test
  void policyCountsTransitionsInsideEpisodesOnlyAndRestartsForANewTask() {
    MdpBaselineAgent agent = MdpBaselines.create("psrl", Map.of(), new RandomMdps(10, 5, 10).spec(), 10);
    MdpBaselinePolicy policy = agent.mdpPolicy(1, 3);
    MdpTask task = new RandomMdps(10, 5, 10).sample(new SplittableRandom(5));
    TabularMdp env = task.newEnvironment();
    PolicyInput in = new PolicyInput(agent.spec().observationSpace(), agent.spec().actionSpace(), 1);
    PolicyOutput out = new PolicyOutput(agent.spec().actionSpace(), 1);
    for (int ep = 0; ep < 2; ep++) {
      System.arraycopy(env.reset(ep), 0, in.observations, 0, 10);
      for (int t = 0; t < 10; t++) {
        in.trialStart[0] = ep == 0 && t == 0;
        policy.act(in, Mode.EXPLORE, out);
        Step s = env.step(out.actions.discrete[0]);
        in.previousActions.discrete[0] = out.actions.discrete[0];
        in.previousRewards[0] = (float) s.reward();
        in.previousDone[0] = s.done();
        System.arraycopy(s.observation(), 0, in.observations, 0, 10);
      }
    }
    System.arraycopy(env.reset(9), 0, in.observations, 0, 10);
    policy.act(in, Mode.EXPLORE, out);
    MdpStatistics st = policy.statistics(0);
    int visits = 0;
    int transitions = 0;
    for (int s = 0; s < 10; s++) {
      for (int a = 0; a < 5; a++) {
        visits += st.visits(s, a);
        transitions += st.transitionTotal(s, a);
      }
    }
    assertThat(visits).isEqualTo(20);
    assertThat(transitions).isEqualTo(18); // each episode's last transition is not observed
    in.trialStart[0] = true;
    policy.act(in, Mode.EXPLORE, out);
    assertThat(policy.statistics(0).steps()).isZero();
  }

  @Test
  void sameSeedSameTable() {
    Map<String, MdpBaselineAgent> agents = new LinkedHashMap<>();
    RandomMdps d = new RandomMdps(10, 5, 10);
    for (String name : MdpBaselines.names()) {
      agents.put(name, MdpBaselines.create(name, Map.of(), d.spec(), 10));
    }
    var a = MdpBaselines.run(d, agents, 3, 40, 11, 16);
    var b = MdpBaselines.run(d, agents, 3, 40, 11, 16);
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.get(i).meanTotalReward()).isEqualTo(b.get(i).meanTotalReward());
    }
    assertThat(a.get(0).meanRegret()).isGreaterThan(0);
  }

  @Test
  void planningHorizonFollowsTheTaskUnlessSet() {
    Config defaults = MdpBaselines.defaults("psrl");
    assertThat(MdpBaselineProvider.horizon(defaults, null)).isEqualTo(10);
    assertThat(MdpBaselineProvider.horizon(defaults, context("environment { plugin = tabular-mdp, episode-length = 7 }"))).isEqualTo(7);
    assertThat(MdpBaselineProvider.horizon(defaults.withValue("episode-length",
        com.typesafe.config.ConfigValueFactory.fromAnyRef(4)), context("environment.episode-length = 7"))).isEqualTo(4);
  }

  static PluginContext context(String hocon) {
    Config run = ConfigFactory.parseString(hocon);
    return new PluginContext() {
      @Override
      public long seed() {
        return 1;
      }

      @Override
      public Config runConfig() {
        return run;
      }

      @Override
      public <P extends Plugin> P provider(Class<P> kind, String name) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Config pluginSection(String name, Config overrides) {
        return overrides;
      }
    };
  }
}
