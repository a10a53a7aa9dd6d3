package io.metarl.envs.mdp.baselines;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.metarl.api.agent.Mode;
import io.metarl.api.agent.Policy;
import io.metarl.api.agent.PolicyInput;
import io.metarl.api.agent.PolicyOutput;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.api.env.Step;
import io.metarl.envs.mdp.MdpTask;
import io.metarl.envs.mdp.RandomMdps;
import io.metarl.envs.mdp.TabularMdp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The tabular-MDP baselines by name, built without the engine, and a runner that plays them on the same
 * tasks (the table of RL² section 3.2).
 *
 * <p><b>Protocol.</b> From {@code new SplittableRandom(seed)} three streams are split: tasks (in order),
 * episode seeds (one per task and episode: every policy meets the same reward noise and transition
 * draws for the same actions) and policy seeds. A trial is {@code episodes} episodes of one task;
 * policies play {@code lanes} trials at a time through the batched {@link Policy} API with the RL² meta
 * inputs ({@code trialStart} at a trial's first step, {@code previousDone} after each episode's last).
 */
public final class MdpBaselines {
  private static final Map<String, Supplier<MdpBaselineProvider>> PROVIDERS = new LinkedHashMap<>();

  static {
    PROVIDERS.put(MdpRandomBaselineProvider.NAME, MdpRandomBaselineProvider::new);
    PROVIDERS.put(PsrlBaselineProvider.NAME, PsrlBaselineProvider::new);
    PROVIDERS.put(OpsrlBaselineProvider.NAME, OpsrlBaselineProvider::new);
    PROVIDERS.put(Ucrl2BaselineProvider.NAME, Ucrl2BaselineProvider::new);
    PROVIDERS.put(BebBaselineProvider.NAME, BebBaselineProvider::new);
    PROVIDERS.put(MdpEpsilonGreedyBaselineProvider.NAME, MdpEpsilonGreedyBaselineProvider::new);
    PROVIDERS.put(MdpGreedyBaselineProvider.NAME, MdpGreedyBaselineProvider::new);
  }

  private MdpBaselines() {}

  /** The names in the paper's column order: random, PSRL, OPSRL, UCRL2, BEB, epsilon-greedy, greedy. */
  public static List<String> names() {
    return List.copyOf(PROVIDERS.keySet());
  }

  /** A plugin's defaults from {@code reference.conf}. */
  public static Config defaults(String name) {
    if (!PROVIDERS.containsKey(name)) {
      throw new IllegalArgumentException("unknown tabular-MDP baseline '" + name + "'; known: " + String.join(", ", names()));
    }
    return ConfigFactory.defaultReference(MdpBaselines.class.getClassLoader()).getConfig("metarl.plugins." + name);
  }

  /** Builds baseline {@code name} with {@code overrides} over its defaults, planning {@code episodeLength} steps. */
  public static MdpBaselineAgent create(String name, Map<String, ?> overrides, EnvironmentSpec spec, int episodeLength) {
    Config defaults = defaults(name);
    Config section = defaults.withValue("episode-length", ConfigValueFactory.fromAnyRef(episodeLength));
    for (Map.Entry<String, ?> e : overrides.entrySet()) {
      if (!defaults.hasPath(e.getKey())) {
        throw new IllegalArgumentException("baseline " + name + " has no setting '" + e.getKey() + "'; it has " + defaults.root().keySet());
      }
      section = section.withValue(e.getKey(), ConfigValueFactory.fromAnyRef(e.getValue()));
    }
    return PROVIDERS.get(name).get().create(section, spec, null);
  }

  /**
   * One row.
   *
   * @param meanTotalReward mean over trials of the reward summed over the trial's episodes
   * @param stderr its standard error
   * @param meanRegret mean over trials of (episodes x optimal expected episode return - total reward)
   * @param byEpisode mean return by episode index within the trial
   */
  public record Result(String policy, int trials, double meanTotalReward, double stderr, double meanRegret,
      double[] byEpisode, double seconds) {}

  /** Plays every agent on the same {@code tasks} trials of {@code episodes} episodes. */
  public static List<Result> run(io.metarl.api.task.TaskDistribution distribution, Map<String, MdpBaselineAgent> agents, int episodes, int tasks,
      long seed, int lanes) {
    if (tasks < 1 || lanes < 1 || episodes < 1) {
      throw new IllegalArgumentException("need tasks, lanes, episodes >= 1");
    }
    SplittableRandom master = new SplittableRandom(seed);
    SplittableRandom taskRng = master.split();
    SplittableRandom episodeRng = master.split();
    long policySeedBase = master.split().nextLong();
    List<MdpTask> list = new ArrayList<>(tasks);
    long[][] episodeSeeds = new long[tasks][episodes];
    double[] optimal = new double[tasks];
    for (int i = 0; i < tasks; i++) {
      if (!(distribution.sample(taskRng) instanceof MdpTask task)) {
        throw new IllegalArgumentException("the tabular-MDP baselines play MdpTask tasks");
      }
      list.add(task);
      optimal[i] = list.get(i).optimalReturn().getAsDouble() * episodes;
      for (int e = 0; e < episodes; e++) {
        episodeSeeds[i][e] = episodeRng.nextLong();
      }
    }
    List<Result> results = new ArrayList<>();
    int k = 0;
    for (Map.Entry<String, MdpBaselineAgent> e : agents.entrySet()) {
      k++;
      results.add(play(e.getKey(), e.getValue(), list, episodeSeeds, optimal, policySeedBase + 0x9E3779B97F4A7C15L * k, lanes));
    }
    return results;
  }

  private static Result play(String label, MdpBaselineAgent agent, List<MdpTask> tasks, long[][] seeds, double[] optimal,
      long policySeed, int lanes) {
    long start = System.nanoTime();
    int m = tasks.size();
    int episodes = seeds[0].length;
    double[] totals = new double[m];
    double[][] byEpisode = new double[m][episodes];
    EnvironmentSpec spec = agent.spec();
    int S = spec.observationSpace().flatSize();
    SplittableRandom policySeeds = new SplittableRandom(policySeed);
    for (int from = 0; from < m; from += lanes) {
      int n = Math.min(lanes, m - from);
      TabularMdp[] envs = new TabularMdp[n];
      Policy policy = agent.policy(n, policySeeds.nextLong());
      PolicyInput in = new PolicyInput(spec.observationSpace(), spec.actionSpace(), n);
      PolicyOutput out = new PolicyOutput(spec.actionSpace(), n);
      for (int l = 0; l < n; l++) {
        envs[l] = tasks.get(from + l).newEnvironment();
      }
      int length = tasks.get(from).episodeLength();
      for (int ep = 0; ep < episodes; ep++) {
        for (int l = 0; l < n; l++) {
          float[] o = envs[l].reset(seeds[from + l][ep]);
          System.arraycopy(o, 0, in.observations, l * S, S);
        }
        for (int t = 0; t < length; t++) {
          for (int l = 0; l < n; l++) {
            in.trialStart[l] = ep == 0 && t == 0;
          }
          policy.act(in, Mode.EXPLORE, out);
          for (int l = 0; l < n; l++) {
            int a = out.actions.discrete[l];
            Step step = envs[l].step(a);
            totals[from + l] += step.reward();
            byEpisode[from + l][ep] += step.reward();
            in.previousActions.discrete[l] = a;
            in.previousRewards[l] = (float) step.reward();
            in.previousDone[l] = step.done();
            System.arraycopy(step.observation(), 0, in.observations, l * S, S);
          }
        }
      }
    }
    double mean = 0;
    double regret = 0;
    for (int i = 0; i < m; i++) {
      mean += totals[i];
      regret += optimal[i] - totals[i];
    }
    mean /= m;
    regret /= m;
    double ss = 0;
    for (double v : totals) {
      ss += (v - mean) * (v - mean);
    }
    double se = m > 1 ? Math.sqrt(ss / (m - 1) / m) : 0;
    double[] meanBy = new double[episodes];
    for (int e = 0; e < episodes; e++) {
      for (int i = 0; i < m; i++) {
        meanBy[e] += byEpisode[i][e] / m;
      }
    }
    return new Result(label, m, mean, se, regret, meanBy, (System.nanoTime() - start) / 1e9);
  }

  /** A fixed-width table. */
  public static String table(List<Result> results) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-28s %18s %9s %12s %9s%n", "policy", "mean total reward", "stderr", "mean regret", "seconds"));
    for (Result r : results) {
      sb.append(String.format(Locale.ROOT, "%-28s %18.2f %9.2f %12.2f %9.1f%n", r.policy(), r.meanTotalReward(), r.stderr(),
          r.meanRegret(), r.seconds()));
    }
    return sb.toString();
  }

  /**
   * {@code java -cp ... io.metarl.envs.mdp.baselines.MdpBaselines EPISODES TASKS SEED [name.key=value ...]}:
   * the table for one n (the same as {@code metarl baselines --env tabular-mdp --episodes n}).
   */
  public static void main(String[] args) {
    int episodes = Integer.parseInt(args[0]);
    int tasks = Integer.parseInt(args[1]);
    long seed = Long.parseLong(args[2]);
    Map<String, Map<String, Object>> overrides = new LinkedHashMap<>();
    List<String> only = new ArrayList<>();
    for (int i = 3; i < args.length; i++) {
      String a = args[i];
      int dot = a.indexOf('.');
      int eq = a.indexOf('=');
      if (dot < 0 || eq < 0) {
        only.add(a);
        continue;
      }
      String v = a.substring(eq + 1);
      Object value = v.matches("-?\\d+") ? (Object) Long.parseLong(v) : (Object) Double.parseDouble(v);
      overrides.computeIfAbsent(a.substring(0, dot), x -> new LinkedHashMap<>()).put(a.substring(dot + 1, eq), value);
    }
    RandomMdps d = new RandomMdps(10, 5, 10);
    Map<String, MdpBaselineAgent> agents = new LinkedHashMap<>();
    for (String name : only.isEmpty() ? names() : only) {
      Map<String, Object> o = overrides.getOrDefault(name, Map.of());
      agents.put(o.isEmpty() ? name : name + " " + o, create(name, o, d.spec(), d.episodeLength()));
    }
    System.out.printf(Locale.ROOT, "tabular-mdp 10x5, episodes of 10, n = %d episodes per trial, %d tasks, seed %d%n", episodes, tasks, seed);
    System.out.print(table(run(d, agents, episodes, tasks, seed, 64)));
  }
}
