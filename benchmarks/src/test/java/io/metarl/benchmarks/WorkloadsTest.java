package io.metarl.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.metarl.api.env.Discrete;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.core.wiring.Run;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every workload of the suite runs once and reports the work it did. */
class WorkloadsTest {

  @Test
  void environmentWorkloadsStep() throws Exception {
    for (Workloads.EnvCase env : List.of(Workloads.bandit(), Workloads.cartPole(), Workloads.lunarLander())) {
      assertThat(Workloads.directStepping(env, 300).run()).as(env.name()).isEqualTo(300);
      assertThat(Workloads.lanesStepping(env, 4, 10).run()).as(env.name()).isEqualTo(40);
    }
  }

  @Test
  void mlpWorkloadsRun() throws Exception {
    Run run = Workloads.a2cCartPole();
    EnvironmentSpec spec = run.tasks().spec();
    assertThat(run.agent().parameterCount()).isEqualTo(2L * (4 * 64 + 64 + 64 * 64 + 64) + 64 * 2 + 2 + 64 + 1);
    int obs = spec.observationSpace().flatSize();
    int actions = ((Discrete) spec.actionSpace()).n();
    var graph = Dl4jTwins.mlp(obs, List.of(64, 64), actions);
    assertThat(graph.numParams()).isEqualTo(run.agent().parameterCount());
    assertThat(Workloads.ourPolicy(run.agent(), 16, 2).run()).isEqualTo(32);
    assertThat(Workloads.dl4jMlpPolicy(graph, obs, 16, 2).run()).isEqualTo(32);
    assertThat(Workloads.ourLearner(run.agent(), 5, 4).run()).isEqualTo(20);
    assertThat(Workloads.dl4jMlpFit(graph, obs, actions, 20).run()).isEqualTo(20);
    assertThat(Workloads.training(run, 4, 5, 1_000_000, 40).run()).isEqualTo(40);
  }

  @Test
  void lstmWorkloadsRun() throws Exception {
    Run run = Workloads.rl2Bandit();
    EnvironmentSpec spec = run.tasks().spec();
    int actions = ((Discrete) spec.actionSpace()).n();
    int inputs = spec.observationSpace().flatSize() + actions + 2;
    var net = Dl4jTwins.lstm(inputs, 48, actions + 1);
    // Same shape: LSTM(5 -> 48) and a 48 -> 2 policy head plus a 48 -> 1 value head.
    assertThat(net.numParams()).isEqualTo(run.agent().parameterCount());
    assertThat(Workloads.ourPolicy(run.agent(), 8, 3).run()).isEqualTo(24);
    assertThat(Workloads.dl4jLstmPolicy(net, inputs, 8, 3).run()).isEqualTo(24);
    assertThat(Workloads.ourLearner(run.agent(), 10, 4).run()).isEqualTo(40);
    assertThat(Workloads.dl4jLstmFit(net, inputs, actions + 1, 10, 4).run()).isEqualTo(40);
    assertThat(Workloads.training(run, 4, 100, 1, 400).run()).isEqualTo(400);
  }

  @Test
  void epgLifetimeWorkloadsRun() throws Exception {
    var run = Workloads.epgCartPole();
    assertThat(run.environment()).isEqualTo("cartpole");
    assertThat(run.settings().inner().hidden()).containsExactly(64, 64);
    assertThat(run.lossSpec().buffer()).isEqualTo(256);
    double[] phi = Workloads.epgPhi(run, 1);
    assertThat(phi).hasSize(run.lossSpec().parameterCount()).containsOnly(Workloads.epgPhi(run, 1));
    // 128 steps: two updates with each loss.
    assertThat(Workloads.epgLifetime(run, phi, 128).run()).isEqualTo(128);
    assertThat(Workloads.epgLifetime(run, null, 128).run()).isEqualTo(128);
  }
}
