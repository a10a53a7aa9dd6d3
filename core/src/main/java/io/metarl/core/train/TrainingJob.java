package io.metarl.core.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigFactory;
import io.metarl.api.agent.Agent;
import io.metarl.api.plugin.AgentProvider;
import io.metarl.api.train.EvaluationRecord;
import io.metarl.api.train.RunInfo;
import io.metarl.api.train.TrainingListener;
import io.metarl.core.wiring.RunContext;
import io.metarl.core.checkpoint.Checkpoints;
import io.metarl.core.config.ConfigLoader;
import io.metarl.core.metrics.EpisodeLog;
import io.metarl.core.metrics.Plots;
import io.metarl.core.metrics.Provenance;
import io.metarl.core.metrics.ProgressReporter;
import io.metarl.core.metrics.UpdateLog;
import io.metarl.core.rollout.Lanes;
import io.metarl.api.agent.Learner;
import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigParseOptions;
import io.metarl.core.plugin.PluginRegistry;
import io.metarl.core.wiring.Run;
import java.util.Comparator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Train, checkpoint, evaluate and report one run into a directory: {@code config.conf} (the resolved
 * configuration), {@code episodes.csv}, {@code updates.csv}, {@code checkpoint/}, {@code summary.json}
 * and {@code learning-curve.png}.
 */
public final class TrainingJob {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TrainingJob() {}

  /**
   * Runs the whole job into {@code outDir}, a directory the caller created for it (an experiment cell's
   * temporary directory; see {@link RunDirectory#adopt}); returns the summary written to
   * {@code summary.json}. The command line claims its directory with {@link RunDirectory#create} and
   * calls {@link #run(Run, RunDirectory, PrintStream)}.
   */
  public static ObjectNode run(Run run, Path outDir, PrintStream console) throws IOException {
    try (RunDirectory dir = RunDirectory.adopt(outDir)) {
      return run(run, dir, console);
    }
  }

  /** Runs the whole job into a run directory this process owns; returns the summary. */
  public static ObjectNode run(Run run, RunDirectory dir, PrintStream console) throws IOException {
    return execute(run, dir, console, null);
  }

  /**
   * Continues a run killed at any moment from the newest valid checkpoint it recorded in
   * {@code outDir/checkpoints}: the agent, optimiser, random generators, lanes and memory are restored,
   * the CSV logs are cut back to the checkpoint, and training goes on. With one worker the rest of the
   * run is identical to an uninterrupted one. A finished run is left as it is.
   *
   * @return the summary, or null when the run had already finished (nothing is changed)
   */
  public static ObjectNode resume(Path outDir, PluginRegistry registry, PrintStream console) throws IOException {
    try (RunDirectory dir = RunDirectory.resume(outDir)) {
      if (dir.finished()) {
        console.println(outDir + ": this run already finished (see its summary.json); nothing to resume, nothing changed."
            + " Evaluate it with `metarl evaluate --checkpoint " + outDir.resolve("checkpoint") + "`.");
        return null;
      }
      Path root = dir.path().resolve(CHECKPOINTS);
      List<String> candidates = new ArrayList<>(dir.checkpoints(CHECKPOINTS));
      java.util.Collections.reverse(candidates);
      candidates.removeIf(c -> !Files.isDirectory(dir.path().resolve(c)));
      if (candidates.isEmpty()) {
        throw new IOException("no checkpoint to resume from in " + root + " (the run stopped before its first checkpoint;"
            + " start it again)");
      }
      IOException last = null;
      for (String rel : candidates) {
        Path c = dir.path().resolve(rel);
        Run run;
        Checkpoints.Verified v;
        try {
          v = Checkpoints.open(c);
        } catch (IOException e) {
          console.println("warning: skipping checkpoint " + c + ": " + e.getMessage());
          last = e;
          continue;
        }
        try (v) {
          JsonNode meta = v.metadata();
          Config metarl = Run.validate(ConfigLoader.parseText(meta.path("config").asText(),
              c.resolve(Checkpoints.MANIFEST).toString()), registry);
          run = Run.wire(metarl, registry);
          try {
            run.agent().load(v.dir());
          } catch (IOException e) {
            run.agent().close();
            console.println("warning: skipping checkpoint " + c + ": " + e.getMessage());
            last = e;
            continue;
          }
          console.printf(Locale.ROOT, "resuming from %s (update %,d, %,d env-steps)%n", c,
              meta.path("updates").asLong(), meta.path("env_steps").asLong());
          try {
            return execute(run, dir, console, new ResumePoint(v.dir(), meta));
          } finally {
            run.agent().close();
          }
        }
      }
      throw new IOException("no valid checkpoint in " + root, last);
    }
  }

  private record ResumePoint(Path dir, JsonNode meta) {}

  /**
   * Warm start ({@code training.init-from}): verifies the checkpoint (manifest and SHA-256 of every
   * file) and loads its weights and optimiser state into the agent.
   *
   * @return what summary.json records about the checkpoint
   */
  static ObjectNode initialise(Run run, String initFrom, PrintStream console) throws IOException {
    Path given = Path.of(initFrom).toAbsolutePath().normalize();
    Path dir = Files.isRegularFile(given.resolve(Checkpoints.MANIFEST)) ? given : given.resolve("checkpoint");
    JsonNode meta;
    try (Checkpoints.Verified v = Checkpoints.open(dir)) {
      meta = v.metadata();
      run.agent().load(v.dir());
    } catch (IOException e) {
      throw new WarmStartException("training.init-from = \"" + initFrom + "\": cannot start from " + dir + ": " + e.getMessage(), e);
    }
    ObjectNode node = JSON.createObjectNode();
    node.put("checkpoint", dir.toString());
    node.put("env_steps", meta.path("env_steps").asLong());
    node.put("updates", meta.path("updates").asLong());
    Config prior = ConfigLoader.parseText(meta.path("config").asText(), dir.resolve(Checkpoints.MANIFEST).toString());
    node.put("environment", prior.hasPath("metarl.environment") ? prior.getConfig("metarl.environment").root().render(ConfigRenderOptions.concise()) : "");
    console.printf(Locale.ROOT, "starting from the weights of %s (%,d env-steps of training)%n", dir, meta.path("env_steps").asLong());
    return node;
  }

  private static final String CHECKPOINTS = "checkpoints";

  /** Trains, evaluates and writes the run; the run's own listeners end once, after its evaluation. */
  private static ObjectNode execute(Run run, RunDirectory dir, PrintStream console, ResumePoint resume) throws IOException {
    try {
      return trainAndEvaluate(run, dir, console, resume);
    } finally {
      for (TrainingListener l : run.listeners()) {
        l.onEnd();
      }
    }
  }

  private static ObjectNode trainAndEvaluate(Run run, RunDirectory dir, PrintStream console, ResumePoint resume)
      throws IOException {
    Path outDir = dir.path();
    dir.removeTemporaries(CHECKPOINTS, console);
    String hocon = run.config().atPath("metarl").root()
        .render(ConfigRenderOptions.defaults().setOriginComments(false).setComments(false).setJson(false));
    Files.writeString(dir.file("config.conf"), hocon, StandardCharsets.UTF_8);
    var s = run.settings();
    console.printf(Locale.ROOT, "training %s on %s with %s returns: %,d parameters, %d worker(s) x %d lanes, budget %,d episodes%s%n",
        run.config().getString("agent.plugin"), run.config().getString("environment.plugin"),
        run.config().getString("returns.plugin"), run.agent().parameterCount(), run.agent().workers(),
        s.training().lanes(), s.training().episodeBudget(),
        s.training().envSteps() > 0 ? String.format(Locale.ROOT, " or %,d env-steps", s.training().envSteps()) : "");
    JsonNode warmStart = null;
    if (resume == null && !s.training().initFrom().isEmpty()) {
      warmStart = initialise(run, s.training().initFrom(), console);
    }
    long start = System.nanoTime();
    double priorSeconds = resume == null ? 0 : resume.meta().path("train_seconds").asDouble(0);
    Budget budget = new Budget(s.training());
    EpisodeLog episodes;
    UpdateLog updates;
    byte[] lanesState = null;
    byte[] learnerState = null;
    if (resume == null) {
      episodes = new EpisodeLog(dir.file("episodes.csv"));
      updates = new UpdateLog(dir.file("updates.csv"));
    } else {
      JsonNode m = resume.meta();
      budget.restore(m.path("episodes").asLong(), m.path("env_steps").asLong(), m.path("updates").asLong());
      episodes = new EpisodeLog(outDir.resolve("episodes.csv"), m.path("episodes").asLong());
      updates = new UpdateLog(outDir.resolve("updates.csv"), m.path("updates").asLong());
      lanesState = Files.readAllBytes(resume.dir().resolve("lanes.bin"));
      learnerState = Files.readAllBytes(resume.dir().resolve("learner.bin"));
    }

    try (episodes; updates) {
      List<TrainingListener> listeners = new ArrayList<>();
      listeners.add(episodes);
      listeners.add(updates);
      listeners.add(new ProgressReporter(console, budget, episodes, s.training().progressInterval()));
      listeners.addAll(run.listeners());
      if (s.training().recordEvery() > 0) {
        listeners.add(new io.metarl.core.metrics.VideoRecorder(run.agent(), run.tasks(), dir.directory("videos"),
            s.training().recordEvery(), s.seed(), console));
      }
      Trainer trainer = new Trainer(run.agent(), run.tasks(), run.returns(), s.training(), listeners, s.seed(), budget);
      // Always offered every update: it saves on schedule, and at once when a stop is requested.
      trainer.checkpoints(new PeriodicCheckpoints(run, hocon, dir, budget, episodes, updates, start, priorSeconds, console));
      if (lanesState != null) {
        trainer.resumeFrom(lanesState, learnerState);
      }
      RunInfo info = runInfo(run);
      for (TrainingListener l : listeners) {
        l.onStart(info);
      }
      try {
        StopRequest.training(true);
        trainer.run();
      } finally {
        StopRequest.training(false);
        for (TrainingListener l : listeners) {
          if (!run.listeners().contains(l)) {
            l.onEnd(); // the run's own listeners end after the evaluation (execute)
          }
        }
      }
    }
    recordVideos(dir);
    double trainSeconds = priorSeconds + (System.nanoTime() - start) / 1e9;
    Map<String, Object> finalMeta = metadata(run, hocon, budget.envSteps(), episodes.episodes(), updates.rows());
    finalMeta.put("train_seconds", trainSeconds);
    Checkpoints.save(run.agent(), dir.checkpoint("checkpoint"), finalMeta);

    EvaluationResult eval = Evaluator.evaluate(run.agent(), run.tasks(), s.inference(), s.seed());
    Map<String, EvaluationResult> baselines = baselines(run);
    for (TrainingListener l : run.listeners()) {
      l.onEvaluation(evaluationRecord(run.config().getString("agent.plugin"), false, budget.envSteps(), eval));
      baselines.forEach((name, r) -> l.onEvaluation(evaluationRecord(name, true, budget.envSteps(), r)));
    }
    double wall = (System.nanoTime() - start) / 1e9;

    ObjectNode summary = JSON.createObjectNode();
    summary.set("config", JSON.readTree(run.config().root().render(ConfigRenderOptions.concise())));
    summary.put("seed", s.seed());
    Provenance.of(run.config()).writeTo(summary.putObject("provenance"));
    summary.put("env_steps", budget.envSteps());
    summary.put("wall_seconds", wall);
    summary.put("updates", budget.updates());
    ObjectNode training = summary.putObject("training");
    training.put("episodes", budget.episodes());
    training.put("mean_return_last_100", episodes.meanLast100());
    training.put("seconds", trainSeconds);
    training.put("env_steps_per_second", budget.envSteps() / Math.max(trainSeconds, 1e-9));
    summary.set("inference", inferenceJson(eval));
    if (warmStart != null) {
      summary.set("init_from", warmStart);
    }
    Map<String, List<Double>> metaParameters = updates.metaParameters();
    if (!metaParameters.isEmpty()) {
      ObjectNode mp = summary.putObject("metaparameters");
      metaParameters.forEach((name, values) -> {
        ArrayNode a = mp.putArray(name);
        values.forEach(a::add);
      });
    }
    if (!baselines.isEmpty()) {
      ObjectNode b = summary.putObject("baselines");
      baselines.forEach((name, r) -> b.set(name, inferenceJson(r)));
    }
    if (resume != null) {
      training.put("resumed", true);
    }
    JSON.writerWithDefaultPrettyPrinter().writeValue(dir.file("summary.json").toFile(), summary);
    Plots.learningCurve(dir.file("learning-curve.png"),
        run.config().getString("agent.plugin") + " on " + run.config().getString("environment.plugin"),
        run.config().getString("agent.plugin") + " (seed " + s.seed() + ")", episodes.curve(), 100,
        run.agent().spec().id(), Plots.values(baselines, EvaluationResult::meanReturn));
    console.printf(Locale.ROOT, "training: %,d env-steps in %s (%,.0f steps/s), mean return of the last 100 episodes %.2f%n",
        budget.envSteps(), ProgressReporter.duration(trainSeconds),
        budget.envSteps() / Math.max(trainSeconds, 1e-9), episodes.meanLast100());
    console.printf(Locale.ROOT, "inference: %d held-out trials x %d episodes, mean return %.2f +- %.2f (stderr), by episode index %s%n",
        eval.trials(), eval.episodesPerTrial(), eval.meanReturn(), eval.stderr(), format(eval.meanByEpisodeIndex()));
    if (!baselines.isEmpty()) {
      console.println(comparison(run.config().getString("agent.plugin") + " (trained)", eval, baselines));
    }
    dir.markFinished();
    console.println("wrote " + outDir);
    return summary;
  }

  /** What listeners are told before the first step: plugins, meta-ness, hyperparameters, provenance. */
  public static RunInfo runInfo(Run run) {
    Config c = run.config();
    Map<String, Object> hp = new java.util.TreeMap<>();
    for (String block : List.of("agent", "environment", "returns", "training")) {
      if (c.hasPath(block)) {
        Config section = c.getConfig(block);
        if (section.hasPath("plugin")) { // the plugin's effective settings: the run's block over its defaults
          section = section.withFallback(io.metarl.core.wiring.RunContext.defaults(c, section.getString("plugin")));
        }
        for (var e : section.entrySet()) {
          hp.put(block + "." + e.getKey(), e.getValue().unwrapped());
        }
      }
    }
    return new RunInfo(c.getString("agent.plugin"), c.getString("environment.plugin"), run.agent().recurrent(),
        run.settings().training().episodesPerTrial(), hp, Provenance.of(c).asMap());
  }

  /** A held-out evaluation as listeners see it. */
  public static EvaluationRecord evaluationRecord(String policy, boolean baseline, long envSteps, EvaluationResult r) {
    return new EvaluationRecord(policy, baseline, envSteps, r.episodes(), r.meanReturn(), r.stderr(), r.meanRegret());
  }

  /** Records the recorded episodes' GIFs (written by {@code VideoRecorder} into the run's own videos/). */
  private static void recordVideos(RunDirectory dir) throws IOException {
    Path videos = dir.path().resolve("videos");
    if (!Files.isDirectory(videos)) {
      return;
    }
    try (var s = Files.list(videos)) {
      for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile).sorted()::iterator) {
        dir.file("videos/" + p.getFileName());
      }
    }
  }

  /**
   * The run's {@code inference.baselines} (agent plugins such as {@code gittins}) played on the held-out
   * tasks of its inference settings and seed, the tasks its agent is evaluated on.
   */
  public static Map<String, EvaluationResult> baselines(Run run) {
    var s = run.settings();
    Map<String, EvaluationResult> baselines = new LinkedHashMap<>();
    RunContext ctx = new RunContext(s.seed(), run.config(), run.registry());
    for (String name : s.inference().baselines()) {
      AgentProvider provider = run.registry().provider(AgentProvider.class, name);
      try (Agent baseline = provider.create(ctx.pluginSection(name, ConfigFactory.empty()), run.tasks().spec(), ctx)) {
        baselines.put(name, Evaluator.evaluate(baseline, run.tasks(), s.inference(), s.seed()));
      }
    }
    return baselines;
  }

  /** A table: the agent (labelled {@code agent}) beside the baselines on the same held-out tasks. */
  public static String comparison(String agent, EvaluationResult eval, Map<String, EvaluationResult> baselines) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%nsame %d held-out trials:%n  %-22s %20s %10s %14s%n", eval.trials(), "policy",
        "mean total reward", "stderr", "mean regret"));
    Map<String, EvaluationResult> all = new LinkedHashMap<>();
    all.put(agent, eval);
    all.putAll(baselines);
    all.forEach((name, r) -> sb.append(String.format(Locale.ROOT, "  %-22s %20.2f %10.2f %14s%n", name,
        r.meanTrialReturn(), r.trialStderr(), Double.isNaN(r.meanRegret()) ? "n/a" : String.format(Locale.ROOT, "%.2f", r.meanRegret()))));
    return sb.toString();
  }

  /**
   * A checkpoint's metadata: the resolved configuration (so that {@code evaluate} and {@code --resume}
   * need nothing else), the seed, the plugins and the counters the logs are cut back to on resume.
   */
  private static Map<String, Object> metadata(Run run, String hocon, long envSteps, long episodes, long updates) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("config", hocon);
    meta.put("seed", run.settings().seed());
    meta.put("agent", run.config().getString("agent.plugin"));
    meta.put("environment", run.config().getString("environment.plugin"));
    meta.put("env_steps", envSteps);
    meta.put("episodes", episodes);
    meta.put("updates", updates);
    meta.put("provenance", Provenance.of(run.config()).asMap());
    return meta;
  }

  /** The {@code inference} block of a summary. */
  public static ObjectNode inferenceJson(EvaluationResult eval) {
    ObjectNode inference = JSON.createObjectNode();
    inference.put("mean_total_reward", eval.meanTrialReturn());
    inference.put("total_reward_stderr", eval.trialStderr());
    if (!Double.isNaN(eval.meanRegret())) {
      inference.put("mean_regret", eval.meanRegret());
    }
    inference.put("trials", eval.trials());
    inference.put("episodes", eval.episodes());
    inference.put("mean_return", eval.meanReturn());
    inference.put("stderr", eval.stderr());
    inference.put("mean_trial_return", eval.meanTrialReturn());
    ArrayNode byIndex = inference.putArray("mean_by_episode_index");
    eval.meanByEpisodeIndex().forEach(byIndex::add);
    return inference;
  }

  private static String format(List<Double> xs) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < xs.size() && i < 10; i++) {
      sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", xs.get(i)));
    }
    return sb.append(xs.size() > 10 ? ", ...]" : "]").toString();
  }

  /**
   * Saves resumable checkpoints by update count or elapsed minutes, keeping the newest K, and at once
   * when a {@link StopRequest} arrives (then ends training with {@link TrainingStopped}). Only the
   * checkpoints this run recorded are pruned, by their recorded names.
   */
  private static final class PeriodicCheckpoints implements Trainer.CheckpointSink {
    private final Run run;
    private final String hocon;
    private final RunDirectory dir;
    private final Budget budget;
    private final EpisodeLog episodes;
    private final UpdateLog updates;
    private final long start;
    private final double priorSeconds;
    private final PrintStream console;
    private long lastSave = System.nanoTime();

    PeriodicCheckpoints(Run run, String hocon, RunDirectory dir, Budget budget, EpisodeLog episodes, UpdateLog updates,
        long start, double priorSeconds, PrintStream console) {
      this.run = run;
      this.hocon = hocon;
      this.dir = dir;
      this.budget = budget;
      this.episodes = episodes;
      this.updates = updates;
      this.start = start;
      this.priorSeconds = priorSeconds;
      this.console = console;
    }

    @Override
    public void save(long update, Lanes lanes, Learner learner) throws IOException {
      var t = run.settings().training();
      boolean byCount = t.checkpointEvery() > 0 && update % t.checkpointEvery() == 0;
      boolean byTime = t.checkpointMinutes() > 0 && System.nanoTime() - lastSave >= t.checkpointMinutes() * 60e9;
      boolean stop = StopRequest.requested();
      if (!byCount && !byTime && !stop) {
        return;
      }
      lastSave = System.nanoTime();
      // With one worker nothing else moves while we save; with several (A3C) the counters are a
      // snapshot and the other workers' lanes are not saved (they restart fresh on resume).
      episodes.flush();
      updates.flush();
      Map<String, Object> meta = metadata(run, hocon, budget.envSteps(), episodes.episodes(), updates.rows());
      meta.put("train_seconds", priorSeconds + (System.nanoTime() - start) / 1e9);
      dir.directory(CHECKPOINTS);
      String name = CHECKPOINTS + "/" + String.format(Locale.ROOT, "update-%012d", update);
      Checkpoints.save(dir.checkpoint(name), meta, d -> {
        run.agent().save(d);
        writeState(d.resolve("lanes.bin"), lanes);
        if (learner instanceof io.metarl.api.agent.Resumable r) {
          writeState(d.resolve("learner.bin"), r);
        } else {
          Files.write(d.resolve("learner.bin"), new byte[0]);
        }
      });
      List<String> all = dir.checkpoints(CHECKPOINTS);
      for (int i = 0; i < all.size() - t.checkpointsKept(); i++) {
        dir.deleteCheckpoint(all.get(i), console);
      }
      if (stop) {
        Path out = dir.path();
        throw new TrainingStopped(StopRequest.signal() + ": stopped after update " + update + " ("
            + String.format(Locale.ROOT, "%,d", budget.envSteps()) + " env-steps) and wrote the checkpoint "
            + out.resolve(name) + "; continue with: metarl train --resume " + out, StopRequest.exitCode());
      }
    }

    private static void writeState(Path file, io.metarl.api.agent.Resumable state) throws IOException {
      try (var out = new java.io.DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file)))) {
        state.writeState(out);
      }
    }
  }
}
