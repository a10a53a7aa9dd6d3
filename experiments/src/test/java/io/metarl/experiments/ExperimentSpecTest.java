package io.metarl.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.metarl.core.config.ConfigProblem;
import io.metarl.core.config.ConfigValidationException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ExperimentSpecTest {
  private static final ClassLoader LOADER = ExperimentSpecTest.class.getClassLoader();

  @Test
  void cellsAreEnvironmentsByAgentsBySeedsInFileOrder() {
    ExperimentSpec spec = ExperimentRunnerTest.spec("""
        experiment {
          name = order, seeds = [3, 1]
          agents {
            zeta { agent.plugin = a }
            alpha { agent.plugin = b }
          }
          environments {
            z-env { environment.plugin = x }
            a-env { environment.plugin = y }
          }
        }
        """);
    assertThat(spec.cells()).extracting(Cell::id).containsExactly(
        "z-env/zeta/seed-3", "z-env/zeta/seed-1", "z-env/alpha/seed-3", "z-env/alpha/seed-1",
        "a-env/zeta/seed-3", "a-env/zeta/seed-1", "a-env/alpha/seed-3", "a-env/alpha/seed-1");
    assertThat(spec.scale()).isEqualTo(1.0);
    assertThat(spec.parallelism()).isEqualTo(1);
  }

  @Test
  void cellConfigIsBaseThenAgentThenEnvironmentThenSeed() {
    ExperimentSpec spec = ExperimentRunnerTest.spec("""
        experiment {
          name = layers, seeds = [7]
          base { optimizer { learning-rate = 1e-3, type = adam }, training { lanes = 8, trials = 2 } }
          agents { a { agent.plugin = rl2, optimizer.learning-rate = 5e-4 } }
          environments { e { environment.plugin = cartpole, training { trials = 3 } } }
        }
        """);
    Config c = spec.userConfig(spec.cells().get(0), LOADER).getConfig("metarl");
    assertThat(c.getLong("seed")).isEqualTo(7);
    assertThat(c.getString("name")).isEqualTo("layers-e-a");
    assertThat(c.getString("optimizer.type")).isEqualTo("adam");
    assertThat(c.getDouble("optimizer.learning-rate")).isEqualTo(5e-4);
    assertThat(c.getInt("training.lanes")).isEqualTo(8);
    assertThat(c.getInt("training.trials")).isEqualTo(3);
    assertThat(c.getString("agent.plugin")).isEqualTo("rl2");
  }

  @Test
  void perAgentBlocksOfAnEnvironmentApplyToThatCellOnly() {
    ExperimentSpec spec = ExperimentRunnerTest.spec("""
        experiment {
          name = tuned, seeds = [1]
          agents {
            "meta.v1" { agent { plugin = rl2, value-coefficient = 0.5 } }
            plain { agent { plugin = a2c } }
          }
          environments {
            cartpole { environment.plugin = cartpole, per-agent { "meta.v1" { agent.value-coefficient = 0.01 } } }
            bandit { environment.plugin = bandit-dependent }
          }
        }
        """);
    Map<String, Config> byCell = new java.util.HashMap<>();
    for (Cell cell : spec.cells()) {
      byCell.put(cell.environment() + "/" + cell.agent(), spec.userConfig(cell, LOADER).getConfig("metarl"));
    }
    assertThat(byCell.get("cartpole/meta.v1").getDouble("agent.value-coefficient")).isEqualTo(0.01);
    assertThat(byCell.get("cartpole/meta.v1").getString("agent.plugin")).isEqualTo("rl2");
    assertThat(byCell.get("bandit/meta.v1").getDouble("agent.value-coefficient")).isEqualTo(0.5);
    assertThat(byCell.get("cartpole/plain").hasPath("agent.value-coefficient")).isFalse();
    for (Config c : byCell.values()) {
      assertThat(c.hasPath("per-agent")).isFalse(); // not a run setting
    }

    assertThatThrownBy(() -> ExperimentRunnerTest.spec("""
        experiment {
          name = bad, seeds = [1]
          agents { a { agent.plugin = a2c } }
          environments {
            e { environment.plugin = cartpole, per-agent { b { agent.value-coefficient = 0.01 }, a = 3 } }
            f { environment.plugin = cartpole, per-agent = [a] }
          }
        }
        """))
        .isInstanceOfSatisfying(ConfigValidationException.class, e -> {
          String all = e.problems().stream().map(ConfigProblem::format).collect(Collectors.joining("\n"));
          assertThat(all).contains(
              "experiment.environments.e.per-agent.b: no agent called 'b'; agents: a",
              "experiment.environments.e.per-agent.a: expected an object of run settings",
              "experiment.environments.f.per-agent: expected { <agent name>");
          assertThat(e.problems()).hasSize(3);
        });
  }

  @Test
  void scaleShrinksTrialsOfDistributionsAndEpisodesOfSingleInstancesRoundingUp() {
    Config dist = ConfigFactory.parseString("metarl { training { trials = 500, episodes-per-trial = 20, max-steps = 100 },"
        + " inference { trials = 50, episodes-per-trial = 2 } }");
    Config d = ExperimentSpec.scale(dist, 0.01, LOADER).getConfig("metarl");
    assertThat(d.getLong("training.trials")).isEqualTo(5);
    assertThat(d.getInt("training.episodes-per-trial")).isEqualTo(20);
    assertThat(d.getInt("training.max-steps")).isEqualTo(100);
    assertThat(d.getLong("inference.trials")).isEqualTo(1); // 0.5 rounds up
    assertThat(d.getInt("inference.episodes-per-trial")).isEqualTo(2);

    Config single = ConfigFactory.parseString("metarl { training { trials = 1, episodes-per-trial = 1000, env-steps = 300000 },"
        + " inference { trials = 1, episodes-per-trial = 100 } }");
    Config s = ExperimentSpec.scale(single, 0.1, LOADER).getConfig("metarl");
    assertThat(s.getLong("training.trials")).isEqualTo(1);
    assertThat(s.getInt("training.episodes-per-trial")).isEqualTo(100);
    assertThat(s.getLong("training.env-steps")).isEqualTo(30000);
    assertThat(s.getInt("inference.episodes-per-trial")).isEqualTo(10);

    // the defaults (training 1 x 1000, inference 50 x 2) are scaled too when the file leaves them out
    Config none = ExperimentSpec.scale(ConfigFactory.parseString("metarl.seed = 1"), 0.003, LOADER).getConfig("metarl");
    assertThat(none.getInt("training.episodes-per-trial")).isEqualTo(3);
    assertThat(none.getLong("inference.trials")).isEqualTo(1);
    assertThat(ExperimentSpec.scale(dist, 1.0, LOADER)).isSameAs(dist);
    assertThat(ExperimentSpec.scale(dist, 2.0, LOADER).getLong("metarl.training.trials")).isEqualTo(1000);
  }

  @Test
  void everyProblemOfTheExperimentBlockIsReportedAtOnce() {
    assertThatThrownBy(() -> ExperimentRunnerTest.spec("""
        metarl { seed = 1 }
        experiment {
          name = "bad name"
          sedes = [1]
          scale = -2
          parallelism = 0
          agents { a { agent.plugin = a2c, seed = 3 } }
          environments = {}
          solved { nowhere = 1 }
        }
        """))
        .isInstanceOfSatisfying(ConfigValidationException.class, e -> {
          String all = e.problems().stream().map(ConfigProblem::format).collect(Collectors.joining("\n"));
          assertThat(all).contains(
              "metarl: unknown top-level key", "put shared run settings in experiment.base",
              "experiment.name: 'bad name' must be a file name",
              "experiment.sedes: unknown key, did you mean seeds?",
              "experiment.seeds: missing",
              "experiment.scale: expected a number > 0, got -2",
              "experiment.parallelism: expected an integer >= 1, got 0",
              "experiment.agents.a.seed: set seeds with experiment.seeds",
              "experiment.environments: missing or empty");
          assertThat(e.problems()).hasSize(8);
          assertThat(all).contains(" 4: experiment.sedes"); // the line of the offending key
        });
  }

  @Test
  void paperSeedDeclaresTheSeedPapersGridAndNothingElseIsAccepted() {
    String grid = """
        experiment {
          name = g, seeds = [1]%s
          agents { a { agent.plugin = a } }
          environments { e { environment.plugin = x } }
        }
        """;
    assertThat(ExperimentRunnerTest.spec(grid.formatted("")).seedPaper()).isFalse();
    assertThat(ExperimentRunnerTest.spec(grid.formatted("\n  paper = seed")).seedPaper()).isTrue();
    assertThat(ExperimentRunnerTest.spec(grid.formatted("\n  paper = seed")).with(0.1, null, null).seedPaper()).isTrue();
    assertThatThrownBy(() -> ExperimentRunnerTest.spec(grid.formatted("\n  paper = rl2")))
        .isInstanceOf(ConfigValidationException.class).hasMessageContaining("experiment.paper").hasMessageContaining("expected seed");
  }

  @Test
  void overridesReplaceScaleSeedsAndParallelism() {
    ExperimentSpec spec = ExperimentRunnerTest.spec(ExperimentRunnerTest.TINY).with(0.1, List.of(9L), 3);
    assertThat(spec.scale()).isEqualTo(0.1);
    assertThat(spec.seeds()).containsExactly(9L);
    assertThat(spec.parallelism()).isEqualTo(3);
    assertThat(spec.cells()).hasSize(4);
  }
}
