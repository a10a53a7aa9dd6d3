package io.metarl.core.metrics;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG plots (XChart), one style for single runs ({@code learning-curve.png}) and experiment grids
 * ({@code figures/learning-curves-<env>.png}):
 *
 * <ul>
 *   <li>per agent, the mean over seeds of the episode return (a moving average over episodes, read at
 *       common env-step points) with a 95% confidence band over seeds ({@link #meanBand}); one seed
 *       draws its curve without a band;
 *   <li>each agent its own colour (never reused across agents, {@link #colour}) and marker
 *       ({@link #marker});
 *   <li>env-steps written as 200k / 1.5M ({@link #compact}), never 1.6E3;
 *   <li>a dashed black line at the environment's solved return where one is defined
 *       ({@link SolvedThresholds}, or the experiment's {@code solved} block) and grey lines at the
 *       baselines' mean returns (e.g. Gittins, UCB1, Thompson on bandits);
 *   <li>a y range that covers the seeds' own curves and those lines (a wider band is cut at the
 *       plot's edge).
 * </ul>
 */
public final class Plots {
  /** Points at which the mean and band are read (the line's resolution). */
  static final int POINTS = 300;
  /** Markers drawn on each agent's line. */
  static final int MARKERS = 12;

  private static final Color[] PALETTE = {
    new Color(0x0072B2), // blue
    new Color(0xD55E00), // vermillion
    new Color(0x009E73), // bluish green
    new Color(0xCC79A7), // reddish purple
    new Color(0xE69F00), // orange
    new Color(0x56B4E9), // sky blue
    new Color(0x882255), // wine
    new Color(0x332288), // indigo
    new Color(0x999933), // olive
    new Color(0x44AA99), // teal
  };
  private static final Marker[] MARKER_SHAPES = {
    SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_UP,
    SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS, SeriesMarkers.PLUS, SeriesMarkers.OVAL,
    SeriesMarkers.TRAPEZOID, SeriesMarkers.RECTANGLE,
  };
  private static final BasicStroke[] BASELINE_STROKES = {
    new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {8f, 4f}, 0f),
    new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {2f, 3f}, 0f),
    new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {8f, 3f, 2f, 3f}, 0f),
    new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {12f, 3f, 2f, 3f, 2f, 3f}, 0f),
  };
  private static final Color[] BASELINE_GREYS = {new Color(0x444444), new Color(0x666666), new Color(0x888888), new Color(0x333333)};
  /** Two-sided 95% quantiles of Student's t, t(0.975; df) for df = 1..30. */
  private static final double[] T975 = {
    12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281,
    2.2010, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860,
    2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423,
  };

  private Plots() {}

  /**
   * One agent's training curves.
   *
   * @param label the agent's name in the legend
   * @param seeds per seed, its episodes as (env-steps, return) points
   */
  public record Curves(String label, List<List<double[]>> seeds) {}

  /**
   * A mean curve over seeds with its 95% confidence band.
   *
   * @param x env-steps
   * @param mean mean over seeds of the smoothed return at {@code x}
   * @param lower lower end of the 95% band (the mean where there is one seed)
   * @param upper upper end of the 95% band
   * @param seeds how many seeds
   * @param seedMin the lowest smoothed return of any seed at any of the points
   * @param seedMax the highest
   */
  public record Band(double[] x, double[] mean, double[] lower, double[] upper, int seeds, double seedMin, double seedMax) {}

  /**
   * The two-sided 95% quantile of Student's t with {@code df} degrees of freedom (tabulated to 30;
   * beyond, the normal quantile with the first Cornish-Fisher correction, within 1e-3).
   */
  public static double t975(int df) {
    if (df < 1) {
      throw new IllegalArgumentException("degrees of freedom must be >= 1, got " + df);
    }
    if (df <= T975.length) {
      return T975[df - 1];
    }
    double z = 1.959964;
    return z + (z * z * z + z) / (4.0 * df);
  }

  /**
   * Mean of {@code values} and the half-width of its 95% confidence interval: t(0.975; n-1) x sample
   * standard deviation / sqrt(n). Student's t, not 1.96: a grid has a handful of seeds and their
   * standard deviation is itself estimated (t = 4.30 for 3 seeds, where 1.96 would draw a band less
   * than half as wide as it should be). One value: half-width 0.
   *
   * @return {mean, half-width}
   */
  public static double[] meanAndHalfWidth(double[] values) {
    int n = values.length;
    if (n == 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    double mean = sum / n;
    if (n == 1) {
      return new double[] {mean, 0};
    }
    double ss = 0;
    for (double v : values) {
      ss += (v - mean) * (v - mean);
    }
    double sd = Math.sqrt(ss / (n - 1));
    return new double[] {mean, t975(n - 1) * sd / Math.sqrt(n)};
  }

  /**
   * Per seed, the moving average of its returns over {@code window} episodes (fewer at the start),
   * read at {@code points} evenly spaced env-step counts over the range every seed covers (from the
   * latest first episode to the earliest last one) as the value after the last episode finished by
   * then; then, at each point, the mean over seeds and its 95% band ({@link #meanAndHalfWidth}).
   *
   * @param seeds per seed, its (env-steps, return) points (any order; sorted by env-steps here)
   * @return the band, or null when a seed has no episode
   */
  public static Band meanBand(List<List<double[]>> seeds, int window, int points) {
    return meanBand(seeds, window, points, false);
  }

  /**
   * {@link #meanBand(List, int, int)}, read at round env-step counts when {@code round}: the first and
   * last covered env-steps and the multiples of a round step (1, 2 or 5 x 10^k) between them, about
   * {@code points} in all.
   */
  public static Band meanBand(List<List<double[]>> seeds, int window, int points, boolean round) {
    if (seeds.isEmpty() || seeds.stream().anyMatch(List::isEmpty)) {
      return null;
    }
    int w = Math.max(1, window);
    List<double[][]> smoothed = new ArrayList<>();
    double from = Double.NEGATIVE_INFINITY;
    double to = Double.POSITIVE_INFINITY;
    for (List<double[]> seed : seeds) {
      List<double[]> pts = new ArrayList<>(seed);
      pts.sort(Comparator.comparingDouble(p -> p[0]));
      double[] xs = new double[pts.size()];
      double[] ys = new double[pts.size()];
      double sum = 0;
      for (int i = 0; i < pts.size(); i++) {
        sum += pts.get(i)[1];
        if (i >= w) {
          sum -= pts.get(i - w)[1];
        }
        xs[i] = pts.get(i)[0];
        ys[i] = sum / Math.min(i + 1, w);
      }
      smoothed.add(new double[][] {xs, ys});
      from = Math.max(from, xs[0]);
      to = Math.min(to, xs[xs.length - 1]);
    }
    if (to < from) {
      to = from; // seeds that do not overlap: one point
    }
    double[] x = round ? roundPoints(from, to, points) : evenPoints(from, to, points);
    int n = x.length;
    double[] mean = new double[n];
    double[] lower = new double[n];
    double[] upper = new double[n];
    int[] cursor = new int[smoothed.size()];
    double[] at = new double[smoothed.size()];
    double seedMin = Double.POSITIVE_INFINITY;
    double seedMax = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < n; k++) {
      for (int s = 0; s < smoothed.size(); s++) {
        double[] xs = smoothed.get(s)[0];
        while (cursor[s] + 1 < xs.length && xs[cursor[s] + 1] <= x[k]) {
          cursor[s]++;
        }
        at[s] = smoothed.get(s)[1][cursor[s]];
        seedMin = Math.min(seedMin, at[s]);
        seedMax = Math.max(seedMax, at[s]);
      }
      double[] mh = meanAndHalfWidth(at);
      mean[k] = mh[0];
      lower[k] = mh[0] - mh[1];
      upper[k] = mh[0] + mh[1];
    }
    return new Band(x, mean, lower, upper, seeds.size(), seedMin, seedMax);
  }

  private static double[] evenPoints(double from, double to, int points) {
    int n = to > from ? Math.max(2, points) : 1;
    double[] x = new double[n];
    for (int k = 0; k < n; k++) {
      x[k] = n == 1 ? from : from + (to - from) * k / (n - 1);
    }
    return x;
  }

  /** {@code from}, the multiples of a round step strictly between, {@code to}. */
  static double[] roundPoints(double from, double to, int points) {
    if (!(to > from)) {
      return new double[] {from};
    }
    double raw = (to - from) / Math.max(1, points - 1);
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = raw <= mag ? mag : raw <= 2 * mag ? 2 * mag : raw <= 5 * mag ? 5 * mag : 10 * mag;
    List<Double> xs = new ArrayList<>();
    xs.add(from);
    long first = (long) Math.floor(from / step) + 1;
    for (long i = first; i * step < to; i++) {
      xs.add(i * step);
    }
    xs.add(to);
    return xs.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * A tick label: {@code 950}, {@code 1.6k}, {@code 86.4k}, {@code 200k}, {@code 1.5M}, {@code 2B}
   * (at most two decimals, no exponent).
   */
  public static String compact(double v) {
    double a = Math.abs(v);
    if (a >= 1e9) {
      return decimals(v / 1e9) + "B";
    }
    if (a >= 1e6) {
      return decimals(v / 1e6) + "M";
    }
    if (a >= 1e3) {
      return decimals(v / 1e3) + "k";
    }
    return decimals(v);
  }

  /** A return's tick label: plain up to 10,000 ({@code -1030}, {@code 0.25}), then {@link #compact}. */
  public static String plain(double v) {
    return Math.abs(v) < 1e4 ? decimals(v) : compact(v);
  }

  private static String decimals(double v) {
    DecimalFormat f = new DecimalFormat("0.##", DecimalFormatSymbols.getInstance(Locale.ROOT));
    f.setRoundingMode(RoundingMode.HALF_UP);
    // from the shortest decimal that is the double (73.925, not 73.92499..), as %.2f in the console tables
    String s = Double.isFinite(v) ? f.format(new BigDecimal(Double.toString(v))) : String.valueOf(v);
    return s.equals("-0") ? "0" : s;
  }

  /** Agent {@code i}'s colour: ten colour-blind-safe colours, then distinct hues (never a repeat). */
  public static Color colour(int i) {
    if (i < PALETTE.length) {
      return PALETTE[i];
    }
    float hue = (float) ((i - PALETTE.length) * 0.6180339887 % 1.0);
    return Color.getHSBColor(hue, 0.75f, 0.65f - 0.1f * ((i - PALETTE.length) / 10 % 3));
  }

  /** Agent {@code i}'s marker. */
  public static Marker marker(int i) {
    return MARKER_SHAPES[i % MARKER_SHAPES.length];
  }

  /** The shared look: white plot, light grid, legend on the right, readable tick labels. */
  public static void style(XYChart chart) {
    AxesChartStyler s = chart.getStyler();
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotBorderColor(new Color(0x888888));
    s.setPlotGridLinesColor(new Color(0xE3E3E3));
    s.setLegendPosition(Styler.LegendPosition.OutsideE);
    s.setLegendBorderColor(new Color(0xCCCCCC));
    s.setLegendSeriesLineLength(28);
    s.setAntiAlias(true);
    s.setMarkerSize(7);
    s.setxAxisTickLabelsFormattingFunction(Plots::compact);
    s.setyAxisTickLabelsFormattingFunction(Plots::plain);
  }

  /**
   * The learning-curve chart: per agent its mean over seeds with a 95% band, then the solved line and
   * the baselines' lines. Series names: the agent's label (its legend entry), {@code <label> line},
   * {@code <label> markers} and {@code <label> 95% band} (not in the legend), {@code solved (<v>)},
   * {@code <baseline> (<v>)}.
   *
   * @param window the moving average's width in episodes
   * @param solved the return at which the environment counts as solved, if any
   * @param baselines baseline name -> its mean episode return, drawn as horizontal lines
   */
  public static XYChart learningCurveChart(String title, List<Curves> agents, int window, OptionalDouble solved,
      Map<String, Double> baselines) {
    System.setProperty("java.awt.headless", "true");
    int maxSeeds = agents.stream().mapToInt(a -> a.seeds().size()).max().orElse(1);
    String y = "episode return (moving average of " + window + " episode" + (window == 1 ? "" : "s") + ")";
    XYChart chart = new XYChartBuilder().width(1000).height(520)
        .title(maxSeeds > 1 ? title + " (mean over seeds, 95% band)" : title)
        .xAxisTitle("environment steps").yAxisTitle(y).build();
    style(chart);
    double xMin = Double.POSITIVE_INFINITY;
    double xMax = Double.NEGATIVE_INFINITY;
    double yMin = Double.POSITIVE_INFINITY;
    double yMax = Double.NEGATIVE_INFINITY;
    int i = 0;
    for (Curves a : agents) {
      Band b = meanBand(a.seeds(), window, POINTS, true);
      if (b == null) {
        i++;
        continue;
      }
      Color c = colour(i);
      Marker m = marker(i);
      xMin = Math.min(xMin, b.x()[0]);
      xMax = Math.max(xMax, b.x()[b.x().length - 1]);
      yMin = Math.min(yMin, b.seedMin());
      yMax = Math.max(yMax, b.seedMax());
      String label = a.label() + (b.seeds() > 1 ? " (" + b.seeds() + " seeds)" : "");
      if (b.seeds() > 1 && b.x().length > 1) {
        int n = b.x().length;
        double[] px = new double[2 * n];
        double[] py = new double[2 * n];
        for (int k = 0; k < n; k++) {
          px[k] = b.x()[k];
          py[k] = b.lower()[k];
          px[2 * n - 1 - k] = b.x()[k];
          py[2 * n - 1 - k] = b.upper()[k];
        }
        XYSeries band = chart.addSeries(a.label() + " 95% band", px, py);
        band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        band.setFillColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 55));
        band.setLineColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 0));
        band.setLineStyle(SeriesLines.NONE);
        band.setMarker(SeriesMarkers.NONE);
        band.setShowInLegend(false);
      }
      XYSeries line = chart.addSeries(a.label() + " line", b.x(), b.mean());
      line.setLineColor(c);
      line.setLineStyle(new BasicStroke(2f));
      line.setMarker(SeriesMarkers.NONE);
      line.setShowInLegend(false);
      // A few markers per line, shifted per agent so that agents' markers do not sit on each other.
      int nm = Math.min(MARKERS, b.x().length);
      double[] mx = new double[nm];
      double[] my = new double[nm];
      for (int k = 0; k < nm; k++) {
        double f = (k + (i % agents.size() + 1.0) / (agents.size() + 1.0)) / nm;
        int idx = (int) Math.min(b.x().length - 1, Math.round(f * (b.x().length - 1)));
        mx[k] = b.x()[idx];
        my[k] = b.mean()[idx];
      }
      XYSeries marks = chart.addSeries(a.label() + " markers", mx, my);
      marks.setLineStyle(SeriesLines.NONE);
      marks.setMarker(m);
      marks.setMarkerColor(c);
      marks.setShowInLegend(false);
      // The legend entry: line and marker, drawing nothing (its one point is NaN). Its x, halfway
      // between the first two points, also keeps the chart's x values from being evenly spaced:
      // XChart puts its ticks at the data's own x values when they are, rather than at round numbers.
      double legendX = b.x().length > 1 ? (b.x()[0] + b.x()[1]) / 2 : b.x()[0];
      XYSeries legend = chart.addSeries(label, new double[] {legendX}, new double[] {Double.NaN});
      legend.setLineColor(c);
      legend.setLineStyle(new BasicStroke(2f));
      legend.setMarker(m);
      legend.setMarkerColor(c);
      i++;
    }
    if (xMin > xMax) {
      xMin = 0;
      xMax = 1;
    }
    if (solved.isPresent()) {
      yMin = Math.min(yMin, solved.getAsDouble());
      yMax = Math.max(yMax, solved.getAsDouble());
      XYSeries s = chart.addSeries("solved (" + plain(solved.getAsDouble()) + ")", new double[] {xMin, xMax},
          new double[] {solved.getAsDouble(), solved.getAsDouble()});
      s.setLineColor(Color.BLACK);
      s.setLineStyle(new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {10f, 5f}, 0f));
      s.setMarker(SeriesMarkers.NONE);
    }
    int j = 0;
    for (var e : baselines.entrySet()) {
      double v = e.getValue();
      if (!Double.isFinite(v)) {
        continue;
      }
      yMin = Math.min(yMin, v);
      yMax = Math.max(yMax, v);
      XYSeries s = chart.addSeries(e.getKey() + " (" + decimals(v) + ")", new double[] {xMin, xMax}, new double[] {v, v});
      s.setLineColor(BASELINE_GREYS[j % BASELINE_GREYS.length]);
      s.setLineStyle(BASELINE_STROKES[j % BASELINE_STROKES.length]);
      s.setMarker(SeriesMarkers.NONE);
      j++;
    }
    // The y range is what the seeds' own curves and the lines reach: with few seeds a 95% band can
    // be far wider (t = 4.30 for 3 seeds) and is cut at the plot's edge rather than squashing the curves.
    if (yMax > yMin) {
      double pad = 0.05 * (yMax - yMin);
      chart.getStyler().setYAxisMin(yMin - pad);
      chart.getStyler().setYAxisMax(yMax + pad);
    }
    return chart;
  }

  /** Writes {@link #learningCurveChart} as a PNG. */
  public static void learningCurves(Path png, String title, List<Curves> agents, int window, OptionalDouble solved,
      Map<String, Double> baselines) throws IOException {
    save(learningCurveChart(title, agents, window, solved, baselines), png);
  }

  /**
   * A single run's learning curve with the environment's solved line (looked up by its id in
   * {@link SolvedThresholds}) and the baselines the run evaluated.
   *
   * @param label the agent's legend entry
   * @param curve (env-steps, return) of every training episode
   * @param environmentId the environment's id (e.g. {@code CartPole-v0}); null for no solved line
   * @param baselines baseline name -> its mean episode return on the run's held-out tasks
   */
  public static void learningCurve(Path png, String title, String label, List<double[]> curve, int window,
      String environmentId, Map<String, Double> baselines) throws IOException {
    learningCurves(png, title, List.of(new Curves(label, List.of(curve))), window, SolvedThresholds.of(environmentId), baselines);
  }

  /**
   * The earlier form: one curve (one seed) per entry, no solved or baseline line; drawn in the
   * shared style.
   */
  public static void learningCurves(Path png, String title, Map<String, List<double[]>> curves, int window)
      throws IOException {
    List<Curves> agents = new ArrayList<>();
    curves.forEach((label, pts) -> agents.add(new Curves(label, List.of(pts))));
    learningCurves(png, title, agents, window, OptionalDouble.empty(), Map.of());
  }

  /** {@code name -> f(value)} in the map's order, e.g. baselines' evaluation results to their mean returns. */
  public static <T> Map<String, Double> values(Map<String, T> m, ToDoubleFunction<T> f) {
    Map<String, Double> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, f.applyAsDouble(v)));
    return out;
  }

  /** Writes a chart as a PNG. */
  public static void save(XYChart chart, Path png) throws IOException {
    System.setProperty("java.awt.headless", "true");
    BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
  }
}
