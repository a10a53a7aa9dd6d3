package io.metarl.app.bandit;

import com.google.auto.service.AutoService;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.metarl.api.plugin.EnvironmentProvider;
import io.metarl.api.plugin.InvalidSettingException;
import io.metarl.api.task.TaskDistribution;
import io.metarl.app.Plugins;
import io.metarl.app.cli.CliCommand;
import io.metarl.app.cli.UserError;
import io.metarl.core.plugin.PluginKind;
import io.metarl.core.plugin.PluginRegistry;
import io.metarl.envs.bandit.BanditDistribution;
import io.metarl.envs.bandit.baselines.BaselineReport;
import io.metarl.envs.bandit.baselines.BaselineRunner;
import io.metarl.envs.bandit.baselines.Baselines;
import io.metarl.envs.bandit.baselines.GittinsBaselineProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code metarl baselines}: plays the classical bandit baselines (random, greedy, epsilon-greedy,
 * UCB1, Thompson, optimistic Thompson, Gittins, plus the oracle) on the same tasks of a bandit
 * environment plugin and prints mean total reward, its standard error and mean regret; optionally
 * writes the JSON report of {@link BaselineReport}. The work is done by envs-bandit's
 * {@link BaselineRunner}.
 */
@Command(
    name = "baselines",
    mixinStandardHelpOptions = true,
    description = "Play the classical baselines on the same tasks: bandit baselines (Gittins, Thompson, UCB1, ...) on a"
        + " bandit environment, or the tabular-MDP baselines (PSRL, OPSRL, UCRL2, BEB, ...) with --env tabular-mdp.")
@AutoService(CliCommand.class)
public final class BaselinesCommand implements CliCommand {

  @Spec CommandSpec spec;

  @Option(names = "--env", required = true, paramLabel = "NAME",
      description = "bandit environment plugin: bandit-independent, bandit-dependent, bandit-10brf, bandit-fixed; or tabular-mdp")
  String env;

  @Option(names = "--episodes", paramLabel = "N", split = ",",
      description = "tabular-mdp only: episodes per trial, one table per value (default 10; the RL² paper: 10,25,50,75,100)")
  List<Integer> episodes;

  @Option(names = "--arms", paramLabel = "K", description = "arms (the environment's 'arms' setting)")
  Integer arms;

  @Option(names = "--horizon", paramLabel = "N", description = "pulls per trial (the environment's 'horizon' setting)")
  Integer horizon;

  @Option(names = "--tasks", paramLabel = "M", defaultValue = "1000", description = "tasks per policy (default ${DEFAULT-VALUE})")
  int tasks;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "seed of tasks and rewards (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--lanes", paramLabel = "L", defaultValue = "64", description = "tasks played together per batched policy (default ${DEFAULT-VALUE})")
  int lanes;

  @Option(names = "--policies", split = ",", paramLabel = "NAME",
      description = "baselines to play (default all: random, greedy, epsilon-greedy, ucb1, thompson, optimistic-thompson, gittins)")
  List<String> policies;

  @Option(names = "--set", paramLabel = "PLUGIN.KEY=VALUE",
      description = "a baseline setting, e.g. --set ucb1.c=0.3 (repeatable)")
  List<String> settings = new ArrayList<>();

  @Option(names = "--env-set", paramLabel = "KEY=VALUE",
      description = "another environment setting, e.g. --env-set difficulty=hard (repeatable)")
  List<String> envSettings = new ArrayList<>();

  @Option(names = "--out", paramLabel = "FILE.json", description = "also write the results as JSON")
  Path out;

  @Override
  public Integer call() throws IOException {
    if (tasks < 1) {
      throw new UserError("--tasks " + tasks + ": expected an integer >= 1");
    }
    if (lanes < 1) {
      throw new UserError("--lanes " + lanes + ": expected an integer >= 1");
    }
    if (env.equals(io.metarl.envs.mdp.TabularMdpProvider.NAME)) {
      return mdp();
    }
    if (episodes != null) {
      throw new UserError("--episodes is for --env tabular-mdp; a bandit trial is one episode of --horizon pulls");
    }
    BanditDistribution distribution = (BanditDistribution) distribution();
    int k = distribution.arms();
    int n = distribution.horizon();
    Map<String, Map<String, Object>> overrides = parseSettings();
    List<String> names = policies == null || policies.isEmpty() ? Baselines.names() : policies;
    List<BaselineRunner.Entry> entries = new ArrayList<>();
    for (String name : names) {
      if (!Baselines.names().contains(name)) {
        throw new UserError("--policies: unknown baseline '" + name + "'; expected some of " + String.join(", ", Baselines.names()));
      }
      Map<String, Object> s = new LinkedHashMap<>();
      if (name.equals(GittinsBaselineProvider.NAME)) {
        s.put("horizon", n);
      }
      s.putAll(overrides.getOrDefault(name, Map.of()));
      try {
        String label = overrides.containsKey(name) ? name + " " + overrides.get(name) : name;
        entries.add(new BaselineRunner.Entry(label, Baselines.create(name, s, distribution.spec())));
      } catch (InvalidSettingException e) {
        throw new UserError("--set " + name + "." + e.key() + "=" + e.value() + ": expected " + e.expected(), e);
      } catch (IllegalArgumentException e) {
        throw new UserError("--set for " + name + ": " + e.getMessage(), e);
      }
    }
    for (String p : overrides.keySet()) {
      if (!names.contains(p)) {
        throw new UserError("--set " + p + ".*: baseline " + p + " is not among the policies played " + names);
      }
    }
    List<BaselineRunner.Result> results = BaselineRunner.run(distribution, entries, tasks, seed, lanes, true);
    PrintWriter w = spec != null ? spec.commandLine().getOut() : new PrintWriter(System.out, true);
    w.printf("%s, %d arms, %d pulls, %d tasks, seed %d%n", env, k, n, tasks, seed);
    for (BaselineRunner.Entry e : entries) {
      if (e.agent() instanceof io.metarl.envs.bandit.baselines.BaselineAgent b && b.horizon() != null) {
        w.printf("%s: horizon %s%n", e.label(), b.horizon());
      }
    }
    w.print(BaselineRunner.table(results));
    w.flush();
    if (out != null) {
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        throw new UserError("--out " + out + ": directory " + parent + " does not exist");
      }
      Files.writeString(out, BaselineReport.json(env, k, n, tasks, seed, results), StandardCharsets.UTF_8);
      w.println("wrote " + out);
      w.flush();
    }
    return 0;
  }

  /** The tabular-MDP baselines, one table per --episodes value. */
  private Integer mdp() throws IOException {
    if (arms != null || horizon != null) {
      throw new UserError("--arms/--horizon are bandit settings; for tabular-mdp use --env-set states=..., actions=..., episode-length=...");
    }
    io.metarl.envs.mdp.RandomMdps distribution = (io.metarl.envs.mdp.RandomMdps) distribution();
    List<String> all = io.metarl.envs.mdp.baselines.MdpBaselines.names();
    List<String> names = policies == null || policies.isEmpty() ? all : policies;
    Map<String, Map<String, Object>> overrides = parseSettings();
    Map<String, io.metarl.envs.mdp.baselines.MdpBaselineAgent> agents = new LinkedHashMap<>();
    for (String name : names) {
      if (!all.contains(name)) {
        throw new UserError("--policies: unknown tabular-MDP baseline '" + name + "'; expected some of " + String.join(", ", all));
      }
      Map<String, Object> o = overrides.getOrDefault(name, Map.of());
      try {
        agents.put(o.isEmpty() ? name : name + " " + o,
            io.metarl.envs.mdp.baselines.MdpBaselines.create(name, o, distribution.spec(), distribution.episodeLength()));
      } catch (InvalidSettingException e) {
        throw new UserError("--set " + name + "." + e.key() + "=" + e.value() + ": expected " + e.expected(), e);
      } catch (IllegalArgumentException e) {
        throw new UserError("--set for " + name + ": " + e.getMessage(), e);
      }
    }
    for (String p : overrides.keySet()) {
      if (!names.contains(p)) {
        throw new UserError("--set " + p + ".*: baseline " + p + " is not among the policies played " + names);
      }
    }
    PrintWriter w = spec != null ? spec.commandLine().getOut() : new PrintWriter(System.out, true);
    StringBuilder json = new StringBuilder("{\n  \"env\": \"" + env + "\", \"tasks\": " + tasks + ", \"seed\": " + seed + ",\n  \"tables\": [");
    List<Integer> ns = episodes == null || episodes.isEmpty() ? List.of(10) : episodes;
    for (int i = 0; i < ns.size(); i++) {
      int n = ns.get(i);
      if (n < 1) {
        throw new UserError("--episodes " + n + ": expected integers >= 1");
      }
      List<io.metarl.envs.mdp.baselines.MdpBaselines.Result> results =
          io.metarl.envs.mdp.baselines.MdpBaselines.run(distribution, agents, n, tasks, seed, lanes);
      w.printf("%s (%s), n = %d episodes per trial, %d tasks, seed %d%n", env, distribution, n, tasks, seed);
      w.print(io.metarl.envs.mdp.baselines.MdpBaselines.table(results));
      w.println();
      w.flush();
      json.append(i == 0 ? "\n" : ",\n").append("    {\"episodes\": ").append(n).append(", \"results\": [");
      for (int j = 0; j < results.size(); j++) {
        var r = results.get(j);
        json.append(j == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT,
            "{\"policy\": \"%s\", \"mean_total_reward\": %.6f, \"stderr\": %.6f, \"mean_regret\": %.6f}",
            r.policy().replace("\"", "'"), r.meanTotalReward(), r.stderr(), r.meanRegret()));
      }
      json.append("]}");
    }
    json.append("\n  ]\n}\n");
    if (out != null) {
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        throw new UserError("--out " + out + ": directory " + parent + " does not exist");
      }
      Files.writeString(out, json.toString(), StandardCharsets.UTF_8);
      w.println("wrote " + out);
      w.flush();
    }
    return 0;
  }

  private TaskDistribution distribution() {
    PluginRegistry registry = Plugins.registry();
    EnvironmentProvider provider = registry.find(PluginKind.ENVIRONMENT, env)
        .map(p -> (EnvironmentProvider) p.provider())
        .orElseThrow(() -> new UserError("--env " + env + ": no such environment plugin; found "
            + String.join(", ", registry.names(PluginKind.ENVIRONMENT))));
    Config reference = ConfigFactory.defaultReference(registry.classLoader());
    String path = "metarl.plugins." + env;
    Config section = reference.hasPath(path) ? reference.getConfig(path) : ConfigFactory.empty();
    for (String kv : envSettings) {
      int eq = kv.indexOf('=');
      if (eq < 1 || eq == kv.length() - 1) {
        throw new UserError("--env-set " + kv + ": expected KEY=VALUE, e.g. difficulty=hard");
      }
      String key = kv.substring(0, eq);
      if (!section.hasPath(key)) {
        throw new UserError("--env-set " + kv + ": environment " + env + " has no '" + key + "' setting; it has "
            + section.root().keySet());
      }
      section = section.withValue(key, ConfigValueFactory.fromAnyRef(parse(kv.substring(eq + 1))));
    }
    section = override(section, "arms", arms, "--arms");
    section = override(section, "horizon", horizon, "--horizon");
    TaskDistribution d;
    try {
      d = provider.create(section, null);
    } catch (InvalidSettingException e) {
      throw new UserError("--env " + env + ": " + e.key() + " = " + e.value() + ": expected " + e.expected(), e);
    }
    if (!(d instanceof BanditDistribution) && !(d instanceof io.metarl.envs.mdp.RandomMdps)) {
      throw new UserError("--env " + env + ": not a Bernoulli bandit or tabular-mdp environment");
    }
    return d;
  }

  private Config override(Config section, String key, Integer value, String option) {
    if (value == null) {
      return section;
    }
    if (!section.hasPath(key)) {
      throw new UserError(option + " " + value + ": environment " + env + " has no '" + key + "' setting");
    }
    return section.withValue(key, ConfigValueFactory.fromAnyRef(value));
  }

  private Map<String, Map<String, Object>> parseSettings() {
    Map<String, Map<String, Object>> map = new LinkedHashMap<>();
    for (String s : settings) {
      int dot = s.indexOf('.');
      int eq = s.indexOf('=');
      if (dot < 1 || eq < dot + 2 || eq == s.length() - 1) {
        throw new UserError("--set " + s + ": expected PLUGIN.KEY=VALUE, e.g. ucb1.c=0.3");
      }
      String plugin = s.substring(0, dot);
      String key = s.substring(dot + 1, eq);
      map.computeIfAbsent(plugin, p -> new LinkedHashMap<>()).put(key, parse(s.substring(eq + 1)));
    }
    return map;
  }

  /** A command-line value as HOCON would type it: integer, number, boolean or string. */
  static Object parse(String raw) {
    if (raw.matches("-?\\d+")) {
      return Long.parseLong(raw);
    }
    if (raw.equals("true") || raw.equals("false")) {
      return Boolean.parseBoolean(raw);
    }
    try {
      return Double.parseDouble(raw);
    } catch (NumberFormatException e) {
      return raw;
    }
  }
}
