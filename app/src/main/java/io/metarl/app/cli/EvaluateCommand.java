package io.metarl.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.auto.service.AutoService;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.metarl.app.Plugins;
import io.metarl.api.env.Box;
import io.metarl.api.env.Controller;
import io.metarl.api.env.Discrete;
import io.metarl.api.env.Environment;
import io.metarl.api.env.Step;
import io.metarl.api.plugin.EnvironmentProvider;
import io.metarl.api.plugin.InvalidSettingException;
import io.metarl.api.task.TaskDistribution;
import io.metarl.core.checkpoint.Checkpoints;
import io.metarl.core.config.ConfigLoader;
import io.metarl.core.config.ConfigValidationException;
import io.metarl.core.config.ConfigValidator;
import io.metarl.core.train.EvaluationResult;
import io.metarl.core.train.Evaluator;
import io.metarl.core.train.TrainingJob;
import io.metarl.core.wiring.Run;
import io.metarl.core.wiring.RunContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code metarl evaluate}: a trained agent from its checkpoint on held-out tasks ({@code --checkpoint
 * DIR}), the untrained agent of a run file on the same held-out tasks as its training would use, beside
 * its {@code inference.baselines} ({@code --config FILE} alone: meta-evaluation before any training), or
 * a built-in policy on an environment ({@code --env NAME --policy random|heuristic|...}).
 */
@AutoService(CliCommand.class)
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = {"Evaluate an agent or a built-in policy: mean, std, stderr, min and max return, episode length, success rate.",
        "A trained agent (--checkpoint DIR, a checkpoint or a run directory, [--config FILE]) on held-out tasks,",
        "the untrained agent of a run file (--config FILE alone; with its inference.baselines),",
        "or a built-in policy on an environment (--env NAME --policy random|heuristic|...)."})
public final class EvaluateCommand implements CliCommand {
  private static final ObjectMapper JSON = new ObjectMapper();
  @Spec CommandSpec spec;

  @Option(names = "--checkpoint", paramLabel = "DIR",
      description = "A checkpoint written by metarl train, or its run directory (whose checkpoint/ is used).")
  Path checkpoint;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Run file overriding the checkpoint's configuration (e.g. inference settings); alone: the run whose untrained agent to evaluate.")
  Path config;

  @Option(names = "--env", paramLabel = "NAME", description = "An environment plugin, e.g. cartpole.")
  String env;

  @Option(names = "--policy", paramLabel = "NAME", defaultValue = "random",
      description = "With --env: random, or a controller the environment ships (e.g. heuristic, gait).")
  String policy;

  @Option(names = "--episodes", paramLabel = "N", defaultValue = "100", description = "With --env: episodes to play (default 100).")
  int episodes;

  @Option(names = "--trials", paramLabel = "N", description = "With --checkpoint or --config: held-out trials (default: inference.trials).")
  Integer trials;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed (default 0).")
  long seed;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "With --env: a setting of the environment plugin (e.g. wind-power=15); otherwise a run key.")
  List<String> sets = new ArrayList<>();

  @Option(names = "--out", paramLabel = "FILE.json", description = "Also write the result as JSON.")
  Path out;

  @Option(names = "--success-threshold", paramLabel = "R",
      description = {"Count an episode as a success when its return is at least R (e.g. 475 for CartPole-v1,",
          "200 for LunarLander) and report the success rate. Without it a success rate is reported only",
          "where the environment flags success (is_success or success in a step's info)."})
  Double successThreshold;

  @Override
  public Integer call() throws IOException {
    if ((checkpoint != null && env != null) || (checkpoint == null && env == null && config == null)) {
      throw new UserError("give one of --checkpoint DIR (a trained agent), --config FILE alone (the run's untrained "
          + "agent) or --env NAME (a built-in policy)");
    }
    if (env != null && config != null) {
      throw new UserError("--config goes with --checkpoint or alone, not with --env (use --set for the environment's settings)");
    }
    if (successThreshold != null && !Double.isFinite(successThreshold)) {
      throw new UserError("--success-threshold: expected a finite return, got " + successThreshold);
    }
    checkpoint = CheckpointArgument.resolve(checkpoint);
    ObjectNode result = env != null ? builtIn() : agent();
    if (out != null) {
      JSON.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), result);
    }
    return 0;
  }

  private ObjectNode agent() throws IOException {
    if (checkpoint == null) {
      return agent(null);
    }
    Checkpoints.Verified verified;
    try {
      verified = Checkpoints.open(checkpoint);
    } catch (IOException e) {
      throw new UserError("cannot use checkpoint " + checkpoint + ": " + e.getMessage(), e);
    }
    try (verified) {
      return agent(verified);
    }
  }

  /** The agent of {@code verified} (a private copy of the checkpoint's listed files), or untrained when null. */
  private ObjectNode agent(Checkpoints.Verified verified) throws IOException {
    Config user = ConfigFactory.empty();
    if (verified != null) {
      JsonNode meta = verified.metadata();
      user = ConfigLoader.parseText(meta.path("config").asText(), checkpoint.resolve("manifest.json").toString());
    }
    if (config != null) {
      user = ConfigLoader.parseUser(config, List.of()).withFallback(user);
    }
    List<String> overrides = new ArrayList<>(sets);
    if (trials != null) {
      overrides.add("metarl.inference.trials=" + trials);
    }
    user = ConfigLoader.parseUser(null, overrides).withFallback(user);
    Config metarl = Run.validate(user, Plugins.registry());
    Run run = Run.wire(metarl, Plugins.registry());
    if (checkpoint != null) {
      try {
        run.agent().load(verified.dir());
      } catch (IOException e) {
        throw new UserError("cannot load checkpoint " + checkpoint + ": " + e.getMessage(), e);
      }
    }
    EvaluationResult eval = Evaluator.evaluate(run.agent(), run.tasks(), run.settings().inference(), run.settings().seed());
    run.agent().close();
    String agent = metarl.getString("agent.plugin");
    var o = spec.commandLine().getOut();
    o.printf(Locale.ROOT, "%s%s on %s: %d held-out trials x %d episodes, mean return %.3f +- %.3f (stderr), by episode index %s%n",
        agent, checkpoint == null ? " (untrained)" : "", metarl.getString("environment.plugin"), eval.trials(),
        eval.episodesPerTrial(), eval.meanReturn(), eval.stderr(), eval.meanByEpisodeIndex().stream()
            .map(x -> String.format(Locale.ROOT, "%.3f", x)).collect(java.util.stream.Collectors.joining(", ", "[", "]")));
    o.print(details(eval));
    ObjectNode node = JSON.createObjectNode();
    if (checkpoint != null) {
      node.put("checkpoint", checkpoint.toString());
    } else {
      // Before any training: the baselines on the same tasks say what the untrained agent is up against.
      node.put("untrained", true);
      Map<String, EvaluationResult> baselines = TrainingJob.baselines(run);
      if (!baselines.isEmpty()) {
        o.println(TrainingJob.comparison(agent + " (untrained)", eval, baselines));
        ObjectNode b = node.putObject("baselines");
        baselines.forEach((name, r) -> b.set(name, TrainingJob.inferenceJson(r)));
      }
    }
    o.flush();
    node.put("agent", agent);
    node.put("env", metarl.getString("environment.plugin"));
    node.setAll(TrainingJob.inferenceJson(eval));
    node.setAll(statistics(eval));
    return node;
  }

  private ObjectNode builtIn() {
    var registry = Plugins.registry();
    EnvironmentProvider provider = registry.provider(EnvironmentProvider.class, env);
    Config overrides = ConfigLoader.parseUser(null, sets);
    Config metarl = ConfigLoader.merge(ConfigFactory.empty(), registry.classLoader()).getConfig("metarl");
    RunContext ctx = new RunContext(seed, metarl, registry);
    Config section = ctx.pluginSection(env, overrides);
    for (var e : overrides.entrySet()) {
      if (!RunContext.defaults(metarl, env).hasPathOrNull(e.getKey())) {
        throw new UserError("--set " + e.getKey() + ": unknown setting of environment '" + env + "'; known: "
            + String.join(", ", RunContext.defaults(metarl, env).root().keySet()));
      }
    }
    TaskDistribution tasks;
    try {
      tasks = io.metarl.core.plugin.PluginFailureException.guard("--env " + env, env, provider, () -> provider.create(section, ctx));
    } catch (InvalidSettingException e) {
      throw new ConfigValidationException(ConfigValidator.invalid("--set " + env, e, ConfigFactory.empty()));
    }
    Supplier<Controller> controller = controller(provider);
    SplittableRandom rng = new SplittableRandom(seed);
    if (episodes < 1) {
      throw new UserError("--episodes: expected an integer >= 1, got " + episodes);
    }
    double[][] returns = new double[episodes][1];
    int[][] lengths = new int[episodes][1];
    double[][] success = new double[episodes][1];
    Map<String, double[][]> episodeInfo = new java.util.LinkedHashMap<>();
    for (int ep = 0; ep < episodes; ep++) {
      try (Environment e = tasks.sample(rng).newEnvironment()) {
        Controller c = controller.get();
        if (c instanceof RandomController r) {
          r.bind(e);
        }
        long episodeSeed = rng.nextLong();
        c.reset(episodeSeed);
        float[] obs = e.reset(episodeSeed);
        double total = 0;
        int steps = 0;
        double flag = Double.NaN;
        Map<String, Double> last = Map.of();
        for (int t = 0; t < 1_000_000; t++) {
          Step s = e.actionSpace() instanceof Discrete ? e.step(c.act(obs)) : e.step(c.actContinuous(obs));
          total += s.reward();
          steps++;
          obs = s.observation();
          flag = successFlag(s);
          last = s.info();
          if (s.done()) {
            break;
          }
        }
        returns[ep][0] = total;
        lengths[ep][0] = steps;
        success[ep][0] = flag;
        for (Map.Entry<String, Double> i : io.metarl.api.env.EpisodeInfo.of(last).entrySet()) {
          // NaN for the episodes that do not report the key.
          episodeInfo.computeIfAbsent(i.getKey(), k -> nanColumn(episodes))[ep][0] = i.getValue();
        }
      }
    }
    EvaluationResult eval = new EvaluationResult(episodes, 1, returns, new double[episodes], lengths, success, episodeInfo);
    var o = spec.commandLine().getOut();
    o.printf(Locale.ROOT, "%s with policy %s over %d episodes (seed %d): mean return %.3f +- %.3f (stderr)%n",
        env, policy, episodes, seed, eval.meanReturn(), eval.stderr());
    o.print(details(eval));
    o.flush();
    ObjectNode node = JSON.createObjectNode();
    node.put("env", env);
    node.put("policy", policy);
    node.put("episodes", episodes);
    node.put("mean_return", eval.meanReturn());
    node.put("stderr", eval.stderr());
    node.setAll(statistics(eval));
    return node;
  }

  private static double[][] nanColumn(int rows) {
    double[][] c = new double[rows][1];
    for (double[] row : c) {
      row[0] = Double.NaN;
    }
    return c;
  }

  /** The environment's success flag in a step's info ({@code is_success}, else {@code success}), NaN when absent. */
  static double successFlag(Step s) {
    Map<String, Double> info = s.info();
    Double f = info == null ? null : info.containsKey("is_success") ? info.get("is_success") : info.get("success");
    return f == null ? Double.NaN : f > 0.5 ? 1.0 : 0.0;
  }

  /** The lines after the headline: the return's spread, episode lengths and the success rate where defined. */
  private String details(EvaluationResult eval) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "  return: mean %.3f, std %.3f, stderr %.3f, min %.3f, max %.3f over %d episodes%n",
        eval.meanReturn(), eval.std(), eval.stderr(), eval.minReturn(), eval.maxReturn(), eval.episodes()));
    double[] lengths = eval.lengths();
    if (lengths.length > 0) {
      sb.append(String.format(Locale.ROOT, "  episode length: mean %.1f steps, std %.1f, min %d, max %d%n", eval.meanLength(),
          eval.lengthStd(), (long) java.util.Arrays.stream(lengths).min().orElse(0), (long) java.util.Arrays.stream(lengths).max().orElse(0)));
    }
    double flagged = eval.successRate();
    if (!Double.isNaN(flagged)) {
      sb.append(String.format(Locale.ROOT, "  success rate: %.1f%% (the environment's success flag)%n", 100 * flagged));
    }
    if (successThreshold != null) {
      sb.append(String.format(Locale.ROOT, "  success rate: %.1f%% (return >= %s, --success-threshold)%n",
          100 * eval.successRate(successThreshold), plain(successThreshold)));
    }
    if (Double.isNaN(flagged) && successThreshold == null) {
      sb.append("  success rate: not defined for this environment (it flags no success; --success-threshold R counts return >= R)\n");
    }
    sb.append(EpisodeInfoReport.text(eval));
    return sb.toString();
  }

  /** The JSON fields of {@link #details}: as SB3's evaluate_policy reports, plus every episode's return and length. */
  private ObjectNode statistics(EvaluationResult eval) {
    ObjectNode n = JSON.createObjectNode();
    n.put("std", eval.std());
    n.put("min_return", eval.minReturn());
    n.put("max_return", eval.maxReturn());
    double[] lengths = eval.lengths();
    if (lengths.length > 0) {
      n.put("mean_length", eval.meanLength());
      n.put("length_std", eval.lengthStd());
      n.put("min_length", (long) java.util.Arrays.stream(lengths).min().orElse(0));
      n.put("max_length", (long) java.util.Arrays.stream(lengths).max().orElse(0));
    }
    double flagged = eval.successRate();
    if (!Double.isNaN(flagged)) {
      n.put("success_rate", flagged);
      n.put("success_source", "environment flag (is_success / success in the step info)");
    } else if (successThreshold != null) {
      n.put("success_rate", eval.successRate(successThreshold));
      n.put("success_source", "return >= " + plain(successThreshold) + " (--success-threshold)");
    }
    if (successThreshold != null) {
      n.put("success_threshold", successThreshold);
      n.put("success_rate_threshold", eval.successRate(successThreshold));
    }
    var r = n.putArray("episode_returns");
    for (double v : eval.returns()) {
      r.add(v);
    }
    var l = n.putArray("episode_lengths");
    for (double v : lengths) {
      l.add((long) v);
    }
    ObjectNode info = EpisodeInfoReport.json(eval);
    if (info != null) {
      n.set("episode_info", info);
    }
    return n;
  }

  /** A number as written: 475 rather than 475.0. */
  private static String plain(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
  }

  private Supplier<Controller> controller(EnvironmentProvider provider) {
    if (policy.equals("random")) {
      return RandomController::new;
    }
    Map<String, Supplier<Controller>> controllers = provider.controllers();
    Supplier<Controller> c = controllers.get(policy);
    if (c == null) {
      List<String> names = new ArrayList<>(controllers.keySet());
      names.add(0, "random");
      throw new UserError("--policy " + policy + ": environment '" + env + "' has no such controller; available: "
          + String.join(", ", names));
    }
    return c;
  }

  /** Uniformly random actions; its own generator is seeded at each episode. */
  private final class RandomController implements Controller {
    private SplittableRandom rng = new SplittableRandom(0);
    private int n;
    private Box box;

    RandomController() {}

    @Override
    public void reset(long episodeSeed) {
      rng = new SplittableRandom(episodeSeed ^ 0x9E3779B97F4A7C15L);
    }

    @Override
    public int act(float[] observation) {
      return rng.nextInt(n);
    }

    @Override
    public float[] actContinuous(float[] observation) {
      float[] a = new float[box.flatSize()];
      for (int i = 0; i < a.length; i++) {
        a[i] = (float) (box.low(i) + rng.nextDouble() * (box.high(i) - box.low(i)));
      }
      return a;
    }

    RandomController bind(Environment e) {
      if (e.actionSpace() instanceof Discrete d) {
        n = d.n();
      } else {
        box = (Box) e.actionSpace();
      }
      return this;
    }
  }
}
