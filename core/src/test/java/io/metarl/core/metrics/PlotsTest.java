package io.metarl.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class PlotsTest {

  @Test
  void tickLabelsAreThousandsAndMillionsNeverExponents() {
    assertThat(Plots.compact(0)).isEqualTo("0");
    assertThat(Plots.compact(950)).isEqualTo("950");
    assertThat(Plots.compact(1600)).isEqualTo("1.6k");
    assertThat(Plots.compact(86_400)).isEqualTo("86.4k");
    assertThat(Plots.compact(171_200)).isEqualTo("171.2k");
    assertThat(Plots.compact(200_000)).isEqualTo("200k");
    assertThat(Plots.compact(1_500_000)).isEqualTo("1.5M");
    assertThat(Plots.compact(1_000_000)).isEqualTo("1M");
    assertThat(Plots.compact(12_345_678)).isEqualTo("12.35M");
    assertThat(Plots.compact(3e9)).isEqualTo("3B");
    assertThat(Plots.compact(-2500)).isEqualTo("-2.5k");
    assertThat(Plots.compact(0.25)).isEqualTo("0.25");
    assertThat(Plots.plain(73.925)).isEqualTo("73.93"); // as the console's %.2f
    // returns stay plain below 10,000
    assertThat(Plots.plain(-1030)).isEqualTo("-1030");
    assertThat(Plots.plain(195)).isEqualTo("195");
    assertThat(Plots.plain(25_000)).isEqualTo("25k");
  }

  @Test
  void meanAndBandUseStudentsT() {
    // by hand: values 1, 2, 3: mean 2, sample sd 1, stderr 1/sqrt(3) = 0.57735; t(0.975; 2) = 4.3027
    double[] mh = Plots.meanAndHalfWidth(new double[] {1, 2, 3});
    assertThat(mh[0]).isEqualTo(2.0);
    assertThat(mh[1]).isCloseTo(4.3027 / Math.sqrt(3), within(1e-9)).isCloseTo(2.4841, within(1e-4));
    // one value: no band
    assertThat(Plots.meanAndHalfWidth(new double[] {7})).containsExactly(7.0, 0.0);
    // the t quantiles: table and beyond (normal 1.96 in the limit)
    assertThat(Plots.t975(1)).isCloseTo(12.706, within(1e-3));
    assertThat(Plots.t975(30)).isCloseTo(2.042, within(1e-3));
    assertThat(Plots.t975(60)).isCloseTo(2.000, within(1e-3));
    assertThat(Plots.t975(120)).isCloseTo(1.980, within(1e-3));
  }

  @Test
  void meanBandReadsEverySeedAtCommonEnvSteps() {
    // Seed A: returns 10, 20, 30 at steps 100, 200, 300; seed B: 30, 40, 50 at steps 100, 200, 300;
    // seed C: 20, 30, 40 at 100, 200, 300. Window 1 (no smoothing), 3 points: 100, 200, 300.
    List<double[]> a = List.of(new double[] {100, 10}, new double[] {200, 20}, new double[] {300, 30});
    List<double[]> b = List.of(new double[] {100, 30}, new double[] {200, 40}, new double[] {300, 50});
    List<double[]> c = List.of(new double[] {100, 20}, new double[] {200, 30}, new double[] {300, 40});
    Plots.Band band = Plots.meanBand(List.of(a, b, c), 1, 3);
    assertThat(band.seeds()).isEqualTo(3);
    assertThat(band.x()).containsExactly(100, 200, 300);
    assertThat(band.mean()).containsExactly(20, 30, 40);
    // each point: values m-10, m, m+10: sd 10, half-width 4.3027 * 10 / sqrt(3) = 24.8414
    for (int k = 0; k < 3; k++) {
      assertThat(band.upper()[k] - band.mean()[k]).isCloseTo(24.8414, within(1e-3));
      assertThat(band.mean()[k] - band.lower()[k]).isCloseTo(24.8414, within(1e-3));
    }
    // Window 2 and a seed that ends earlier: the range is what every seed covers (100..200), and a
    // point between episodes holds the last finished episode's moving average.
    List<double[]> shortSeed = List.of(new double[] {100, 0}, new double[] {200, 10});
    Plots.Band b2 = Plots.meanBand(List.of(a, shortSeed), 2, 3);
    assertThat(b2.x()).containsExactly(100, 150, 200);
    // seed a: moving averages 10, 15 (at 200); seed short: 0, 5
    assertThat(b2.mean()).containsExactly(5, 5, 10);
  }

  @Test
  void roundPointsAreTheEndsAndMultiplesOfARoundStep() {
    assertThat(Plots.roundPoints(72, 1000, 5)).containsExactly(72, 500, 1000);
    assertThat(Plots.roundPoints(160, 99_000, 300)).startsWith(160, 500, 1000).endsWith(98_500, 99_000);
    assertThat(Plots.roundPoints(5, 5, 300)).containsExactly(5);
  }

  @Test
  void chartHasOneLegendEntryPerAgentWithDistinctColoursAndTheSolvedAndBaselineLines() {
    List<double[]> s1 = List.of(new double[] {1000, 10}, new double[] {2000, 30}, new double[] {3000, 60});
    List<double[]> s2 = List.of(new double[] {1100, 12}, new double[] {2100, 25}, new double[] {3100, 70});
    Map<String, Double> baselines = new LinkedHashMap<>();
    baselines.put("gittins", 80.5);
    baselines.put("ucb1", 70.25);
    XYChart chart = Plots.learningCurveChart("test", List.of(new Plots.Curves("A2C", List.of(s1, s2)),
        new Plots.Curves("A3C", List.of(s2, s1))), 1, OptionalDouble.of(195), baselines);
    Map<String, XYSeries> series = chart.getSeriesMap();
    assertThat(series).containsKeys("A2C (2 seeds)", "A3C (2 seeds)", "A2C 95% band", "A3C 95% band",
        "solved (195)", "gittins (80.5)", "ucb1 (70.25)");
    assertThat(series.get("solved (195)").getYData()).containsExactly(195, 195);
    assertThat(series.get("gittins (80.5)").getYData()).containsExactly(80.5, 80.5);
    assertThat(series.get("A2C 95% band").getXYSeriesRenderStyle()).isEqualTo(XYSeries.XYSeriesRenderStyle.PolygonArea);
    assertThat(series.get("A2C (2 seeds)").getLineColor()).isNotEqualTo(series.get("A3C (2 seeds)").getLineColor());
    assertThat(series.get("A2C (2 seeds)").getMarker()).isNotEqualTo(series.get("A3C (2 seeds)").getMarker());
    assertThat(series.values().stream().filter(XYSeries::isShowInLegend).map(XYSeries::getName))
        .containsExactly("A2C (2 seeds)", "A3C (2 seeds)", "solved (195)", "gittins (80.5)", "ucb1 (70.25)");
    assertThat(chart.getStyler().getxAxisTickLabelsFormattingFunction().apply(1_500_000.0)).isEqualTo("1.5M");
    // the y range reaches the solved line and the lowest seed (10), not the 95% band's far ends
    assertThat(chart.getStyler().getYAxisMax()).isBetween(195.0, 195.0 + 0.06 * 185);
    assertThat(chart.getStyler().getYAxisMin()).isBetween(10 - 0.06 * 185, 10.0);
  }

  @Test
  void noColourIsReusedAcrossManyAgents() {
    Set<Color> seen = new HashSet<>();
    for (int i = 0; i < 40; i++) {
      assertThat(seen.add(Plots.colour(i))).as("colour %d", i).isTrue();
    }
  }

  @Test
  void singleRunFigureGetsTheThresholdOfItsEnvironmentAndIsWritten(@TempDir Path dir) throws Exception {
    assertThat(SolvedThresholds.of("CartPole-v0")).hasValue(195);
    assertThat(SolvedThresholds.of("CartPole-v1")).hasValue(475);
    assertThat(SolvedThresholds.of("LunarLander-v3")).hasValue(200);
    assertThat(SolvedThresholds.of("BernoulliBandit-2")).isEmpty();
    assertThat(SolvedThresholds.of(null)).isEmpty();
    List<double[]> curve = new java.util.ArrayList<>();
    for (int i = 1; i <= 500; i++) {
      curve.add(new double[] {i * 160.0, Math.min(200, i)});
    }
    Path png = dir.resolve("learning-curve.png");
    Plots.learningCurve(png, "a2c on cartpole", "a2c (seed 1)", curve, 100, "CartPole-v0", Map.of("random", 22.0));
    assertThat(Files.size(png)).isPositive();
  }
}
