package io.metarl.app.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metarl.api.train.EpisodeRecord;
import io.metarl.api.train.TrainingListener;
import io.metarl.api.train.UpdateRecord;
import io.metarl.app.ForkedJvm;
import io.metarl.core.Metarl;
import io.metarl.core.config.ConfigValidationException;
import io.metarl.core.train.EvaluationResult;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java API: build, train with a listener, evaluate, save; and the shipped example program runs. */
class JavaApiTest {
  private static final String RUN = """
      metarl {
        environment { plugin = bandit-dependent, difficulty = easy }
        agent { plugin = rl2, memory { units = 8 }, optimizer { type = adam, learning-rate = 3e-3 } }
        training { trials = 200, episodes-per-trial = 1, lanes = 8, rollout-length = 20 }
        inference { trials = 50, baselines = [gittins, random] }
      }
      """;

  @Test
  void trainsWithAListenerEvaluatesBesideBaselinesAndSaves(@TempDir Path dir) throws Exception {
    List<Double> returns = new ArrayList<>();
    List<Long> updates = new ArrayList<>();
    try (Metarl rl = Metarl.hocon(RUN).seed(4).build()) {
      assertThat(rl.agent().recurrent()).isTrue();
      Metarl.Training t = rl.train(new TrainingListener() {
        @Override
        public void onEpisode(EpisodeRecord e) {
          returns.add(e.totalReturn());
        }

        @Override
        public void onUpdate(UpdateRecord u) {
          updates.add(u.update());
        }
      });
      assertThat(t.episodes()).isGreaterThanOrEqualTo(200);
      assertThat(returns).hasSize((int) t.episodes());
      assertThat(updates).hasSize((int) t.updates()).isNotEmpty();
      assertThat(t.envSteps()).isEqualTo(t.episodes() * 100); // 100-pull trials
      assertThat(t.meanReturnLast100()).isBetween(0.0, 100.0);
      EvaluationResult e = rl.evaluate();
      assertThat(e.trials()).isEqualTo(50);
      assertThat(rl.baselines()).containsOnlyKeys("gittins", "random");
      rl.save(dir);
      assertThat(dir.resolve("parameters.bin")).isRegularFile();
    }
  }

  @Test
  void sameSeedSameResults() {
    double[] means = new double[2];
    for (int i = 0; i < 2; i++) {
      try (Metarl rl = Metarl.hocon(RUN).set("training.trials", 40).seed(9).build()) {
        means[i] = rl.train().meanReturnLast100() + 1000 * rl.evaluate().meanReturn();
      }
    }
    assertThat(means[1]).isEqualTo(means[0]);
  }

  @Test
  void aBadSettingIsReportedBeforeAnythingIsBuilt() {
    assertThatThrownBy(() -> Metarl.hocon(RUN).set("training.lanes", 0).build())
        .isInstanceOf(ConfigValidationException.class)
        .hasMessageContaining("metarl.training.lanes");
    assertThatThrownBy(() -> Metarl.settings().set("agent.plugin", "a2c").build())
        .isInstanceOf(ConfigValidationException.class)
        .hasMessageContaining("environment");
  }

  @Test
  void theShippedExampleProgramRuns() throws Exception {
    Path root = Path.of("").toAbsolutePath().getParent();
    Path example = root.resolve("examples/java/TrainCartPole.java");
    assertThat(example).isRegularFile();
    Process p = new ProcessBuilder(ForkedJvm.command("-cp", System.getProperty("java.class.path"), example.toString(),
        "4000"))
        .directory(root.toFile()).redirectErrorStream(true).start();
    boolean done = p.waitFor(120, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly();
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(done).as("finished within 2 minutes").isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("trained: 4,000 env-steps").contains("held-out: 20 episodes").contains("saved the agent's parameters");
    String saved = out.substring(out.indexOf("parameters in ") + "parameters in ".length()).trim();
    assertThat(Path.of(saved).resolve("parameters.bin")).isRegularFile();
    for (File f : Path.of(saved).toFile().listFiles()) {
      Files.delete(f.toPath());
    }
    Files.delete(Path.of(saved));
  }
}
