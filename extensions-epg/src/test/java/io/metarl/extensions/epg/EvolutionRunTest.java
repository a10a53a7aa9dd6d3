package io.metarl.extensions.epg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metarl.core.config.ConfigValidationException;
import io.metarl.core.plugin.PluginRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading a run file, evolving, resuming, the loss artifact and the held-out test, at toy scale. */
class EvolutionRunTest {
  static final PluginRegistry REGISTRY = PluginRegistry.discover(EvolutionRunTest.class.getClassLoader());
  static final String TINY = """
      metarl {
        seed = 3
        environment { plugin = point-goal, goal-half-plane = left, episode-length = 20 }
        epg {
          loss { buffer = 64 }
          inner { lifetime = 256, update-every = 32, minibatch = 16, eval-episodes = 2 }
          outer { epochs = 3, population = 4, bootstrap-epochs = 2, workers = 2 }
          test { seeds = 2, environment { goal-half-plane = right } }
        }
      }
      """;

  static Path write(Path dir, String text) throws Exception {
    Path f = dir.resolve("run.conf");
    Files.writeString(f, text);
    return f;
  }

  @Test
  void resumingFromTheCheckpointGivesExactlyTheUninterruptedParameters(@TempDir Path dir) throws Exception {
    Path conf = write(dir, TINY);
    EpgRun run = EpgRun.load(conf, List.of(), REGISTRY);
    assertThat(run.spec().actionSpace().flatSize()).isEqualTo(2);
    assertThat(run.settings().outer().population()).isEqualTo(4);
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    Evolution.Outcome straight = Evolution.run(run, dir.resolve("a"), quiet, Integer.MAX_VALUE);
    Evolution.Outcome part = Evolution.run(run, dir.resolve("b"), quiet, 2);
    assertThat(part.history()).hasSize(2);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Evolution.Outcome resumed = Evolution.run(EpgRun.load(conf, List.of(), REGISTRY), dir.resolve("b"),
        new PrintStream(log, true, StandardCharsets.UTF_8), Integer.MAX_VALUE);
    assertThat(resumed.resumedFrom()).isEqualTo(2);
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("resuming").contains("epoch 3/3").contains("median");
    assertThat(resumed.phi()).containsExactly(straight.phi());
    assertThat(resumed.history().get(2).median()).isEqualTo(straight.history().get(2).median());
    assertThat(straight.history().get(0).referenceWeight()).isEqualTo(1.0);
    assertThat(straight.history().get(1).referenceWeight()).isEqualTo(0.5);
    assertThat(dir.resolve("a/fitness.png")).isNotEmptyFile();
    assertThat(Files.readAllLines(dir.resolve("a/fitness.csv"))).hasSize(4);

    EvolvedLoss loss = EvolvedLoss.load(dir.resolve("a/loss.json"));
    assertThat(loss.phi()).containsExactly(straight.phi());
    assertThat(loss.spec()).isEqualTo(run.lossSpec());
    assertThat(loss.mismatch(run.spec())).isNull();

    // another seed: another phi; a changed setting: the checkpoint refuses to resume
    EpgRun other = EpgRun.load(conf, List.of("metarl.seed=4"), REGISTRY);
    assertThat(Evolution.run(other, dir.resolve("c"), quiet, 1).phi()).isNotEqualTo(part.phi());
    assertThatThrownBy(() -> Evolution.run(other, dir.resolve("b"), quiet, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("other settings");

    HeldOutTest.Report report = HeldOutTest.run(run, loss, dir.resolve("t"), quiet);
    assertThat(report.evolved().finals()).hasSize(2);
    assertThat(report.reference().finals()).hasSize(2);
    assertThat(java.util.Arrays.stream(report.evolved().finals()).allMatch(Double::isFinite)).isTrue();
    assertThat(java.util.Arrays.stream(report.reference().aucs()).allMatch(Double::isFinite)).isTrue();
    assertThat(dir.resolve("t/test.json")).isNotEmptyFile();
    assertThat(dir.resolve("t/test-curves.png")).isNotEmptyFile();
  }

  @Test
  void aCorruptLossFileIsRejected(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("loss.json");
    LossNetworkSpec spec = new LossNetworkSpec(6, 4, 2, 30, 3, 6, 5, 4, 4, 2, 5, 6, 0.2);
    EvolvedLoss.of(spec, LifetimeTest.pointGoal("any").spec(), spec.initialParameters(new java.util.SplittableRandom(1)),
        java.util.Map.of("seed", 1)).save(f);
    assertThat(EvolvedLoss.load(f).phi()).hasSize(spec.parameterCount());
    String text = Files.readString(f);
    int i = text.indexOf("\"parameters\" : \"") + 20;
    Files.writeString(f, text.substring(0, i) + (text.charAt(i) == 'A' ? 'B' : 'A') + text.substring(i + 1));
    assertThatThrownBy(() -> EvolvedLoss.load(f)).hasMessageContaining("SHA-256");
    Files.writeString(f, "{\"format\": \"something-else\"}");
    assertThatThrownBy(() -> EvolvedLoss.load(f)).hasMessageContaining("metarl-epg-loss/1");
  }

  @Test
  void badSettingsAreReportedWithTheirKeyPath(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> EpgRun.load(write(dir, TINY.replace("population = 4", "population = 5")), List.of(), REGISTRY))
        .isInstanceOf(ConfigValidationException.class).hasMessageContaining("metarl.epg.outer.population")
        .hasMessageContaining("even");
    assertThatThrownBy(() -> EpgRun.load(write(dir, TINY.replace("buffer = 64", "bufer = 64")), List.of(), REGISTRY))
        .isInstanceOf(ConfigValidationException.class).hasMessageContaining("metarl.epg.loss.bufer")
        .hasMessageContaining("unknown key");
    assertThatThrownBy(() -> EpgRun.load(write(dir, TINY.replace("goal-half-plane = right", "goal-half-plane = up")),
        List.of(), REGISTRY))
        .isInstanceOf(ConfigValidationException.class).hasMessageContaining("metarl.epg.test.environment.goal-half-plane")
        .hasMessageContaining("left, right, any");
    assertThatThrownBy(() -> EpgRun.load(write(dir, TINY.replace("episode-length = 20", "episode-lenght = 20")),
        List.of(), REGISTRY))
        .isInstanceOf(ConfigValidationException.class).hasMessageContaining("episode-lenght");
    assertThatThrownBy(() -> EpgRun.load(write(dir, TINY.replace("buffer = 64", "buffer = 10")), List.of(), REGISTRY))
        .isInstanceOf(ConfigValidationException.class).hasMessageContaining("metarl.epg.loss.buffer");
  }

  @Test
  void aCartPoleFamilyIsReachedThroughItsPluginName(@TempDir Path dir) throws Exception {
    EpgRun run = EpgRun.load(write(dir, """
        metarl { environment { plugin = cartpole, length-range = [0.25, 1.0] } }
        """), List.of(), REGISTRY);
    assertThat(run.environment()).isEqualTo("cartpole");
    assertThat(run.lossSpec().features()).isEqualTo(4 + 2 + 2);
    assertThat(run.lossSpec().policyOutputs()).isEqualTo(2);
    assertThat(run.heldOut()).isSameAs(run.training());
  }
}
