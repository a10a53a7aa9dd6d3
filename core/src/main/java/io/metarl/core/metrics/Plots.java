package io.metarl.core.metrics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG plots (XChart): learning curves as a moving average of episode returns over env-steps. */
public final class Plots {
  private Plots() {
    System.setProperty("java.awt.headless", "true");
  }

  /**
   * Writes a learning-curve PNG with one series per entry of {@code curves}: each a list of
   * (env-steps, return) points, smoothed by a moving average over {@code window} episodes.
   */
  public static void learningCurves(Path png, String title, Map<String, List<double[]>> curves, int window)
      throws IOException {
    System.setProperty("java.awt.headless", "true");
    XYChart chart = new XYChartBuilder().width(900).height(500).title(title)
        .xAxisTitle("environment steps").yAxisTitle("episode return (moving average of " + window + ")").build();
    chart.getStyler().setMarkerSize(0);
    for (var e : curves.entrySet()) {
      List<double[]> pts = e.getValue();
      if (pts.isEmpty()) {
        continue;
      }
      int stride = Math.max(1, pts.size() / 2000);
      int n = (pts.size() + stride - 1) / stride;
      double[] x = new double[n];
      double[] y = new double[n];
      double sum = 0;
      int k = 0;
      for (int i = 0; i < pts.size(); i++) {
        sum += pts.get(i)[1];
        if (i >= window) {
          sum -= pts.get(i - window)[1];
        }
        if (i % stride == 0 && k < n) {
          x[k] = pts.get(i)[0];
          y[k] = sum / Math.min(i + 1, window);
          k++;
        }
      }
      XYSeries s = chart.addSeries(e.getKey(), x, y);
      s.setMarker(SeriesMarkers.NONE);
    }
    BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
  }
}
