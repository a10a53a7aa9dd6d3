import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/**
 * Summarises the runs of run.sh and draws the figures of METAGRADIENT.md.
 *   java -cp "app/target/lib/*" extensions-metagradient/experiment/Analyze.java /tmp/mgx extensions-metagradient
 * Per run: the final training return (mean of the last 100 episodes), the area under the learning curve
 * (the mean over a 2,000-step grid of the mean return of the last 100 episodes, i.e. AUC / budget),
 * the greedy evaluation's mean return and env-steps/s; per arm: median and a 95% bootstrap interval of
 * the median over seeds (10,000 resamples, seeded).
 */
public class Analyze {
  static final String[] ARMS = {"meta", "fixed-0.9", "fixed-0.99"};
  static final int SEEDS = 5;
  static final ObjectMapper JSON = new ObjectMapper();

  public static void main(String[] args) throws Exception {
    Path in = Path.of(args[0]);
    Path out = Path.of(args[1]);
    long budget = 0;
    XYChart curves = new XYChartBuilder().width(900).height(500).title("CartPole-v1, A2C: mean return of the last 100 episodes (median over seeds)")
        .xAxisTitle("env steps").yAxisTitle("return").build();
    StringBuilder table = new StringBuilder("| arm | final return (last 100 episodes) | AUC / budget | greedy evaluation (20 episodes) | env-steps/s |\n|---|---|---|---|---|\n");
    for (String arm : ARMS) {
      double[] fin = new double[SEEDS], auc = new double[SEEDS], eval = new double[SEEDS], sps = new double[SEEDS];
      List<double[]> grids = new ArrayList<>();
      for (int s = 1; s <= SEEDS; s++) {
        Path dir = in.resolve(arm + "-" + s);
        JsonNode sum = JSON.readTree(dir.resolve("summary.json").toFile());
        budget = sum.path("env_steps").asLong();
        fin[s - 1] = sum.path("training").path("mean_return_last_100").asDouble();
        eval[s - 1] = sum.path("inference").path("mean_return").asDouble();
        sps[s - 1] = sum.path("training").path("env_steps_per_second").asDouble();
        double[] grid = curve(dir.resolve("episodes.csv"), budget);
        grids.add(grid);
        auc[s - 1] = Arrays.stream(grid).average().orElse(0);
      }
      table.append("| ").append(arm).append(" | ").append(fmt(fin)).append(" | ").append(fmt(auc)).append(" | ")
          .append(fmt(eval)).append(" | ").append(String.format("%.0f (%s)", median(sps), Arrays.toString(round(sps)))).append(" |\n");
      int g = grids.get(0).length;
      double[] x = new double[g], y = new double[g];
      for (int k = 0; k < g; k++) {
        x[k] = (k + 1) * 2000.0;
        double[] v = new double[SEEDS];
        for (int s = 0; s < SEEDS; s++) {
          v[s] = grids.get(s)[k];
        }
        y[k] = median(v);
      }
      curves.addSeries(arm, x, y);
    }
    BitmapEncoder.saveBitmap(curves, out.resolve("metagradient-cartpole-curves").toString(), BitmapEncoder.BitmapFormat.PNG);

    XYChart eta = new XYChartBuilder().width(900).height(500).title("Learned meta-parameters (A2C, CartPole-v1, 5 seeds)")
        .xAxisTitle("env steps").yAxisTitle("value").build();
    for (int s = 1; s <= SEEDS; s++) {
      List<String> lines = Files.readAllLines(in.resolve("meta-" + s).resolve("updates.csv"));
      List<String> head = Arrays.asList(lines.get(0).split(","));
      int cs = head.indexOf("env_steps"), cg = head.indexOf("meta/gamma"), cl = head.indexOf("meta/lambda");
      int n = lines.size() - 1;
      double[] x = new double[n], gam = new double[n], lam = new double[n];
      for (int i = 0; i < n; i++) {
        String[] f = lines.get(i + 1).split(",");
        x[i] = Double.parseDouble(f[cs]);
        gam[i] = Double.parseDouble(f[cg]);
        lam[i] = Double.parseDouble(f[cl]);
      }
      eta.addSeries("gamma, seed " + s, x, gam).setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
      eta.addSeries("lambda, seed " + s, x, lam).setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
      System.out.printf("seed %d: final gamma %.4f lambda %.4f%n", s, gam[n - 1], lam[n - 1]);
    }
    BitmapEncoder.saveBitmap(eta, out.resolve("metagradient-cartpole-eta").toString(), BitmapEncoder.BitmapFormat.PNG);
    System.out.println("budget " + budget + " env steps per run");
    System.out.print(table);
  }

  /** Mean return of the last 100 episodes, sampled every 2,000 env steps. */
  static double[] curve(Path episodes, long budget) throws Exception {
    List<String> lines = Files.readAllLines(episodes);
    List<String> head = Arrays.asList(lines.get(0).split(","));
    int cr = head.indexOf("return"), cs = head.indexOf("env_steps");
    int g = (int) (budget / 2000);
    double[] out = new double[g];
    double[] window = new double[100];
    int count = 0;
    int row = 1;
    for (int k = 0; k < g; k++) {
      long at = (k + 1) * 2000L;
      while (row < lines.size()) {
        String[] f = lines.get(row).split(",");
        if (Long.parseLong(f[cs]) > at) {
          break;
        }
        window[count++ % 100] = Double.parseDouble(f[cr]);
        row++;
      }
      int m = Math.min(count, 100);
      double sum = 0;
      for (int i = 0; i < m; i++) {
        sum += window[i];
      }
      out[k] = m == 0 ? 0 : sum / m;
    }
    return out;
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  static String fmt(double[] v) {
    SplittableRandom rng = new SplittableRandom(42);
    double[] meds = new double[10000];
    for (int b = 0; b < meds.length; b++) {
      double[] r = new double[v.length];
      for (int i = 0; i < v.length; i++) {
        r[i] = v[rng.nextInt(v.length)];
      }
      meds[b] = median(r);
    }
    Arrays.sort(meds);
    return String.format("%.1f [%.1f, %.1f]", median(v), meds[249], meds[9749]);
  }

  static long[] round(double[] v) {
    return Arrays.stream(v).mapToLong(Math::round).toArray();
  }
}
