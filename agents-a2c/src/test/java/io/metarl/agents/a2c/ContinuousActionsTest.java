package io.metarl.agents.a2c;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.metarl.api.agent.Agent;
import io.metarl.api.agent.Mode;
import io.metarl.api.plugin.AgentProvider;
import io.metarl.api.task.TaskDistribution;
import io.metarl.core.config.InferenceSettings;
import io.metarl.core.config.TrainingSettings;
import io.metarl.core.plugin.PluginRegistry;
import io.metarl.core.returns.GaeEstimator;
import io.metarl.core.train.Budget;
import io.metarl.core.train.Evaluator;
import io.metarl.core.train.Trainer;
import io.metarl.core.wiring.RunContext;
import io.metarl.testkit.Target;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A2C with a Gaussian policy learns a continuous target (the mean action must follow the observation),
 * with the plain Gaussian and with gSDE, observation normalisation and reward scaling.
 */
class ContinuousActionsTest {
  private static final TaskDistribution TARGET = Target.of(10);

  private static Agent agent(String block, long seed) {
    Config metarl = ConfigFactory.parseString("metarl { seed = " + seed + ", agent { plugin = a2c, " + block + " } }")
        .withFallback(ConfigFactory.load()).resolve().getConfig("metarl");
    RunContext ctx = new RunContext(seed, metarl, PluginRegistry.discover(ContinuousActionsTest.class.getClassLoader()));
    return ctx.provider(AgentProvider.class, "a2c").create(ctx.pluginSection("a2c", metarl.getConfig("agent")),
        TARGET.spec(), ctx);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "initial-log-std = -0.5",
      "initial-log-std = -1.0, gsde { enabled = true, sample-frequency = -1 }",
      "initial-log-std = -0.5, normalize { observations = true, rewards = true, gamma = 0.9, clip = 10, epsilon = 1e-8 }"})
  void learnsToFollowTheTarget(String exploration) {
    try (Agent a2c = agent("hidden = [16], normalize-advantages = true, " + exploration
        + ", optimizer { type = adam, learning-rate = 0.01 }", 3)) {
      double before = Evaluator.evaluate(a2c, TARGET, new InferenceSettings(20, 1, 0, 8, Mode.GREEDY), 1).meanReturn();
      TrainingSettings ts = new TrainingSettings(100000, 1, 0, 60000, 16, 8, 0);
      new Trainer(a2c, TARGET, new GaeEstimator(0.9, 0.95), ts, List.of(), 3, new Budget(ts)).run();
      double after = Evaluator.evaluate(a2c, TARGET, new InferenceSettings(20, 1, 0, 8, Mode.GREEDY), 1).meanReturn();
      // 10 steps of -(a - x)^2: about -3.3 for a policy that ignores x, 0 for the optimum
      assertThat(after).as("greedy return before %s, after", before).isGreaterThan(-0.3);
    }
  }
}
