package io.metarl.experiments;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import io.metarl.core.config.ConfigLoader;
import io.metarl.core.config.ConfigProblem;
import io.metarl.core.config.ConfigValidationException;
import io.metarl.core.config.Suggestions;
import io.metarl.core.experiment.Engines;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An experiment file: a grid of agents x environments x seeds sharing a base configuration.
 *
 * <pre>{@code
 * experiment {
 *   name = session2
 *   seeds = [1, 2, 3]
 *   scale = 1.0            # multiplies every budget (see scale below)
 *   parallelism = 1        # cells run at the same time (the same as execution.parallelism)
 *   execution { engine = local }   # or spark { master = "local[2]" }: see Engines
 *   base { training { lanes = 16 } optimizer { type = rmsprop, learning-rate = 5e-5 } }
 *   agents {
 *     a2c      { agent { plugin = a2c }  returns { plugin = monte-carlo } }
 *     meta-a2c { agent { plugin = rl2, base = a2c } }
 *   }
 *   environments {
 *     2Bemh-easy { environment { plugin = bandit-dependent, difficulty = easy }
 *                  training { trials = 500, episodes-per-trial = 20, max-steps = 100 }
 *                  inference { trials = 50, episodes-per-trial = 2, max-steps = 100 } }
 *     CartPole   { environment { plugin = cartpole }
 *                  per-agent { meta-a2c { agent { value-coefficient = 0.01 } } } }
 *   }
 *   solved { }             # optional: environment name -> return at which it counts as solved
 *   paper = seed           # optional: this grid reproduces the seed paper (see below)
 * }
 * }</pre>
 *
 * <p>A cell's run configuration is {@code base}, then the agent's block, then the environment's
 * block, then the environment's {@code per-agent.<agent>} block if it has one (each later one wins key
 * by key: settings one agent needs on one environment only, e.g. a value coefficient), then
 * {@code seed} and {@code name}; it is a {@code metarl} block validated like any run file. Agents and
 * environments keep the order in which the file lists them.
 *
 * <p>{@code scale} multiplies the training and inference budgets, rounding up to at least 1: the
 * number of trials when a budget has several (a trial's length is part of the meta-learning problem
 * and is kept), the episodes of the single trial otherwise (the seed's single-instance budgets are
 * one trial of 1000 episodes), and {@code training.env-steps} when it is set. Step limits are never
 * scaled. The seed paper's Table 3 budgets are written at scale 1.
 *
 * <p>{@code paper = seed} declares that the grid is the seed paper's own (its sessions, Table 3
 * budgets at scale 1: {@code examples/session1-single-instance.conf},
 * {@code examples/session2-distributions.conf}). Only such a grid's report judges the seed paper's
 * claims and relates its scale to Table 3; any other grid's report states its own numbers only.
 * {@code seed} is the only value.
 *
 * @param name the experiment's name
 * @param seeds the seeds of every (agent, environment) pair
 * @param scale the budget multiplier
 * @param parallelism cells run at the same time ({@code experiment.parallelism} or
 *     {@code experiment.execution.parallelism}; 1 when neither is set)
 * @param output the output directory written in the file, or null
 * @param base the shared {@code metarl}-relative block
 * @param agents agent name -> {@code metarl}-relative block, in file order
 * @param environments environment name -> {@code metarl}-relative block (with its {@code per-agent}
 *     block, if any), in file order
 * @param solved environment name -> the return at which it counts as solved (optional)
 * @param execution the {@code experiment.execution} block (engine and its settings; an explicit
 *     parallelism is in it), see {@link Engines}
 * @param file the file it was read from (null when parsed from a string)
 * @param paper {@code experiment.paper} ({@value #SEED_PAPER}), or null when the grid is not a paper's
 * @param part null for the file's whole grid; for a grid cut down by {@link #only} (command line
 *     {@code --only}), what was kept, e.g. {@code "only env=CartPole: 8 of 16 cells"}
 */
public record ExperimentSpec(
    String name, List<Long> seeds, double scale, int parallelism, String output, Config base,
    Map<String, Config> agents, Map<String, Config> environments, Map<String, Double> solved, Config execution,
    Path file, String paper, String part) {

  /** The value of {@code experiment.paper} that marks a grid as the seed paper's (see {@link #seedPaper()}). */
  public static final String SEED_PAPER = "seed";

  private static final Set<String> KEYS =
      Set.of("name", "description", "paper", "seeds", "scale", "parallelism", "execution", "output", "base", "agents", "environments",
          "solved");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
  /** The key of an environment block's per-agent overrides. */
  static final String PER_AGENT = "per-agent";

  /**
   * Reads an experiment file with {@code key=value} overrides (e.g. {@code experiment.scale=0.1}).
   *
   * @throws ConfigValidationException listing every problem of the file's {@code experiment} block
   */
  public static ExperimentSpec load(Path file, List<String> overrides) {
    return parse(ConfigLoader.parseUser(file, overrides), file);
  }

  /** Parses an already-read file. */
  public static ExperimentSpec parse(Config root, Path file) {
    List<ConfigProblem> problems = new ArrayList<>();
    String where = file == null ? "experiment" : file.toString();
    for (String top : root.root().keySet()) {
      if (!top.equals("experiment")) {
        problems.add(ConfigProblem.at(top, "unknown top-level key: an experiment file has one block, experiment { ... }"
            + (top.equals("metarl") ? " (put shared run settings in experiment.base)" : ""), root.getValue(top).origin()));
      }
    }
    if (!root.hasPath("experiment") || root.getValue("experiment").valueType() != ConfigValueType.OBJECT) {
      problems.add(new ConfigProblem("experiment", "missing: expected an experiment { name, seeds, agents, environments } block", where));
      throw new ConfigValidationException(problems);
    }
    Config e = root.getConfig("experiment");
    for (String key : e.root().keySet()) {
      if (!KEYS.contains(key)) {
        problems.add(ConfigProblem.at("experiment." + key, "unknown key"
            + Suggestions.closest(key, KEYS).map(s -> ", did you mean " + s + "?").orElse("; known keys: " + String.join(", ", KEYS.stream().sorted().toList())),
            e.getValue(key).origin()));
      }
    }
    String name = string(e, "name", where, problems);
    if (name != null && !NAME.matcher(name).matches()) {
      problems.add(ConfigProblem.at("experiment.name", "'" + name + "' must be a file name: letters, digits, '.', '_', '-'", e.getValue("name").origin()));
    }
    List<Long> seeds = new ArrayList<>();
    if (!e.hasPath("seeds")) {
      problems.add(new ConfigProblem("experiment.seeds", "missing: expected a non-empty list of integer seeds, e.g. [1, 2, 3]", where));
    } else {
      try {
        seeds.addAll(e.getLongList("seeds"));
        if (seeds.isEmpty() || seeds.stream().distinct().count() != seeds.size()) {
          problems.add(ConfigProblem.at("experiment.seeds", "expected a non-empty list of distinct integer seeds, got " + seeds, e.getValue("seeds").origin()));
        }
      } catch (ConfigException.WrongType ex) {
        problems.add(ConfigProblem.at("experiment.seeds", "expected a list of integers, e.g. [1, 2, 3]", e.getValue("seeds").origin()));
      }
    }
    double scale = 1.0;
    if (e.hasPath("scale")) {
      try {
        scale = e.getDouble("scale");
        if (!(scale > 0) || Double.isInfinite(scale)) {
          problems.add(ConfigProblem.at("experiment.scale", "expected a number > 0, got " + scale, e.getValue("scale").origin()));
        }
      } catch (ConfigException.WrongType ex) {
        problems.add(ConfigProblem.at("experiment.scale", "expected a number > 0", e.getValue("scale").origin()));
      }
    }
    int parallelism = 1;
    Config execution = ConfigFactory.empty();
    if (e.hasPath("execution")) {
      if (e.getValue("execution").valueType() == ConfigValueType.OBJECT) {
        execution = e.getConfig("execution");
        if (e.hasPath("parallelism") && execution.hasPath("parallelism")) {
          problems.add(ConfigProblem.at("experiment.parallelism", "set either experiment.parallelism or"
              + " experiment.execution.parallelism, not both", e.getValue("parallelism").origin()));
        }
      } else {
        problems.add(ConfigProblem.at("experiment.execution", "expected an object, e.g. { engine = spark, master = \"local[2]\" }",
            e.getValue("execution").origin()));
      }
    }
    String parallelismKey = e.hasPath("parallelism") ? "parallelism" : e.hasPath("execution.parallelism") ? "execution.parallelism" : null;
    if (parallelismKey != null) {
      try {
        parallelism = e.getInt(parallelismKey);
        if (parallelism < 1) {
          problems.add(ConfigProblem.at("experiment." + parallelismKey, "expected an integer >= 1, got " + parallelism, e.getValue(parallelismKey).origin()));
        }
        execution = execution.withValue("parallelism", ConfigValueFactory.fromAnyRef(parallelism, "experiment." + parallelismKey));
      } catch (ConfigException.WrongType ex) {
        problems.add(ConfigProblem.at("experiment." + parallelismKey, "expected an integer >= 1", e.getValue(parallelismKey).origin()));
      }
    }
    String output = e.hasPath("output") ? string(e, "output", where, problems) : null;
    Config base = ConfigFactory.empty();
    if (e.hasPath("base")) {
      if (e.getValue("base").valueType() == ConfigValueType.OBJECT) {
        base = e.getConfig("base");
        noSeed("experiment.base", base, problems);
      } else {
        problems.add(ConfigProblem.at("experiment.base", "expected an object of run settings (what a run file has under metarl)", e.getValue("base").origin()));
      }
    }
    Map<String, Config> agents = blocks(e, "agents", where, problems);
    Map<String, Config> environments = blocks(e, "environments", where, problems);
    environments.forEach((env, c) -> checkPerAgent(env, c, agents, problems));
    Map<String, Double> solved = new LinkedHashMap<>();
    if (e.hasPath("solved")) {
      if (e.getValue("solved").valueType() != ConfigValueType.OBJECT) {
        problems.add(ConfigProblem.at("experiment.solved", "expected an object: environment name -> solved return", e.getValue("solved").origin()));
      } else {
        ConfigObject o = e.getObject("solved");
        for (String env : o.keySet()) {
          ConfigValue v = o.get(env);
          if (!environments.containsKey(env) && !environments.isEmpty()) {
            problems.add(ConfigProblem.at("experiment.solved." + env, "no environment called '" + env + "'; environments: "
                + String.join(", ", environments.keySet()), v.origin()));
          } else if (v.valueType() != ConfigValueType.NUMBER) {
            problems.add(ConfigProblem.at("experiment.solved." + env, "expected a number (the return at which it counts as solved)", v.origin()));
          } else {
            solved.put(env, ((Number) v.unwrapped()).doubleValue());
          }
        }
      }
    }
    String paper = null;
    if (e.hasPath("paper")) {
      ConfigValue v = e.getValue("paper");
      if (v.valueType() != ConfigValueType.STRING || !SEED_PAPER.equals(v.unwrapped())) {
        problems.add(ConfigProblem.at("experiment.paper", "expected " + SEED_PAPER
            + " (the grid reproduces the seed paper; leave it out otherwise), got " + v.render(), v.origin()));
      } else {
        paper = SEED_PAPER;
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigValidationException(problems);
    }
    return new ExperimentSpec(name, List.copyOf(seeds), scale, parallelism, output, base, agents, environments, solved, execution, file,
        paper, null);
  }

  private static String string(Config e, String key, String where, List<ConfigProblem> problems) {
    if (!e.hasPath(key)) {
      problems.add(new ConfigProblem("experiment." + key, "missing: expected a string", where));
      return null;
    }
    if (e.getValue(key).valueType() != ConfigValueType.STRING) {
      problems.add(ConfigProblem.at("experiment." + key, "expected a string", e.getValue(key).origin()));
      return null;
    }
    return e.getString(key);
  }

  /** The named sub-blocks of {@code agents} / {@code environments}, ordered as the file lists them. */
  private static Map<String, Config> blocks(Config e, String key, String where, List<ConfigProblem> problems) {
    Map<String, Config> out = new LinkedHashMap<>();
    if (!e.hasPath(key) || e.getValue(key).valueType() != ConfigValueType.OBJECT || e.getObject(key).isEmpty()) {
      problems.add(new ConfigProblem("experiment." + key, "missing or empty: expected { <name> { ...run settings... } ... }",
          e.hasPath(key) ? ConfigProblem.describe(e.getValue(key).origin()) : where));
      return out;
    }
    ConfigObject o = e.getObject(key);
    List<String> names = new ArrayList<>(o.keySet());
    names.sort(Comparator.<String>comparingInt(n -> o.get(n).origin().lineNumber()).thenComparing(n -> n));
    for (String n : names) {
      ConfigValue v = o.get(n);
      String path = "experiment." + key + "." + n;
      if (!NAME.matcher(n).matches()) {
        problems.add(ConfigProblem.at(path, "'" + n + "' must be a file name: letters, digits, '.', '_', '-'", v.origin()));
      } else if (v.valueType() != ConfigValueType.OBJECT) {
        problems.add(ConfigProblem.at(path, "expected an object of run settings", v.origin()));
      } else {
        Config c = ((ConfigObject) v).toConfig();
        noSeed(path, c, problems);
        out.put(n, c);
      }
    }
    return out;
  }

  /** Checks an environment block's {@code per-agent} overrides: an object of known agents' run settings. */
  private static void checkPerAgent(String env, Config c, Map<String, Config> agents, List<ConfigProblem> problems) {
    if (!c.hasPath(PER_AGENT)) {
      return;
    }
    String path = "experiment.environments." + env + "." + PER_AGENT;
    ConfigValue v = c.getValue(PER_AGENT);
    if (v.valueType() != ConfigValueType.OBJECT) {
      problems.add(ConfigProblem.at(path, "expected { <agent name> { ...run settings... } ... }", v.origin()));
      return;
    }
    ConfigObject o = (ConfigObject) v;
    for (String agent : o.keySet()) {
      ConfigValue block = o.get(agent);
      if (!agents.containsKey(agent)) {
        problems.add(ConfigProblem.at(path + "." + agent, "no agent called '" + agent + "'; agents: "
            + String.join(", ", agents.keySet()), block.origin()));
      } else if (block.valueType() != ConfigValueType.OBJECT) {
        problems.add(ConfigProblem.at(path + "." + agent, "expected an object of run settings", block.origin()));
      } else {
        noSeed(path + "." + agent, ((ConfigObject) block).toConfig(), problems);
      }
    }
  }

  /** A block of run settings in the experiment file must not set {@code seed}: the grid's seeds do. */
  private static void noSeed(String path, Config block, List<ConfigProblem> problems) {
    if (block.hasPath("seed")) {
      problems.add(ConfigProblem.at(path + ".seed", "set seeds with experiment.seeds, not per run", block.getValue("seed").origin()));
    }
  }

  /** True when the grid declares {@code paper = seed}: its report judges the seed paper's claims. */
  public boolean seedPaper() {
    return SEED_PAPER.equals(paper);
  }

  /** Every cell: environments (outer), agents, seeds (inner), in file order. */
  public List<Cell> cells() {
    List<Cell> out = new ArrayList<>();
    for (String env : environments.keySet()) {
      for (String agent : agents.keySet()) {
        for (long seed : seeds) {
          out.add(new Cell(env, agent, seed));
        }
      }
    }
    return out;
  }

  /**
   * The cell's user configuration ({@code metarl { ... }}), scaled, before defaults: base, then the
   * agent's block, then the environment's, then the environment's {@code per-agent} block for this
   * agent, then seed and name.
   *
   * @param loader the class loader whose {@code reference.conf} files give the defaults the budgets
   *     are scaled from
   */
  public Config userConfig(Cell cell, ClassLoader loader) {
    Config env = environments.get(cell.environment());
    Config perAgent = ConfigFactory.empty();
    if (env.hasPath(PER_AGENT)) {
      // Looked up on the object, not by path: an agent's name may contain '.'.
      ConfigValue v = env.getObject(PER_AGENT).get(cell.agent());
      if (v instanceof ConfigObject o) {
        perAgent = o.toConfig();
      }
      env = env.withoutPath(PER_AGENT);
    }
    Config c = perAgent
        .withFallback(env)
        .withFallback(agents.get(cell.agent()))
        .withFallback(base)
        .withValue("seed", ConfigValueFactory.fromAnyRef(cell.seed(), "experiment.seeds"))
        .withValue("name", ConfigValueFactory.fromAnyRef(name + "-" + cell.environment() + "-" + cell.agent(), "experiment"));
    return scale(c.atKey("metarl"), scale, loader);
  }

  /**
   * Applies {@code scale} to a user configuration's budgets (see the class comment). Values that are
   * not numbers are left for validation to report.
   */
  public static Config scale(Config user, double scale, ClassLoader loader) {
    if (scale == 1.0) {
      return user;
    }
    Config merged;
    try {
      merged = ConfigLoader.merge(user, loader).getConfig("metarl");
    } catch (RuntimeException e) {
      return user; // validation reports it
    }
    Config out = user;
    for (String phase : List.of("training", "inference")) {
      try {
        long trials = merged.getLong(phase + ".trials");
        long episodes = merged.getLong(phase + ".episodes-per-trial");
        if (trials > 1) {
          out = out.withValue("metarl." + phase + ".trials", scaled(trials, scale));
        } else {
          out = out.withValue("metarl." + phase + ".episodes-per-trial", scaled(episodes, scale));
        }
        if (phase.equals("training")) {
          long envSteps = merged.getLong("training.env-steps");
          if (envSteps > 0) {
            out = out.withValue("metarl.training.env-steps", scaled(envSteps, scale));
          }
        }
      } catch (ConfigException e) {
        // a wrong type: left for validation
      }
    }
    return out;
  }

  private static ConfigValue scaled(long value, double scale) {
    long v = Math.max(1, (long) Math.ceil(value * scale - 1e-9));
    return ConfigValueFactory.fromAnyRef(v, "experiment.scale = " + scale + " x " + value);
  }

  /** A copy with another scale, seeds or parallelism (command-line overrides). */
  public ExperimentSpec with(Double newScale, List<Long> newSeeds, Integer newParallelism) {
    Config exec = newParallelism == null ? execution
        : execution.withValue("parallelism", ConfigValueFactory.fromAnyRef(newParallelism, "command line"));
    return new ExperimentSpec(name, newSeeds == null ? seeds : List.copyOf(newSeeds), newScale == null ? scale : newScale,
        newParallelism == null ? parallelism : newParallelism, output, base, agents, environments, solved, exec, file, paper, part);
  }

  /**
   * A copy whose {@code execution} block has {@code overrides} laid over it (command-line
   * {@code --engine}, {@code --master}; null values are skipped). A changed engine drops the file's
   * engine-specific keys, so {@code --engine local} works on a file written for spark.
   */
  public ExperimentSpec withExecution(Map<String, Object> overrides) {
    Config exec = execution;
    Object engine = overrides.get("engine");
    if (engine != null && !engine.equals(exec.hasPath("engine") ? exec.getValue("engine").unwrapped() : Engines.DEFAULT)) {
      Config kept = ConfigFactory.empty();
      if (exec.hasPath("parallelism")) {
        kept = kept.withValue("parallelism", exec.getValue("parallelism"));
      }
      exec = kept;
    }
    exec = Engines.block(exec, overrides);
    int par = exec.hasPath("parallelism") && exec.getValue("parallelism").unwrapped() instanceof Number n ? n.intValue() : parallelism;
    return new ExperimentSpec(name, seeds, scale, par, output, base, agents, environments, solved, exec, file, paper, part);
  }

  /** True when this is a part of the file's grid ({@link #only}). */
  public boolean partial() {
    return part != null;
  }

  /**
   * The part of the grid that {@code selectors} pick (command line {@code --only}): each is
   * {@code agent=NAME}, {@code env=NAME} or {@code seed=S} (names as the experiment file spells them),
   * or the same with {@code !=} to leave one out. Selectors of one kind add up (agent=A,agent=B: both);
   * kinds combine (agent=A,env=E: A on E). Cells keep their configuration and directory, so cells
   * finished by a partial run are reused by the whole grid and the other way round.
   *
   * @throws ConfigValidationException naming unknown kinds or names (with the closest) or an empty selection
   */
  public ExperimentSpec only(List<String> selectors) {
    if (selectors == null || selectors.isEmpty()) {
      return this;
    }
    List<ConfigProblem> problems = new ArrayList<>();
    Map<String, List<String>> include = new LinkedHashMap<>();
    Map<String, List<String>> exclude = new LinkedHashMap<>();
    Map<String, List<String>> known = Map.of("agent", List.copyOf(agents.keySet()), "env", List.copyOf(environments.keySet()),
        "seed", seeds.stream().map(String::valueOf).toList());
    for (String raw : selectors) {
      String sel = raw.trim();
      boolean not = sel.contains("!=");
      int at = not ? sel.indexOf("!=") : sel.indexOf('=');
      if (at <= 0 || at == sel.length() - (not ? 2 : 1)) {
        problems.add(new ConfigProblem("--only " + sel, "expected agent=NAME, env=NAME or seed=S (or != to leave one out), "
            + "e.g. --only agent=A2C,env=CartPole", "command line"));
        continue;
      }
      String kind = sel.substring(0, at).trim().toLowerCase(java.util.Locale.ROOT);
      kind = kind.equals("environment") ? "env" : kind;
      String value = sel.substring(at + (not ? 2 : 1)).trim();
      List<String> names = known.get(kind);
      if (names == null) {
        problems.add(new ConfigProblem("--only " + sel, "unknown kind '" + kind + "'"
            + Suggestions.closest(kind, known.keySet()).map(k -> ", did you mean " + k + "?").orElse("")
            + "; --only takes agent=, env= and seed=", "command line"));
      } else if (!names.contains(value)) {
        problems.add(new ConfigProblem("--only " + sel, "no " + kind + " '" + value + "' in experiment " + name
            + Suggestions.closest(value, names).map(n -> " (did you mean " + n + "?)").orElse("") + "; "
            + (kind.equals("seed") ? "seeds" : kind + "s") + ": " + String.join(", ", names), "command line"));
      } else {
        (not ? exclude : include).computeIfAbsent(kind, k -> new ArrayList<>()).add(value);
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigValidationException(problems);
    }
    Map<String, Config> a = pick(agents, include.get("agent"), exclude.get("agent"));
    Map<String, Config> e = pick(environments, include.get("env"), exclude.get("env"));
    List<Long> s = seeds.stream().filter(x -> (include.get("seed") == null || include.get("seed").contains(String.valueOf(x)))
        && (exclude.get("seed") == null || !exclude.get("seed").contains(String.valueOf(x)))).toList();
    int kept = a.size() * e.size() * s.size();
    if (kept == 0) {
      throw new ConfigValidationException(new ConfigProblem("--only " + String.join(",", selectors),
          "selects no cell of experiment " + name, "command line"));
    }
    Map<String, Double> solvedKept = new LinkedHashMap<>(solved);
    solvedKept.keySet().retainAll(e.keySet());
    int all = agents.size() * environments.size() * seeds.size();
    String description = "only " + String.join(",", selectors.stream().map(String::trim).toList()) + ": " + kept + " of " + all
        + " cells of the file's grid";
    return new ExperimentSpec(name, s, scale, parallelism, output, base, a, e, solvedKept, execution, file, paper, description);
  }

  private static Map<String, Config> pick(Map<String, Config> all, List<String> in, List<String> out) {
    Map<String, Config> kept = new LinkedHashMap<>();
    all.forEach((k, v) -> {
      if ((in == null || in.contains(k)) && (out == null || !out.contains(k))) {
        kept.put(k, v);
      }
    });
    return kept;
  }
}
