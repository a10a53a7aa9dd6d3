package io.metarl.core.train;

import io.metarl.api.agent.Agent;
import io.metarl.api.agent.Policy;
import io.metarl.api.agent.PolicyInput;
import io.metarl.api.agent.PolicyOutput;
import io.metarl.api.env.Environment;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.api.env.EpisodeInfo;
import io.metarl.api.env.Space;
import io.metarl.api.env.Step;
import io.metarl.api.task.Task;
import io.metarl.api.task.TaskDistribution;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.random.RandomGenerator;
import io.metarl.core.config.InferenceSettings;
import io.metarl.core.rollout.Lanes;

/**
 * Meta-evaluation: plays {@code trials} trials of tasks sampled from the distribution with a frozen
 * policy (no weight changes; RL² adapts in its memory only), lanes together, and records the return of
 * every episode by its index within the trial. Works before any training. Held-out tasks come from a
 * generator seeded differently from training's.
 */
public final class Evaluator {
  /** Mixed into the run's seed so evaluation tasks differ from training tasks. */
  public static final long EVALUATION_SEED_SALT = 0x6A09E667F3BCC909L;

  private Evaluator() {}

  /**
   * Plays the held-out trials, recording every episode's return, length, success flag (the
   * environment's {@code is_success} or {@code success} info at the episode's last step, where it sets
   * one) and per-episode info ({@link EpisodeInfo}'s {@code episode.*} keys at the episode's last step).
   */
  public static EvaluationResult evaluate(Agent agent, TaskDistribution distribution, InferenceSettings s, long seed) {
    EnvironmentSpec spec = distribution.spec();
    int lanesCount = Math.min(s.lanes(), s.trials());
    double[][] returns = new double[s.trials()][s.episodesPerTrial()];
    int[][] lengths = new int[s.trials()][s.episodesPerTrial()];
    double[][] success = new double[s.trials()][s.episodesPerTrial()];
    double[] optimal = new double[s.trials()];
    Map<String, double[][]> episodeInfo = new LinkedHashMap<>();
    Policy policy = agent.policy(lanesCount, seed ^ EVALUATION_SEED_SALT);
    PolicyOutput out = new PolicyOutput(spec.actionSpace(), lanesCount);
    PolicyInput in = new PolicyInput(spec.observationSpace(), spec.actionSpace(), lanesCount);
    SuccessProbe probe = new SuccessProbe(lanesCount);
    TaskDistribution tasks = probe.wrap(distribution);
    try (Lanes lanes = new Lanes(tasks, spec, lanesCount, s.episodesPerTrial(), s.maxSteps(), seed ^ EVALUATION_SEED_SALT)) {
      for (int first = 0; first < s.trials(); first += lanesCount) {
        int active = Math.min(lanesCount, s.trials() - first);
        if (first == 0) {
          lanes.startAll();
        } else {
          for (int l = 0; l < lanesCount; l++) {
            lanes.startTrial(l);
          }
        }
        for (int l = 0; l < active; l++) {
          optimal[first + l] = lanes.task(l).optimalReturn().orElse(Double.NaN) * s.episodesPerTrial();
        }
        int[] episodes = new int[lanesCount];
        int finished = 0;
        while (finished < active) {
          Lanes.copy(lanes.input, in);
          policy.act(in, s.mode(), out);
          probe.next = 0;
          lanes.step(out.actions, false);
          for (int l = 0; l < active; l++) {
            if (lanes.finalObservation[l] != null && episodes[l] < s.episodesPerTrial()) {
              returns[first + l][episodes[l]] = lanes.endedReturn[l];
              lengths[first + l][episodes[l]] = lanes.endedLength[l];
              boolean probed = probe.next == lanesCount;
              success[first + l][episodes[l]] = probed ? successFlag(probe.info[l]) : Double.NaN;
              if (probed) {
                for (Map.Entry<String, Double> e : EpisodeInfo.of(probe.info[l]).entrySet()) {
                  episodeInfo.computeIfAbsent(e.getKey(), k -> nanTable(s.trials(), s.episodesPerTrial()))
                      [first + l][episodes[l]] = e.getValue();
                }
              }
              episodes[l]++;
              if (episodes[l] == s.episodesPerTrial()) {
                finished++;
              }
            }
          }
        }
      }
    }
    return new EvaluationResult(s.trials(), s.episodesPerTrial(), returns, optimal, lengths, success, episodeInfo);
  }

  private static double[][] nanTable(int rows, int columns) {
    double[][] t = new double[rows][columns];
    for (double[] row : t) {
      Arrays.fill(row, Double.NaN);
    }
    return t;
  }

  /** The success flag in a step's info ({@code is_success}, else {@code success}): 1, 0, or NaN when absent. */
  private static double successFlag(Map<String, Double> info) {
    Double f = info == null ? null : info.get("is_success");
    if (f == null && info != null) {
      f = info.get("success");
    }
    return f == null ? Double.NaN : (f > 0.5 ? 1.0 : 0.0);
  }

  /**
   * Reads the info of every step: the environments are wrapped so that each step writes its info into
   * the next slot. {@link Lanes#step} steps every lane once, in lane order, so after a step slot
   * {@code l} holds lane {@code l}'s info (checked: all slots written, else no success flag or episode
   * info is read).
   */
  private static final class SuccessProbe {
    final Map<String, Double>[] info;
    int next;

    @SuppressWarnings("unchecked")
    SuccessProbe(int lanes) {
      info = new Map[lanes];
    }

    void record(Step step) {
      if (next < info.length) {
        info[next] = step.info();
      }
      next++;
    }

    TaskDistribution wrap(TaskDistribution d) {
      return new TaskDistribution() {
        @Override
        public Task sample(RandomGenerator rng) {
          Task t = d.sample(rng);
          return new Task() {
            @Override
            public Environment newEnvironment() {
              return new Probed(t.newEnvironment());
            }

            @Override
            public Map<String, Object> parameters() {
              return t.parameters();
            }

            @Override
            public OptionalDouble optimalReturn() {
              return t.optimalReturn();
            }
          };
        }

        @Override
        public EnvironmentSpec spec() {
          return d.spec();
        }

        @Override
        public boolean singleInstance() {
          return d.singleInstance();
        }
      };
    }

    /** An environment whose steps report their success flag to the probe. */
    private final class Probed implements Environment {
      private final Environment env;

      Probed(Environment env) {
        this.env = env;
      }

      @Override
      public String id() {
        return env.id();
      }

      @Override
      public Space observationSpace() {
        return env.observationSpace();
      }

      @Override
      public Space actionSpace() {
        return env.actionSpace();
      }

      @Override
      public float[] reset(long seed) {
        return env.reset(seed);
      }

      @Override
      public Step step(int action) {
        Step s = env.step(action);
        record(s);
        return s;
      }

      @Override
      public Step step(float[] action) {
        Step s = env.step(action);
        record(s);
        return s;
      }

      @Override
      public void close() {
        env.close();
      }
    }
  }
}
