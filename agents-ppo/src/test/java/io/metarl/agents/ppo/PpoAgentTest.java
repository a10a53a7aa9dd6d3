package io.metarl.agents.ppo;

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
import io.metarl.api.train.TrainingListener;
import io.metarl.api.train.UpdateRecord;
import io.metarl.core.config.InferenceSettings;
import io.metarl.core.config.TrainingSettings;
import io.metarl.core.plugin.PluginRegistry;
import io.metarl.core.returns.GaeEstimator;
import io.metarl.core.train.Budget;
import io.metarl.core.train.Evaluator;
import io.metarl.core.train.Trainer;
import io.metarl.core.wiring.RunContext;
import io.metarl.testkit.TwoArms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PPO built by its plugin from a run's configuration: learns, takes epochs x minibatches steps per
 * rollout (fewer with a target KL), is reproducible, checkpoints, and refuses bad settings by key.
 */
class PpoAgentTest {
  private static final TaskDistribution ARMS = TwoArms.fixed(1, 10);

  private static Agent agent(String agentBlock, long seed) {
    Config metarl = ConfigFactory.parseString("metarl { seed = " + seed + ", agent { plugin = ppo, " + agentBlock + " } }")
        .withFallback(ConfigFactory.load()).resolve().getConfig("metarl");
    PluginRegistry registry = PluginRegistry.discover(PpoAgentTest.class.getClassLoader());
    RunContext ctx = new RunContext(seed, metarl, registry);
    AgentProvider provider = ctx.provider(AgentProvider.class, "ppo");
    return provider.create(ctx.pluginSection("ppo", metarl.getConfig("agent")), ARMS.spec(), ctx);
  }

  private static List<UpdateRecord> train(Agent agent, long seed) {
    TrainingSettings ts = new TrainingSettings(200, 1, 0, 0, 8, 8, 0);
    List<UpdateRecord> updates = new ArrayList<>();
    TrainingListener record = new TrainingListener() {
      @Override
      public void onUpdate(UpdateRecord r) {
        updates.add(r);
      }
    };
    new Trainer(agent, ARMS, new GaeEstimator(0.9, 0.95), ts, List.of(record), seed, new Budget(ts)).run();
    return updates;
  }

  private static final String SMALL = "hidden = [16], epochs = 3, minibatches = 4, optimizer { learning-rate = 0.01 }";

  @Test
  void learnsTheGoodArmWithEpochsOfMinibatchSteps() {
    try (Agent ppo = agent(SMALL, 3)) {
      assertThat(ppo.workers()).isEqualTo(1);
      assertThat(ppo.returnSpan()).isEqualTo(ReturnSpan.EPISODE);
      List<UpdateRecord> updates = train(ppo, 3);
      assertThat(updates).isNotEmpty();
      assertThat(updates.get(0).metrics()).containsEntry("epochs", 3.0).containsEntry("minibatch_steps", 12.0)
          .containsKeys("approx_kl", "clip_fraction", "explained_variance", "loss_policy", "loss_value", "entropy");
      assertThat(Evaluator.evaluate(ppo, ARMS, new InferenceSettings(10, 1, 0, 8, Mode.GREEDY), 1).meanReturn())
          .isEqualTo(10.0);
    }
  }

  @Test
  void aTinyTargetKlStopsTheEpochsEarly() {
    try (Agent ppo = agent("hidden = [16], epochs = 10, minibatches = 4, target-kl = 1e-9, optimizer { learning-rate = 0.05 }", 4)) {
      List<UpdateRecord> updates = train(ppo, 4);
      // the first rollout's steps move the policy, so its epochs stop once the drift exceeds 1.5 x the target
      assertThat(updates.get(0).metrics().get("minibatch_steps")).isLessThan(40.0);
      assertThat(updates.get(0).metrics().get("approx_kl_last")).isGreaterThan(1.5e-9);
    }
  }

  @Test
  void sameSeedSameParametersAndACheckpointReloadsBitForBit(@TempDir Path dir) throws Exception {
    String block = SMALL + ", normalize { observations = true, rewards = true, gamma = 0.9, clip = 10, epsilon = 1e-8 }";
    try (Agent a = agent(block, 7); Agent b = agent(block, 7); Agent fresh = agent(block, 8)) {
      train(a, 7);
      train(b, 7);
      for (String d : List.of("a", "b", "fresh")) {
        Files.createDirectories(dir.resolve(d));
      }
      a.save(dir.resolve("a"));
      b.save(dir.resolve("b"));
      for (String f : List.of("parameters.bin", "observation-statistics.bin")) {
        assertThat(Files.readAllBytes(dir.resolve("a").resolve(f))).isEqualTo(Files.readAllBytes(dir.resolve("b").resolve(f)));
      }
      fresh.load(dir.resolve("a"));
      fresh.save(dir.resolve("fresh"));
      for (String f : List.of("parameters.bin", "optimizer.bin", "observation-statistics.bin")) {
        assertThat(Files.readAllBytes(dir.resolve("fresh").resolve(f))).isEqualTo(Files.readAllBytes(dir.resolve("a").resolve(f)));
      }
    }
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"gsde.enabled = false", "gsde.enabled = true"})
  void learnsAContinuousTargetWithGaussianAndStateDependentNoise(String exploration) {
    TaskDistribution target = io.metarl.testkit.Target.of(10);
    Config metarl = ConfigFactory.parseString("metarl { seed = 5, agent { plugin = ppo, hidden = [16], epochs = 4, "
        + "minibatches = 4, initial-log-std = -0.5, " + exploration + ", optimizer.learning-rate = 0.003 } }")
        .withFallback(ConfigFactory.load()).resolve().getConfig("metarl");
    RunContext ctx = new RunContext(5, metarl, PluginRegistry.discover(PpoAgentTest.class.getClassLoader()));
    try (Agent ppo = ctx.provider(AgentProvider.class, "ppo").create(ctx.pluginSection("ppo", metarl.getConfig("agent")),
        target.spec(), ctx)) {
      TrainingSettings ts = new TrainingSettings(100000, 1, 0, 40000, 8, 64, 0);
      new Trainer(ppo, target, new GaeEstimator(0.9, 0.95), ts, List.of(), 5, new Budget(ts)).run();
      // 10 steps of -(a - x)^2: about -3.3 for a policy that ignores x, 0 for the optimum
      assertThat(Evaluator.evaluate(ppo, target, new InferenceSettings(20, 1, 0, 8, Mode.GREEDY), 1).meanReturn())
          .isGreaterThan(-0.3);
    }
  }

  @Test
  void badSettingsAreNamed() {
    assertThatThrownBy(() -> agent("clip-range = 1.5", 1)).isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("clip-range");
    assertThatThrownBy(() -> agent("minibatches = 0", 1)).isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("minibatches");
    assertThatThrownBy(() -> agent("init.scheme = he", 1)).isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("init.scheme");
  }
}
