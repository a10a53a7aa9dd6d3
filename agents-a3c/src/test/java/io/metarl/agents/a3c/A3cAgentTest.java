package io.metarl.agents.a3c;

import io.metarl.testkit.TwoArms;
import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.metarl.api.agent.Agent;
import io.metarl.api.agent.Mode;
import io.metarl.api.plugin.AgentProvider;
import io.metarl.api.task.TaskDistribution;
import io.metarl.core.agent.ActorCriticModel;
import io.metarl.core.agent.ModelAgent;
import io.metarl.core.config.InferenceSettings;
import io.metarl.core.config.TrainingSettings;
import io.metarl.core.plugin.PluginRegistry;
import io.metarl.core.returns.GaeEstimator;
import io.metarl.core.train.Budget;
import io.metarl.core.train.Evaluator;
import io.metarl.core.train.Trainer;
import io.metarl.core.wiring.RunContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A3C: asynchronous workers learn; with one worker its local-copy scheme equals a synchronous learner bit for bit. */
class A3cAgentTest {
  private static final TaskDistribution ARMS = TwoArms.fixed(0, 10);
  private static final String BLOCK = "hidden = [16], optimizer { type = adam, learning-rate = 0.01 }";

  private static RunContext context(String agentBlock, long seed) {
    Config metarl = ConfigFactory.parseString("metarl { seed = " + seed + ", agent { plugin = a3c, " + agentBlock + " } }")
        .withFallback(ConfigFactory.load()).resolve().getConfig("metarl");
    return new RunContext(seed, metarl, PluginRegistry.discover(A3cAgentTest.class.getClassLoader()));
  }

  private static Agent agent(String agentBlock, long seed) {
    RunContext ctx = context(agentBlock, seed);
    return ctx.provider(AgentProvider.class, "a3c").create(
        ctx.pluginSection("a3c", ctx.runConfig().getConfig("agent")), ARMS.spec(), ctx);
  }

  private static void train(Agent agent, long episodes, long seed) {
    TrainingSettings ts = new TrainingSettings(episodes, 1, 0, 0, 8, 10, 0);
    new Trainer(agent, ARMS, new GaeEstimator(0.9, 0.95), ts, List.of(), seed, new Budget(ts)).run();
  }

  @Test
  void twoAsynchronousWorkersLearnTheGoodArm() {
    try (Agent a3c = agent(BLOCK + ", workers = 2", 3)) {
      assertThat(a3c.workers()).isEqualTo(2);
      train(a3c, 600, 3);
      assertThat(Evaluator.evaluate(a3c, ARMS, new InferenceSettings(10, 1, 0, 8, Mode.GREEDY), 1).meanReturn())
          .isEqualTo(10.0);
    }
  }

  @Test
  void asyncFalseRunsOneWorker() {
    try (Agent a3c = agent(BLOCK + ", workers = 4, async = false", 1)) {
      assertThat(a3c.workers()).isEqualTo(1);
    }
  }

  @Test
  void oneWorkerWithALocalCopyEqualsTheSynchronousLearnerBitForBit(@TempDir Path dir) throws Exception {
    try (Agent a3c = agent(BLOCK + ", workers = 1", 9)) {
      RunContext ctx = context(BLOCK, 9);
      var section = ctx.pluginSection("a3c", ctx.runConfig().getConfig("agent"));
      // the synchronous scheme: one learner on the global parameters themselves
      Agent sync = new ModelAgent(new ActorCriticModel("a3c", ARMS.spec(),
          io.metarl.core.agent.ActorCriticSettings.from(section, 0, 1),
          io.metarl.core.config.OptimizerSettings.fromAgentSection(section), 9));
      train(a3c, 200, 9);
      train(sync, 200, 9);
      Files.createDirectories(dir.resolve("a"));
      Files.createDirectories(dir.resolve("b"));
      a3c.save(dir.resolve("a"));
      sync.save(dir.resolve("b"));
      assertThat(Files.readAllBytes(dir.resolve("a/parameters.bin")))
          .isEqualTo(Files.readAllBytes(dir.resolve("b/parameters.bin")));
    }
  }
}
