package io.metarl.agents.a2c;

import io.metarl.testkit.TwoArms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.metarl.api.agent.Agent;
import io.metarl.api.agent.Mode;
import io.metarl.api.agent.ReturnSpan;
import io.metarl.api.plugin.AgentProvider;
import io.metarl.api.plugin.InvalidSettingException;
import io.metarl.api.task.TaskDistribution;
import io.metarl.core.config.InferenceSettings;
import io.metarl.core.config.TrainingSettings;
import io.metarl.core.plugin.PluginRegistry;
import io.metarl.core.returns.MonteCarloEstimator;
import io.metarl.core.train.Budget;
import io.metarl.core.train.Evaluator;
import io.metarl.core.train.Trainer;
import io.metarl.core.wiring.RunContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A2C built by its plugin from a run's configuration: learns, checkpoints, validates its optimiser block. */
class A2cAgentTest {
  private static final TaskDistribution ARMS = TwoArms.fixed(1, 10);

  private static Agent agent(String agentBlock, long seed) {
    Config metarl = ConfigFactory.parseString("metarl { seed = " + seed + ", agent { plugin = a2c, " + agentBlock + " } }")
        .withFallback(ConfigFactory.load()).resolve().getConfig("metarl");
    PluginRegistry registry = PluginRegistry.discover(A2cAgentTest.class.getClassLoader());
    RunContext ctx = new RunContext(seed, metarl, registry);
    AgentProvider provider = ctx.provider(AgentProvider.class, "a2c");
    return provider.create(ctx.pluginSection("a2c", metarl.getConfig("agent")), ARMS.spec(), ctx);
  }

  private static void train(Agent agent, long seed) {
    TrainingSettings ts = new TrainingSettings(300, 1, 0, 0, 8, 10, 0);
    new Trainer(agent, ARMS, new MonteCarloEstimator(0.9), ts, List.of(), seed, new Budget(ts)).run();
  }

  private static final String ADAM = "hidden = [16], optimizer { type = adam, learning-rate = 0.01 }";

  @Test
  void learnsTheGoodArmAndIsSynchronousWithEpisodeReturns() {
    try (Agent a2c = agent(ADAM, 3)) {
      assertThat(a2c.workers()).isEqualTo(1);
      assertThat(a2c.returnSpan()).isEqualTo(ReturnSpan.EPISODE);
      train(a2c, 3);
      assertThat(Evaluator.evaluate(a2c, ARMS, new InferenceSettings(10, 1, 0, 8, Mode.GREEDY), 1).meanReturn())
          .isEqualTo(10.0);
    }
  }

  @Test
  void aCheckpointReloadsIntoAFreshAgentAndActsTheSame(@TempDir Path dir) throws Exception {
    try (Agent trained = agent(ADAM, 5); Agent fresh = agent(ADAM, 6)) {
      train(trained, 5);
      trained.save(dir);
      fresh.load(dir);
      Path again = Files.createDirectory(dir.resolve("again"));
      fresh.save(again);
      assertThat(Files.readAllBytes(again.resolve("parameters.bin"))).isEqualTo(Files.readAllBytes(dir.resolve("parameters.bin")));
      assertThat(Files.readAllBytes(again.resolve("optimizer.bin"))).isEqualTo(Files.readAllBytes(dir.resolve("optimizer.bin")));
    }
  }

  @Test
  void sameSeedSameParameters(@TempDir Path dir) throws Exception {
    try (Agent a = agent(ADAM, 7); Agent b = agent(ADAM, 7)) {
      train(a, 7);
      train(b, 7);
      Files.createDirectories(dir.resolve("a"));
      Files.createDirectories(dir.resolve("b"));
      a.save(dir.resolve("a"));
      b.save(dir.resolve("b"));
      assertThat(Files.readAllBytes(dir.resolve("a/parameters.bin"))).isEqualTo(Files.readAllBytes(dir.resolve("b/parameters.bin")));
    }
  }

  @Test
  void aBadOptimiserValueIsNamedInsideTheAgentsBlock() {
    assertThatThrownBy(() -> agent("optimizer { learning-rate = -1 }", 1))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("optimizer.learning-rate");
  }
}
