package io.metarl.envs.bandit.baselines;

import io.metarl.api.agent.Agent;
import io.metarl.api.agent.Mode;
import io.metarl.api.agent.Policy;
import io.metarl.api.agent.PolicyInput;
import io.metarl.api.agent.PolicyOutput;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.api.env.Step;
import io.metarl.api.task.Task;
import io.metarl.api.task.TaskDistribution;
import io.metarl.envs.bandit.BanditTask;
import io.metarl.envs.bandit.BernoulliBandit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Plays bandit baselines on the same tasks and reports mean total reward, its standard error and the
 * mean cumulative regret against the oracle.
 *
 * <p><b>Protocol.</b> From {@code new SplittableRandom(seed)} three independent streams are split:
 * tasks ({@code tasks} samples of the distribution, in order), reward seeds (one per task: the task's
 * environment is reset with it, so every policy faces the same tasks and the same reward generator
 * seed) and policy seeds. Each policy plays the tasks in batches of {@code lanes} lanes through the
 * batched {@link Policy} API: one {@link Policy#act} per time step for the whole batch, with the
 * previous action and reward of each lane as meta inputs and {@code trialStart} set at the first pull.
 * A trial is one episode of the task's {@code horizon} pulls.
 *
 * <p><b>Regret</b> is the expected (pseudo-)regret {@code sum_t (p_best - p_{a_t})} over the pulls of a
 * task, averaged over tasks: it depends on the arms chosen, not on the luck of the draws, so it has less
 * noise than {@code n p_best - total reward} (which has the same expectation). The oracle row pulls the
 * best arm every time (regret 0); its total reward is realised with the same reward seeds.
 *
 * <p>Results depend on {@code (seed, lanes)}: a lane's exploration randomness is split from its batch's
 * policy seed.
 */
public final class BaselineRunner {

  /** The name of the oracle row. */
  public static final String ORACLE = "oracle";

  /**
   * A policy to evaluate.
   *
   * @param label the row name
   * @param agent the agent whose {@link Agent#policy} is played
   */
  public record Entry(String label, Agent agent) {}

  /**
   * One row of the table.
   *
   * @param policy the row name
   * @param tasks tasks played
   * @param meanTotalReward mean over tasks of the reward summed over the trial's pulls
   * @param stderr standard error of that mean (sample standard deviation / sqrt(tasks))
   * @param meanRegret mean over tasks of {@code sum_t (p_best - p_{a_t})}
   * @param regretStderr standard error of the mean regret
   * @param seconds wall-clock seconds the policy took
   */
  public record Result(
      String policy, int tasks, double meanTotalReward, double stderr, double meanRegret,
      double regretStderr, double seconds) {}

  private BaselineRunner() {}

  /**
   * Every baseline of this module with its defaults, Gittins' horizon set to {@code horizon}.
   *
   * @param overrides per plugin name, settings to change (may be empty)
   */
  public static List<Entry> standard(EnvironmentSpec spec, int horizon, Map<String, Map<String, ?>> overrides) {
    List<Entry> entries = new ArrayList<>();
    for (String name : Baselines.names()) {
      Map<String, Object> settings = new LinkedHashMap<>();
      if (name.equals(GittinsBaselineProvider.NAME)) {
        settings.put("horizon", horizon);
      }
      settings.putAll(overrides.getOrDefault(name, Map.of()));
      entries.add(new Entry(name, Baselines.create(name, settings, spec)));
    }
    return entries;
  }

  /** The tasks the runner plays for {@code (distribution, tasks, seed)}. */
  public static List<BanditTask> tasks(TaskDistribution distribution, int tasks, long seed) {
    SplittableRandom master = new SplittableRandom(seed);
    SplittableRandom taskRng = master.split();
    List<BanditTask> list = new ArrayList<>(tasks);
    for (int i = 0; i < tasks; i++) {
      Task t = distribution.sample(taskRng);
      if (!(t instanceof BanditTask b)) {
        throw new IllegalArgumentException("baselines play Bernoulli bandit tasks, got " + t.getClass().getName());
      }
      list.add(b);
    }
    return list;
  }

  /**
   * Plays every entry (and the oracle when {@code oracle}) on the same {@code tasks} tasks.
   *
   * @param lanes tasks played together by one batched policy, at least 1
   */
  public static List<Result> run(
      TaskDistribution distribution, List<Entry> entries, int tasks, long seed, int lanes, boolean oracle) {
    if (tasks < 1 || lanes < 1) {
      throw new IllegalArgumentException("need tasks >= 1 and lanes >= 1, got " + tasks + ", " + lanes);
    }
    List<BanditTask> list = tasks(distribution, tasks, seed);
    SplittableRandom master = new SplittableRandom(seed);
    master.split(); // the task stream
    SplittableRandom rewardRng = master.split();
    long[] rewardSeeds = new long[tasks];
    for (int i = 0; i < tasks; i++) {
      rewardSeeds[i] = rewardRng.nextLong();
    }
    long policySeedBase = master.split().nextLong();
    List<Result> results = new ArrayList<>();
    for (int e = 0; e < entries.size(); e++) {
      results.add(play(entries.get(e), list, rewardSeeds, policySeedBase + 0x9E3779B97F4A7C15L * (e + 1), lanes));
    }
    if (oracle) {
      results.add(oracle(list, rewardSeeds));
    }
    return results;
  }

  private static Result play(Entry entry, List<BanditTask> tasks, long[] rewardSeeds, long policySeed, int lanes) {
    long start = System.nanoTime();
    int m = tasks.size();
    double[] totals = new double[m];
    double[] regrets = new double[m];
    EnvironmentSpec spec = entry.agent().spec();
    SplittableRandom seeds = new SplittableRandom(policySeed);
    for (int from = 0; from < m; from += lanes) {
      int n = Math.min(lanes, m - from);
      BernoulliBandit[] envs = new BernoulliBandit[n];
      int maxHorizon = 0;
      for (int l = 0; l < n; l++) {
        BanditTask task = tasks.get(from + l);
        envs[l] = task.newEnvironment();
        envs[l].reset(rewardSeeds[from + l]);
        maxHorizon = Math.max(maxHorizon, task.horizon());
        if (task.arms() != spec.actionSpace().flatSize()) {
          throw new IllegalArgumentException(entry.label() + " was built for " + spec.actionSpace()
              + " but task " + (from + l) + " has " + task.arms() + " arms");
        }
      }
      Policy policy = entry.agent().policy(n, seeds.nextLong());
      PolicyInput in = new PolicyInput(spec.observationSpace(), spec.actionSpace(), n);
      PolicyOutput out = new PolicyOutput(spec.actionSpace(), n);
      for (int t = 0; t < maxHorizon; t++) {
        for (int l = 0; l < n; l++) {
          in.observations[l] = 1f;
          in.trialStart[l] = t == 0;
        }
        policy.act(in, Mode.EXPLORE, out);
        for (int l = 0; l < n; l++) {
          BanditTask task = tasks.get(from + l);
          if (t >= task.horizon()) {
            continue;
          }
          int a = out.actions.discrete[l];
          Step step = envs[l].step(a);
          totals[from + l] += step.reward();
          regrets[from + l] += task.gap(a);
          in.previousActions.discrete[l] = a;
          in.previousRewards[l] = (float) step.reward();
          in.previousDone[l] = step.done();
        }
      }
    }
    return summarise(entry.label(), totals, regrets, (System.nanoTime() - start) / 1e9);
  }

  private static Result oracle(List<BanditTask> tasks, long[] rewardSeeds) {
    long start = System.nanoTime();
    int m = tasks.size();
    double[] totals = new double[m];
    for (int i = 0; i < m; i++) {
      BanditTask task = tasks.get(i);
      BernoulliBandit env = task.newEnvironment();
      env.reset(rewardSeeds[i]);
      int best = task.bestArm();
      for (int t = 0; t < task.horizon(); t++) {
        totals[i] += env.pull(best);
      }
    }
    return summarise(ORACLE, totals, new double[m], (System.nanoTime() - start) / 1e9);
  }

  private static Result summarise(String label, double[] totals, double[] regrets, double seconds) {
    double[] r = meanAndStderr(totals);
    double[] g = meanAndStderr(regrets);
    return new Result(label, totals.length, r[0], r[1], g[0], g[1], seconds);
  }

  /** Mean and standard error (sample standard deviation over sqrt(n); 0 for n = 1). */
  static double[] meanAndStderr(double[] x) {
    double mean = 0;
    for (double v : x) {
      mean += v;
    }
    mean /= x.length;
    double ss = 0;
    for (double v : x) {
      ss += (v - mean) * (v - mean);
    }
    double se = x.length > 1 ? Math.sqrt(ss / (x.length - 1) / x.length) : 0;
    return new double[] {mean, se};
  }

  /** A fixed-width text table: policy, mean total reward, stderr, mean regret. */
  public static String table(List<Result> results) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("%-24s %18s %9s %12s%n", "policy", "mean total reward", "stderr", "mean regret"));
    for (Result r : results) {
      sb.append(String.format("%-24s %18.3f %9.3f %12.3f%n", r.policy(), r.meanTotalReward(), r.stderr(), r.meanRegret()));
    }
    return sb.toString();
  }
}
