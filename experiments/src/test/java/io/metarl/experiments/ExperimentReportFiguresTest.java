package io.metarl.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class ExperimentReportFiguresTest {

  static final String GRID = """
      experiment {
        name = curves, seeds = [1, 2, 3]
        agents { A2C { agent.plugin = a }, A3C { agent.plugin = b } }
        environments { CartPole-v0 { environment.plugin = x }, bandit { environment.plugin = y }, Pole { environment.plugin = z } }
        solved { bandit = 90 }
      }
      """;

  private static Map<String, Map<Long, List<double[]>>> curves() {
    Map<String, Map<Long, List<double[]>>> byAgent = new LinkedHashMap<>();
    for (String agent : List.of("A3C", "A2C")) { // not in grid order: the figure puts them in grid order
      Map<Long, List<double[]>> seeds = new LinkedHashMap<>();
      for (long s = 1; s <= 3; s++) {
        List<double[]> pts = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
          pts.add(new double[] {i * 1000.0 + s, i * 0.5 + s});
        }
        seeds.put(s, pts);
      }
      byAgent.put(agent, seeds);
    }
    return byAgent;
  }

  @Test
  void gridFigureHasAMeanAndBandPerAgentTheSolvedLineAndTheBaselines(@TempDir Path out) throws IOException {
    ExperimentSpec spec = ExperimentRunnerTest.spec(GRID);
    // the solved line: experiment.solved first, then the environment's id, then its name where that is an id
    assertThat(ExperimentReport.solved("bandit", spec, "BernoulliBandit-2")).hasValue(90);
    assertThat(ExperimentReport.solved("Pole", spec, "CartPole-v1")).hasValue(475);
    assertThat(ExperimentReport.solved("CartPole-v0", spec, null)).hasValue(195);
    assertThat(ExperimentReport.solved("Pole", spec, null)).isEmpty();

    // baselines: each cell's summary.json, averaged over the cells that have them
    List<Path> cells = new ArrayList<>();
    double[] gittins = {80, 82, 84};
    for (int s = 1; s <= 3; s++) {
      Path dir = new Cell("bandit", "A2C", s).dir(out);
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("summary.json"), "{\"baselines\": {\"gittins\": {\"mean_return\": " + gittins[s - 1]
          + "}, \"random\": {\"mean_return\": 50}}}");
      cells.add(dir);
    }
    cells.add(out.resolve("missing"));
    Map<String, Double> baselines = ExperimentReport.baselines(cells);
    assertThat(baselines).containsExactly(Map.entry("gittins", 82.0), Map.entry("random", 50.0));

    XYChart chart = ExperimentReport.learningCurveChart("bandit", spec, "BernoulliBandit-2", curves(), baselines);
    Map<String, XYSeries> series = chart.getSeriesMap();
    List<String> legend = series.values().stream().filter(XYSeries::isShowInLegend).map(XYSeries::getName).toList();
    assertThat(legend).containsExactly("A2C (3 seeds)", "A3C (3 seeds)", "solved (90)", "gittins (82)", "random (50)");
    assertThat(series).containsKeys("A2C 95% band", "A3C 95% band");
    assertThat(series.get("gittins (82)").getYData()).containsExactly(82, 82);
    assertThat(chart.getTitle()).contains("mean over seeds, 95% band");
    // not one line per seed any more
    assertThat(series.keySet()).noneMatch(n -> n.contains("seed 1"));

    Path png = out.resolve("learning-curves-bandit.png");
    assertThat(ExperimentReport.learningCurves(png, "bandit", spec, null, curves(), baselines)).isTrue();
    assertThat(Files.size(png)).isPositive();
  }

  @Test
  void figuresAreRedrawnFromAFinishedExperimentsEpisodesWithoutRetraining(@TempDir Path out) throws IOException {
    Files.writeString(out.resolve("experiment.conf"), GRID);
    StringBuilder csv = new StringBuilder("agent,environment,seed,episode,worker,lane,trial,episode_in_trial,return,length,env_steps\n");
    curves().forEach((agent, seeds) -> seeds.forEach((seed, pts) -> {
      for (int i = 0; i < pts.size(); i++) {
        csv.append(agent).append(",CartPole-v0,").append(seed).append(',').append(i + 1).append(",0,0,0,0,")
            .append(pts.get(i)[1]).append(",10,").append((long) pts.get(i)[0]).append('\n');
      }
    }));
    try (var gz = new java.util.zip.GZIPOutputStream(Files.newOutputStream(out.resolve("episodes.csv.gz")))) {
      gz.write(csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    List<Path> written = ExperimentReport.redrawLearningCurves(out);
    assertThat(written).containsExactly(out.resolve("figures/learning-curves-CartPole-v0.png"));
    assertThat(Files.size(written.get(0))).isPositive();
  }
}
