package io.metarl.experiments;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.JsonNode;
import io.metarl.core.metrics.Plots;
import io.metarl.core.metrics.SolvedThresholds;
import java.awt.Color;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.zip.GZIPInputStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

/**
 * The experiment-level outputs: {@code episodes.csv} (every training episode of every cell, with
 * agent, environment and seed columns), {@code summary.json} (per cell and per agent x environment
 * over seeds), {@code report.md} (tables, the seed paper's claims judged from the numbers, figures)
 * and {@code figures/*.png}: average reward per agent per environment in training and in inference
 * with error bars over seeds (like the seed's Figures 3 and 4), learning curves (per agent the mean
 * over seeds with a 95% band, the solved line and the baselines: {@link Plots}) and adaptation
 * curves per environment. The seed paper's claims and its Table 3 are mentioned only for a grid that
 * declares itself the seed paper's ({@code experiment.paper = seed}).
 */
public final class ExperimentReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ExperimentReport() {}

  /**
   * What the report says about how it was made.
   *
   * @param command the command line that ran the experiment
   * @param wallSeconds wall-clock seconds of this invocation
   * @param ranCells cells run by this invocation
   * @param reusedCells cells finished earlier and reused
   * @param failures cell id -> error, for cells that failed
   */
  public record Provenance(String command, double wallSeconds, int ranCells, int reusedCells, Map<String, String> failures) {}

  /** Aggregates per environment (grid order), each with its agents in grid order. */
  public static Map<String, List<Aggregate>> aggregate(ExperimentPlan plan, List<CellResult> results) {
    Map<String, List<Aggregate>> out = new LinkedHashMap<>();
    for (String env : plan.spec().environments().keySet()) {
      List<Aggregate> row = new ArrayList<>();
      for (String agent : plan.spec().agents().keySet()) {
        List<CellResult> cells = results.stream()
            .filter(r -> r.cell().environment().equals(env) && r.cell().agent().equals(agent)).toList();
        if (!cells.isEmpty()) {
          row.add(Aggregate.of(env, agent, plan.pairs().get(ExperimentPlan.key(env, agent)), cells));
        }
      }
      out.put(env, row);
    }
    return out;
  }

  /** Writes every output into {@code out}; returns the judged claims. */
  public static List<Claims.Claim> write(ExperimentPlan plan, List<CellResult> results, Path out, Provenance how)
      throws IOException {
    Map<String, List<Aggregate>> byEnv = aggregate(plan, results);
    // Only a grid that declares itself the seed paper's (experiment.paper = seed) is judged against its claims.
    List<Claims.Claim> claims = plan.spec().seedPaper() ? Claims.judge(byEnv, plan.spec().solved()) : List.of();
    Path figures = out.resolve("figures");
    Files.createDirectories(figures);
    writeEpisodes(results, out);
    writeSummary(plan, results, byEnv, claims, out, how);
    List<String> pngs = new ArrayList<>();
    if (byEnv.values().stream().anyMatch(row -> !row.isEmpty())) { // no bars when every cell failed
      pngs.add(bars(figures.resolve("training-reward.png"), plan.spec().name() + ": training (mean of the last 100 episodes)", byEnv, true));
      pngs.add(bars(figures.resolve("inference-reward.png"), plan.spec().name() + ": inference on held-out tasks (frozen weights)", byEnv, false));
    }
    for (String env : byEnv.keySet()) {
      Path curves = figures.resolve("learning-curves-" + env + ".png");
      if (learningCurves(curves, env, plan, results, out)) {
        pngs.add("figures/" + curves.getFileName());
      }
      Path adapt = figures.resolve("adaptation-" + env + ".png");
      if (adaptation(adapt, env, byEnv.get(env), new ArrayList<>(plan.spec().agents().keySet()))) {
        pngs.add("figures/" + adapt.getFileName());
      }
    }
    writeMarkdown(plan, results, byEnv, claims, out, how, pngs);
    return claims;
  }

  private static void writeEpisodes(List<CellResult> results, Path out) throws IOException {
    Path tmp = out.resolve("episodes.csv.tmp");
    try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      w.write("agent,environment,seed,episode,worker,lane,trial,episode_in_trial,return,length,env_steps\n");
      for (CellResult r : results) {
        Path f = r.cell().dir(out).resolve("episodes.csv");
        if (!Files.isRegularFile(f)) {
          continue;
        }
        String prefix = r.cell().agent() + "," + r.cell().environment() + "," + r.cell().seed() + ",";
        try (BufferedReader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
          in.readLine(); // header
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (!line.isEmpty()) {
              w.write(prefix);
              w.write(line);
              w.write('\n');
            }
          }
        }
      }
    }
    Files.move(tmp, out.resolve("episodes.csv"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void writeSummary(ExperimentPlan plan, List<CellResult> results, Map<String, List<Aggregate>> byEnv,
      List<Claims.Claim> claims, Path out, Provenance how) throws IOException {
    ExperimentSpec spec = plan.spec();
    ObjectNode root = JSON.createObjectNode();
    root.put("name", spec.name());
    if (spec.paper() != null) {
      root.put("paper", spec.paper());
    }
    root.put("command", how.command());
    root.put("scale", spec.scale());
    ArrayNode seeds = root.putArray("seeds");
    spec.seeds().forEach(seeds::add);
    root.put("cells_total", plan.cells().size());
    root.put("cells_finished", results.size());
    root.put("cells_ran", how.ranCells());
    root.put("cells_reused", how.reusedCells());
    root.put("wall_seconds", how.wallSeconds());
    root.put("cell_seconds_total", results.stream().mapToDouble(CellResult::wallSeconds).sum());
    ObjectNode failures = root.putObject("failures");
    how.failures().forEach(failures::put);
    ArrayNode cells = root.putArray("cells");
    for (CellResult r : results) {
      ObjectNode c = cells.addObject();
      c.put("environment", r.cell().environment());
      c.put("agent", r.cell().agent());
      c.put("seed", r.cell().seed());
      c.put("dir", out.relativize(r.cell().dir(out)).toString());
      c.put("training_mean_last_100", r.trainingMeanLast100());
      c.put("training_episodes", r.trainingEpisodes());
      c.put("env_steps", r.envSteps());
      c.put("inference_mean", r.inferenceMean());
      c.put("inference_stderr", r.inferenceStderr());
      c.put("inference_episodes", r.inferenceEpisodes());
      ArrayNode by = c.putArray("inference_mean_by_episode_index");
      for (double v : r.meanByEpisodeIndex()) {
        by.add(v);
      }
      c.put("wall_seconds", r.wallSeconds());
      c.put("reused", r.reused());
    }
    ArrayNode aggs = root.putArray("aggregates");
    for (List<Aggregate> row : byEnv.values()) {
      for (Aggregate a : row) {
        ObjectNode o = aggs.addObject();
        o.put("environment", a.environment());
        o.put("agent", a.agent());
        o.put("agent_plugin", a.info().agentPlugin());
        o.put("environment_plugin", a.info().environmentPlugin());
        o.put("meta", a.info().meta());
        o.put("single_instance", a.info().singleInstance());
        o.put("continuous_actions", a.info().continuousActions());
        o.put("training_budget", a.info().training());
        o.put("inference_budget", a.info().inference());
        o.put("seeds", a.seeds());
        ObjectNode t = o.putObject("training");
        t.put("mean_last_100", a.trainingMean());
        t.put("stderr", a.trainingStderr());
        ObjectNode i = o.putObject("inference");
        i.put("mean", a.inferenceMean());
        i.put("stderr", a.inferenceStderr());
        ArrayNode ad = i.putArray("mean_by_episode_index");
        for (double v : a.adaptation()) {
          ad.add(v);
        }
      }
    }
    if (spec.seedPaper()) {
      writeClaims(root.putArray("claims"), claims);
    }
    Path tmp = out.resolve("summary.json.tmp");
    JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
    Files.move(tmp, out.resolve("summary.json"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void writeClaims(ArrayNode cl, List<Claims.Claim> claims) {
    for (Claims.Claim c : claims) {
      ObjectNode o = cl.addObject();
      o.put("claim", c.statement());
      o.put("verdict", c.verdict());
      ArrayNode ev = o.putArray("evidence");
      c.evidence().forEach(ev::add);
    }
  }

  /** The seed's Figures 3/4: mean reward per agent per environment with error bars over seeds. */
  private static String bars(Path png, String title, Map<String, List<Aggregate>> byEnv, boolean training) throws IOException {
    System.setProperty("java.awt.headless", "true");
    CategoryChart chart = new CategoryChartBuilder().width(1000).height(550).title(title + "; error bars: standard error over seeds")
        .xAxisTitle("environment").yAxisTitle(training ? "average episode reward (last 100)" : "average episode reward").build();
    chart.getStyler().setErrorBarsColor(java.awt.Color.BLACK);
    chart.getStyler().setOverlapped(false);
    List<String> agents = new ArrayList<>();
    byEnv.values().forEach(row -> row.forEach(a -> {
      if (!agents.contains(a.agent())) {
        agents.add(a.agent());
      }
    }));
    List<String> envs = new ArrayList<>(byEnv.keySet());
    Color[] colours = new Color[agents.size()];
    for (int i = 0; i < colours.length; i++) {
      colours[i] = Plots.colour(i);
    }
    chart.getStyler().setSeriesColors(colours);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotBackgroundColor(Color.WHITE);
    chart.getStyler().setyAxisTickLabelsFormattingFunction(Plots::plain);
    for (String agent : agents) {
      List<Double> y = new ArrayList<>();
      List<Double> err = new ArrayList<>();
      for (String env : envs) {
        Aggregate a = byEnv.get(env).stream().filter(x -> x.agent().equals(agent)).findFirst().orElse(null);
        double m = a == null ? Double.NaN : training ? a.trainingMean() : a.inferenceMean();
        double s = a == null ? 0 : training ? a.trainingStderr() : a.inferenceStderr();
        y.add(Double.isFinite(m) ? m : 0.0);
        err.add(Double.isFinite(s) ? s : 0.0);
      }
      chart.addSeries(agent, envs, y, err);
    }
    BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    return "figures/" + png.getFileName();
  }

  private static boolean learningCurves(Path png, String env, ExperimentPlan plan, List<CellResult> results, Path out)
      throws IOException {
    Map<String, Map<Long, List<double[]>>> byAgent = new LinkedHashMap<>();
    List<Path> cellDirs = new ArrayList<>();
    for (CellResult r : results) {
      if (r.cell().environment().equals(env)) {
        byAgent.computeIfAbsent(r.cell().agent(), a -> new LinkedHashMap<>())
            .put(r.cell().seed(), readCurve(r.cell().dir(out).resolve("episodes.csv")));
        cellDirs.add(r.cell().dir(out));
      }
    }
    String id = plan.spec().agents().keySet().stream().map(a -> plan.pairs().get(ExperimentPlan.key(env, a)))
        .filter(p -> p != null && p.environmentId() != null).map(ExperimentPlan.PairInfo::environmentId).findFirst().orElse(null);
    return learningCurves(png, env, plan.spec(), id, byAgent, baselines(cellDirs));
  }

  /**
   * The learning-curve figure of one environment: per agent (in grid order, so that an agent keeps
   * its colour and marker in every figure), the mean over its seeds with a 95% band; the solved line
   * ({@code experiment.solved}, else the environment id's in {@link SolvedThresholds}); the baselines.
   *
   * @param environmentId the environment's id, or null (then the grid's environment name is tried)
   * @param byAgent agent -> seed -> (env-steps, return) of every training episode
   * @param baselines baseline name -> mean episode return over the environment's cells
   * @return false when there is nothing to draw
   */
  static boolean learningCurves(Path png, String env, ExperimentSpec spec, String environmentId,
      Map<String, Map<Long, List<double[]>>> byAgent, Map<String, Double> baselines) throws IOException {
    XYChart chart = learningCurveChart(env, spec, environmentId, byAgent, baselines);
    if (chart == null) {
      return false;
    }
    Plots.save(chart, png);
    return true;
  }

  /** The chart {@link #learningCurves(Path, String, ExperimentSpec, String, Map, Map)} draws, or null. */
  static XYChart learningCurveChart(String env, ExperimentSpec spec, String environmentId,
      Map<String, Map<Long, List<double[]>>> byAgent, Map<String, Double> baselines) {
    int shortest = byAgent.values().stream().flatMap(m -> m.values().stream()).mapToInt(List::size).min().orElse(0);
    if (shortest == 0) {
      return null;
    }
    List<Plots.Curves> curves = new ArrayList<>();
    List<String> agents = new ArrayList<>(spec.agents().keySet());
    byAgent.keySet().stream().filter(a -> !agents.contains(a)).forEach(agents::add);
    for (String agent : agents) {
      Map<Long, List<double[]>> seeds = byAgent.getOrDefault(agent, Map.of());
      curves.add(new Plots.Curves(agent, new ArrayList<>(seeds.values())));
    }
    int window = Math.max(1, Math.min(100, shortest / 20));
    return Plots.learningCurveChart(env + ": training", curves, window, solved(env, spec, environmentId), baselines);
  }

  /** The solved return of an environment of the grid: {@code experiment.solved}, else its id's. */
  static OptionalDouble solved(String env, ExperimentSpec spec, String environmentId) {
    Double s = spec.solved().get(env);
    if (s != null) {
      return OptionalDouble.of(s);
    }
    OptionalDouble byId = SolvedThresholds.of(environmentId);
    return byId.isPresent() ? byId : SolvedThresholds.of(env);
  }

  /**
   * The baselines the cells evaluated on their held-out tasks ({@code summary.json}, key
   * {@code baselines}): per baseline, its mean episode return averaged over the cells that have it.
   */
  static Map<String, Double> baselines(List<Path> cellDirs) throws IOException {
    Map<String, double[]> sums = new LinkedHashMap<>();
    for (Path dir : cellDirs) {
      Path f = dir.resolve("summary.json");
      if (!Files.isRegularFile(f)) {
        continue;
      }
      JsonNode b = JSON.readTree(f.toFile()).path("baselines");
      for (var it = b.fields(); it.hasNext(); ) {
        var e = it.next();
        JsonNode m = e.getValue().path("mean_return");
        if (m.isNumber()) {
          double[] acc = sums.computeIfAbsent(e.getKey(), k -> new double[2]);
          acc[0] += m.asDouble();
          acc[1]++;
        }
      }
    }
    Map<String, Double> out = new LinkedHashMap<>();
    sums.forEach((k, v) -> out.put(k, v[0] / v[1]));
    return out;
  }

  /**
   * Redraws the learning-curve figures of a finished experiment directory from what it keeps: its
   * {@code experiment.conf} (agents' order, {@code solved}), its {@code episodes.csv} or
   * {@code episodes.csv.gz} (every training episode of every cell) and the cells' {@code summary.json}
   * (baselines), without retraining. The environment's id is not known here, so a solved line comes
   * from {@code experiment.solved} or from the environment's name where that is an id (CartPole-v0).
   *
   * @return the figures written
   */
  public static List<Path> redrawLearningCurves(Path dir) throws IOException {
    ExperimentSpec spec = ExperimentSpec.load(dir.resolve("experiment.conf"), List.of());
    Path csv = dir.resolve("episodes.csv");
    if (!Files.isRegularFile(csv)) {
      csv = dir.resolve("episodes.csv.gz");
    }
    Map<String, Map<String, Map<Long, List<double[]>>>> all = new LinkedHashMap<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(csv.getFileName().toString().endsWith(".gz")
        ? new GZIPInputStream(Files.newInputStream(csv)) : Files.newInputStream(csv), StandardCharsets.UTF_8))) {
      List<String> header = List.of(in.readLine().split(","));
      int agent = header.indexOf("agent");
      int env = header.indexOf("environment");
      int seed = header.indexOf("seed");
      int ret = header.indexOf("return");
      int steps = header.indexOf("env_steps");
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] f = line.split(",");
        if (f.length == header.size()) {
          all.computeIfAbsent(f[env], k -> new LinkedHashMap<>()).computeIfAbsent(f[agent], k -> new LinkedHashMap<>())
              .computeIfAbsent(Long.parseLong(f[seed]), k -> new ArrayList<>())
              .add(new double[] {Double.parseDouble(f[steps]), Double.parseDouble(f[ret])});
        }
      }
    }
    List<Path> written = new ArrayList<>();
    Files.createDirectories(dir.resolve("figures"));
    for (var e : all.entrySet()) {
      List<Path> cellDirs = new ArrayList<>();
      e.getValue().forEach((a, seeds) -> seeds.keySet().forEach(s -> cellDirs.add(new Cell(e.getKey(), a, s).dir(dir))));
      Path png = dir.resolve("figures").resolve("learning-curves-" + e.getKey() + ".png");
      if (learningCurves(png, e.getKey(), spec, null, e.getValue(), baselines(cellDirs))) {
        written.add(png);
      }
    }
    return written;
  }

  /** (env-steps, return) of every episode of a cell's episodes.csv. */
  static List<double[]> readCurve(Path csv) throws IOException {
    List<double[]> pts = new ArrayList<>();
    if (!Files.isRegularFile(csv)) {
      return pts;
    }
    try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      String[] header = in.readLine().split(",");
      int ret = List.of(header).indexOf("return");
      int steps = List.of(header).indexOf("env_steps");
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] f = line.split(",");
        if (f.length == header.length) {
          pts.add(new double[] {Double.parseDouble(f[steps]), Double.parseDouble(f[ret])});
        }
      }
    }
    return pts;
  }

  private static boolean adaptation(Path png, String env, List<Aggregate> row, List<String> agentIndex) throws IOException {
    if (row.isEmpty() || row.stream().allMatch(a -> a.adaptation().length < 2)) {
      return false;
    }
    System.setProperty("java.awt.headless", "true");
    XYChart chart = new XYChartBuilder().width(1000).height(520).title(env + ": inference return by episode of the trial")
        .xAxisTitle("episode of the trial").yAxisTitle("mean episode return (over trials and seeds)").build();
    Plots.style(chart);
    for (Aggregate a : row) {
      if (a.adaptation().length == 0) {
        continue;
      }
      int i = agentIndex.indexOf(a.agent());
      double[] x = new double[a.adaptation().length];
      for (int k = 0; k < x.length; k++) {
        x[k] = k + 1;
      }
      XYSeries series = chart.addSeries(a.agent(), x, a.adaptation());
      series.setLineColor(Plots.colour(i));
      series.setMarkerColor(Plots.colour(i));
      series.setMarker(Plots.marker(i));
    }
    BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    return true;
  }

  private static void writeMarkdown(ExperimentPlan plan, List<CellResult> results, Map<String, List<Aggregate>> byEnv,
      List<Claims.Claim> claims, Path out, Provenance how, List<String> pngs) throws IOException {
    ExperimentSpec spec = plan.spec();
    StringBuilder md = new StringBuilder();
    md.append("# Experiment ").append(spec.name()).append("\n\n");
    md.append("Made by `").append(how.command()).append("`");
    md.append(String.format(Locale.ROOT, " in %s of wall-clock (%d cell%s run now, %d reused from an earlier run; %s of cell time in all) on %d cores, Java %s, %s.%n%n",
        duration(how.wallSeconds()), how.ranCells(), how.ranCells() == 1 ? "" : "s", how.reusedCells(),
        duration(results.stream().mapToDouble(CellResult::wallSeconds).sum()),
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), System.getProperty("os.name")));
    md.append(String.format(Locale.ROOT, "Grid: %d environments x %d agents x %d seeds %s = %d cells; budgets at scale %s (%s).%n%n",
        spec.environments().size(), spec.agents().size(), spec.seeds().size(), spec.seeds(), plan.cells().size(), fmtScale(spec.scale()),
        spec.seedPaper() ? "1 = the seed paper's Table 3" : "1 = the budgets written in the experiment file"));
    if (spec.partial()) { md.append("**Run in part** (`--only`): ").append(spec.part()).append("; the other cells were not run and this report does not describe them.\n\n"); }
    if (!how.failures().isEmpty()) {
      md.append("**").append(how.failures().size()).append(" cell(s) failed** and are missing from the tables:\n\n");
      how.failures().forEach((id, err) -> md.append("- `").append(id).append("`: ").append(err.replace('\n', ' ')).append('\n'));
      md.append('\n');
    }

    if (spec.seedPaper()) {
      md.append("## The seed paper's claims, judged from this run\n\n");
      md.append("Per environment, the best meta agent against the best non-meta agent by inference mean over seeds; "
          + "a difference beyond twice its standard error over seeds is a win, otherwise a tie.\n\n");
      for (int i = 0; i < claims.size(); i++) {
        Claims.Claim c = claims.get(i);
        md.append(i + 1).append(". ").append(c.statement()).append(" **").append(c.verdict()).append(".**\n");
        for (String e : c.evidence()) {
          md.append("   - ").append(e).append('\n');
        }
      }
      md.append('\n');
    }

    md.append("## Environments and agents\n\n");
    md.append("| environment | plugin | kind | actions | training budget (trials x episodes x steps) | inference budget |\n|---|---|---|---|---|---|\n");
    for (String env : spec.environments().keySet()) {
      ExperimentPlan.PairInfo p = plan.pairs().get(ExperimentPlan.key(env, spec.agents().keySet().iterator().next()));
      if (p == null) {
        continue;
      }
      md.append("| ").append(env).append(" | ").append(p.environmentPlugin()).append(" | ")
          .append(p.singleInstance() ? "single instance" : "distribution").append(" | ")
          .append(p.continuousActions() ? "continuous" : "discrete").append(" | ").append(p.training()).append(" | ")
          .append(p.inference()).append(" |\n");
    }
    md.append("\n| agent | plugin | meta (recurrent memory) |\n|---|---|---|\n");
    for (String agent : spec.agents().keySet()) {
      ExperimentPlan.PairInfo p = plan.pairs().get(ExperimentPlan.key(spec.environments().keySet().iterator().next(), agent));
      if (p != null) {
        md.append("| ").append(agent).append(" | ").append(p.agentPlugin()).append(" | ").append(p.meta() ? "yes" : "no").append(" |\n");
      }
    }
    md.append('\n');

    md.append("## Results: mean over seeds +- standard error over seeds\n\n");
    table(md, "Training: mean return of the last 100 training episodes", spec, byEnv, true);
    table(md, "Inference: mean episode return on held-out tasks with frozen weights", spec, byEnv, false);

    boolean adaptation = byEnv.values().stream().anyMatch(r -> r.stream().anyMatch(a -> a.adaptation().length > 1));
    if (adaptation) {
      md.append("### Inference return by episode of the trial (adaptation)\n\n| environment | agent | by episode index |\n|---|---|---|\n");
      for (List<Aggregate> row : byEnv.values()) {
        for (Aggregate a : row) {
          if (a.adaptation().length > 1) {
            StringBuilder s = new StringBuilder();
            for (int k = 0; k < a.adaptation().length && k < 10; k++) {
              s.append(k == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", a.adaptation()[k]));
            }
            md.append("| ").append(a.environment()).append(" | ").append(a.agent()).append(" | ").append(s)
                .append(a.adaptation().length > 10 ? ", ..." : "").append(" |\n");
          }
        }
      }
      md.append('\n');
    }

    md.append("## Figures\n\n");
    for (String png : pngs) {
      md.append("![").append(png).append("](").append(png).append(")\n\n");
    }

    md.append("## Cells\n\n| cell | training last-100 | inference mean +- stderr (episodes) | env-steps | seconds | reused |\n|---|---|---|---|---|---|\n");
    for (CellResult r : results) {
      md.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f +- %.2f (%d) | %,d | %.1f | %s |%n", r.cell().id(),
          r.trainingMeanLast100(), r.inferenceMean(), r.inferenceStderr(), r.inferenceEpisodes(), r.envSteps(),
          r.wallSeconds(), r.reused() ? "yes" : "no"));
    }
    md.append("\nFiles: `summary.json` (these numbers), `episodes.csv` (every training episode of every cell), "
        + "`<environment>/<agent>/seed-<s>/` (each cell's config.conf, episodes.csv, updates.csv, checkpoint/, summary.json, train.log).\n");
    Path tmp = out.resolve("report.md.tmp");
    Files.writeString(tmp, md.toString(), StandardCharsets.UTF_8);
    Files.move(tmp, out.resolve("report.md"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void table(StringBuilder md, String title, ExperimentSpec spec, Map<String, List<Aggregate>> byEnv, boolean training) {
    md.append("### ").append(title).append("\n\n| environment |");
    spec.agents().keySet().forEach(a -> md.append(' ').append(a).append(" |"));
    md.append("\n|---|");
    spec.agents().keySet().forEach(a -> md.append("---|"));
    md.append('\n');
    for (var e : byEnv.entrySet()) {
      md.append("| ").append(e.getKey()).append(" |");
      double best = e.getValue().stream().mapToDouble(a -> training ? a.trainingMean() : a.inferenceMean())
          .filter(Double::isFinite).max().orElse(Double.NaN);
      for (String agent : spec.agents().keySet()) {
        Aggregate a = e.getValue().stream().filter(x -> x.agent().equals(agent)).findFirst().orElse(null);
        if (a == null) {
          md.append(" - |");
          continue;
        }
        double m = training ? a.trainingMean() : a.inferenceMean();
        String cell = String.format(Locale.ROOT, "%.2f +- %.2f (n=%d)", m, training ? a.trainingStderr() : a.inferenceStderr(), a.seeds());
        md.append(' ').append(m == best ? "**" + cell + "**" : cell).append(" |");
      }
      md.append('\n');
    }
    md.append('\n');
  }

  private static String fmtScale(double s) {
    return s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s);
  }

  /** {@code 1h02m03s} / {@code 2m03s} / {@code 4.2 s}. */
  public static String duration(double seconds) {
    if (seconds < 60) {
      return String.format(Locale.ROOT, "%.1f s", seconds);
    }
    long s = Math.round(seconds);
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, (s % 3600) / 60, s % 60);
  }
}
