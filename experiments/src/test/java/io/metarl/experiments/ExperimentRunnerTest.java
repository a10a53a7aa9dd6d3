package io.metarl.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import io.metarl.core.config.ConfigProblem;
import io.metarl.core.config.ConfigValidationException;
import io.metarl.core.experiment.CellExecutor;
import io.metarl.core.experiment.ThreadPoolCellExecutor;
import io.metarl.core.plugin.PluginRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentRunnerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** 2 environments (a fixed arm, a random arm) x 2 agents (plain, meta) x 2 seeds, at scale 0.5. */
  static final String TINY = """
      experiment {
        name = tiny
        paper = seed
        seeds = [1, 2]
        scale = 0.5
        base {
          agent.optimizer { type = adam, learning-rate = 0.01 }
          returns { plugin = gae, gamma = 0.9, lambda = 0.95 }
          training { lanes = 4, rollout-length = 10, progress-interval = 0 }
          inference { lanes = 4 }
        }
        agents {
          plain { agent { plugin = xp-ac } }
          meta { agent { plugin = xp-ac, memory = 8 } }
        }
        environments {
          fixed {
            environment { plugin = xp-arms, good-arm = 1 }
            training { trials = 1, episodes-per-trial = 80 }
            inference { trials = 1, episodes-per-trial = 10 }
          }
          random {
            environment { plugin = xp-arms }
            training { trials = 40, episodes-per-trial = 2 }
            inference { trials = 10, episodes-per-trial = 2 }
          }
        }
      }
      """;

  @TempDir static Path pluginDir;
  static PluginRegistry registry;

  @BeforeAll
  static void plugins() throws IOException {
    registry = TestPlugins.registry(pluginDir);
  }

  static ExperimentSpec spec(String text) {
    return ExperimentSpec.parse(ConfigFactory.parseString(text), null);
  }

  static ExperimentRunner.Outcome run(ExperimentSpec spec, Path out, int parallelism, ByteArrayOutputStream console) throws IOException {
    try (CellExecutor ex = new ThreadPoolCellExecutor(parallelism)) {
      return ExperimentRunner.run(spec, registry, ex, out, "test", new PrintStream(console, true, StandardCharsets.UTF_8), 0);
    }
  }

  @Test
  void tinyGridRunsEndToEndAndWritesEveryOutput(@TempDir Path out) throws IOException {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    ExperimentRunner.Outcome o = run(spec(TINY), out, 1, console);

    assertThat(o.complete()).isTrue();
    assertThat(o.results()).hasSize(8).noneMatch(CellResult::reused);
    assertThat(o.results()).extracting(r -> r.cell().id()).containsExactly(
        "fixed/plain/seed-1", "fixed/plain/seed-2", "fixed/meta/seed-1", "fixed/meta/seed-2",
        "random/plain/seed-1", "random/plain/seed-2", "random/meta/seed-1", "random/meta/seed-2");
    for (CellResult r : o.results()) {
      Path dir = r.cell().dir(out);
      assertThat(dir.resolve("summary.json")).isRegularFile();
      assertThat(dir.resolve("episodes.csv")).isRegularFile();
      assertThat(dir.resolve("train.log")).isRegularFile();
      assertThat(dir.resolve("checkpoint/manifest.json")).isRegularFile();
      // rewards are 0/1 per pull over 10 pulls
      assertThat(r.inferenceMean()).isBetween(0.0, 10.0);
    }
    // scale 0.5: the fixed instance's single trial of 80 episodes becomes 40; the distribution's 40 trials become 20 (x 2 episodes)
    assertThat(Files.readString(out.resolve("fixed/plain/seed-1/config.conf"))).containsPattern("episodes-per-trial\"?\\s*[=:]\\s*40");
    assertThat(o.results().get(0).trainingEpisodes()).isBetween(40L, 43L);
    assertThat(o.results().get(4).trainingEpisodes()).isBetween(40L, 43L);
    assertThat(o.results().get(4).inferenceEpisodes()).isEqualTo(5 * 2);
    assertThat(o.results().get(4).meanByEpisodeIndex()).hasSize(2);

    List<String> episodes = Files.readAllLines(out.resolve("episodes.csv"));
    assertThat(episodes.get(0)).isEqualTo("agent,environment,seed,episode,worker,lane,trial,episode_in_trial,return,length,env_steps");
    assertThat(episodes).hasSize(1 + (int) o.results().stream().mapToLong(CellResult::trainingEpisodes).sum());
    assertThat(episodes.get(1)).startsWith("plain,fixed,1,1,");

    JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
    assertThat(summary.path("cells")).hasSize(8);
    assertThat(summary.path("aggregates")).hasSize(4);
    JsonNode agg = summary.path("aggregates").get(0);
    assertThat(agg.path("environment").asText()).isEqualTo("fixed");
    assertThat(agg.path("agent").asText()).isEqualTo("plain");
    assertThat(agg.path("meta").asBoolean()).isFalse();
    assertThat(agg.path("single_instance").asBoolean()).isTrue();
    double s1 = summary.path("cells").get(0).path("inference_mean").asDouble();
    double s2 = summary.path("cells").get(1).path("inference_mean").asDouble();
    assertThat(agg.path("inference").path("mean").asDouble()).isCloseTo((s1 + s2) / 2, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(agg.path("inference").path("stderr").asDouble()).isCloseTo(Math.abs(s1 - s2) / 2, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(summary.path("aggregates").get(3).path("meta").asBoolean()).isTrue();
    assertThat(summary.path("aggregates").get(3).path("single_instance").asBoolean()).isFalse();
    assertThat(summary.path("claims")).hasSize(3);
    assertThat(summary.path("claims").get(2).path("verdict").asText()).startsWith("not tested");

    String report = Files.readString(out.resolve("report.md"));
    assertThat(report).contains("# Experiment tiny", "## The seed paper's claims", "On task distributions", "the seed paper's Table 3",
        "figures/training-reward.png", "figures/inference-reward.png", "| fixed | xp-arms | single instance | discrete |");
    for (String png : List.of("training-reward.png", "inference-reward.png", "learning-curves-fixed.png",
        "learning-curves-random.png", "adaptation-random.png")) {
      assertThat(out.resolve("figures").resolve(png)).isRegularFile().isNotEmptyFile();
    }
    assertThat(console.toString(StandardCharsets.UTF_8)).contains("[8/8] done random/meta/seed-2", "ETA");

    // The same grid without experiment.paper is not the seed paper's: its report says nothing of the paper.
    ExperimentSpec notPaper = spec(TINY.replace("paper = seed", ""));
    assertThat(notPaper.seedPaper()).isFalse();
    List<Claims.Claim> none = ExperimentReport.write(ExperimentPlan.of(notPaper, registry), o.results(), out,
        new ExperimentReport.Provenance("test", 1, 8, 0, Map.of()));
    assertThat(none).isEmpty();
    String plain = Files.readString(out.resolve("report.md"));
    assertThat(plain).contains("# Experiment tiny", "## Results", "1 = the budgets written in the experiment file")
        .doesNotContain("claims", "Table 3", "seed paper", "not tested", "On task distributions");
    JsonNode plainSummary = JSON.readTree(out.resolve("summary.json").toFile());
    assertThat(plainSummary.has("claims")).isFalse();
    assertThat(plainSummary.has("paper")).isFalse();
    assertThat(summary.path("paper").asText()).isEqualTo("seed");
    try (Stream<Path> s = Files.walk(out)) {
      assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".tmp"));
    }
  }

  @Test
  void killedGridRerunsOnlyTheUnfinishedCellsAndKeepsTheFinishedOnes(@TempDir Path out) throws IOException {
    ExperimentRunner.Outcome first = run(spec(TINY), out, 1, new ByteArrayOutputStream());
    Map<String, byte[]> before = summaries(out);
    // simulate a kill: one cell lost its summary (mid-write) and another left a temporary directory
    Path victim = new Cell("random", "meta", 2).dir(out);
    Files.delete(victim.resolve("summary.json"));
    Path stale = victim.resolveSibling(".seed-2.tmp-123");
    Files.createDirectories(stale.resolve("checkpoint"));
    Files.writeString(stale.resolve("episodes.csv"), "junk");
    Path staleOther = new Cell("fixed", "plain", 1).dir(out).resolveSibling(".seed-1.tmp-999");
    Files.createDirectories(staleOther);

    ByteArrayOutputStream console = new ByteArrayOutputStream();
    ExperimentRunner.Outcome second = run(spec(TINY), out, 1, console);

    assertThat(second.complete()).isTrue();
    assertThat(second.results()).filteredOn(r -> !r.reused()).extracting(r -> r.cell().id()).containsExactly("random/meta/seed-2");
    assertThat(console.toString(StandardCharsets.UTF_8)).contains("start random/meta/seed-2").doesNotContain("start fixed");
    assertThat(stale).doesNotExist();
    Map<String, byte[]> after = summaries(out);
    for (var e : before.entrySet()) {
      if (!e.getKey().equals("random/meta/seed-2")) {
        assertThat(after.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
      }
    }
    // the redone cell reproduces its first results exactly (same seed)
    assertThat(measured(second.results())).isEqualTo(measured(first.results()));
    // the experiment outputs cover all cells again
    assertThat(JSON.readTree(out.resolve("summary.json").toFile()).path("cells_reused").asInt()).isEqualTo(7);
  }

  @Test
  void sameSeedsGiveSameCellResultsWhateverTheParallelism(@TempDir Path a, @TempDir Path b) throws IOException {
    ExperimentRunner.Outcome one = run(spec(TINY), a, 1, new ByteArrayOutputStream());
    ExperimentRunner.Outcome two = run(spec(TINY), b, 2, new ByteArrayOutputStream());
    assertThat(measured(two.results())).isEqualTo(measured(one.results()));
    assertThat(Files.readAllLines(b.resolve("episodes.csv"))).isEqualTo(Files.readAllLines(a.resolve("episodes.csv")));
    // and different seeds differ somewhere
    assertThat(measured(one.results()).get("random/plain/seed-1")).isNotEqualTo(measured(one.results()).get("random/plain/seed-2"));
  }

  @Test
  void aFinishedCellRunWithAnotherConfigurationIsNotMixedIn(@TempDir Path out) throws IOException {
    run(spec(TINY.replace("seeds = [1, 2]", "seeds = [1]")), out, 1, new ByteArrayOutputStream());
    ExperimentSpec rescaled = spec(TINY.replace("seeds = [1, 2]", "seeds = [1]")).with(0.25, null, null);
    assertThatThrownBy(() -> run(rescaled, out, 1, new ByteArrayOutputStream()))
        .isInstanceOf(ConfigValidationException.class)
        .hasMessageContaining("fixed/plain/seed-1: was finished with another configuration")
        .hasMessageContaining("metarl.inference.episodes-per-trial was 5, now 3")
        .hasMessageContaining("random/meta/seed-1: was finished with another configuration");
  }

  @Test
  void everyConfigurationErrorOfEveryCellIsReportedBeforeAnythingRuns(@TempDir Path out) {
    String bad = TINY
        .replace("meta { agent { plugin = xp-ac, memory = 8 } }",
            "meta { agent { plugin = xp-ac, memory = -1 } }\n    typo { agent { plugin = xp-acc } }")
        .replace("environment { plugin = xp-arms, good-arm = 1 }", "environment { plugin = xp-arms, good-arm = 1, lenght = 5 }")
        .replace("training { trials = 1, episodes-per-trial = 80 }", "training { trials = 1, episodes-per-trial = 80, lanes = 0 }");
    ConfigValidationException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigValidationException.class,
        () -> run(spec(bad), out, 1, new ByteArrayOutputStream()));
    String all = e.problems().stream().map(ConfigProblem::format).collect(Collectors.joining("\n"));
    // an unknown key and a range error of the environment block, in every fixed cell
    assertThat(all).contains("metarl.environment.lenght", "metarl.training.lanes");
    assertThat(all).contains("fixed/plain (all seeds)");
    // an unknown plugin name, in every cell of the typo agent
    assertThat(all).contains("xp-acc", "fixed/typo (all seeds), random/typo (all seeds)");
    // a plugin's own range check (found by wiring), for the pair that is otherwise valid
    assertThat(all).contains("memory", "random/meta (all seeds)");
    assertThat(e.problems()).hasSizeGreaterThanOrEqualTo(4);
    assertThat(out.resolve("fixed")).doesNotExist();
    assertThat(out.resolve("random")).doesNotExist();
  }

  private static Map<String, byte[]> summaries(Path out) throws IOException {
    try (Stream<Path> s = Files.walk(out)) {
      return s.filter(p -> p.getFileName().toString().equals("summary.json") && !p.getParent().equals(out))
          .collect(Collectors.toMap(p -> out.relativize(p.getParent()).toString(), p -> {
            try {
              return Files.readAllBytes(p);
            } catch (IOException ex) {
              throw new java.io.UncheckedIOException(ex);
            }
          }));
    }
  }

  /** What a cell measured, without its wall-clock time. */
  private static Map<String, List<Object>> measured(List<CellResult> results) {
    return results.stream().collect(Collectors.toMap(r -> r.cell().id(), r -> List.of(r.trainingMeanLast100(),
        r.trainingEpisodes(), r.envSteps(), r.inferenceMean(), r.inferenceStderr(), List.of(boxed(r.meanByEpisodeIndex())))));
  }

  private static Double[] boxed(double[] xs) {
    return java.util.Arrays.stream(xs).boxed().toArray(Double[]::new);
  }
}
