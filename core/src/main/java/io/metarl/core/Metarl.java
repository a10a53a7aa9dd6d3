package io.metarl.core;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.metarl.api.agent.Agent;
import io.metarl.api.train.EpisodeRecord;
import io.metarl.api.train.TrainingListener;
import io.metarl.core.config.ConfigLoader;
import io.metarl.core.plugin.PluginRegistry;
import io.metarl.core.train.Budget;
import io.metarl.core.train.EvaluationResult;
import io.metarl.core.train.Evaluator;
import io.metarl.core.train.Trainer;
import io.metarl.core.train.TrainingJob;
import io.metarl.core.wiring.Run;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * metarl from Java: a run built from HOCON (a string, a file, or settings given one by one) over the
 * plugins on the class path, trained in memory with your listeners, evaluated on the held-out tasks
 * the CLI would use, beside the run's baselines, and saved as a checkpoint. It is the CLI's
 * {@code train} without the run directory (use {@code metarl train} for logs, checkpoints and resume).
 *
 * <pre>{@code
 * try (Metarl rl = Metarl.hocon("metarl { environment { plugin = cartpole }, agent { plugin = a2c } }")
 *     .set("training.env-steps", 50_000).seed(3).build()) {
 *   Metarl.Training t = rl.train(new TrainingListener() {          // optional: onEpisode, onUpdate, onEnd
 *     public void onEpisode(EpisodeRecord e) { returns.add(e.totalReturn()); }
 *   });
 *   EvaluationResult e = rl.evaluate();
 *   System.out.println(t.envSteps() + " env-steps, held-out mean return " + e.meanReturn());
 * }
 * }</pre>
 *
 * <p>Everything is validated before anything is built, with the CLI's messages
 * ({@link io.metarl.core.config.ConfigValidationException} lists every problem). Same seed and
 * configuration, same results (one worker).
 */
public final class Metarl implements AutoCloseable {
  private final Run run;
  private final List<TrainingListener> extensions;

  private Metarl(Run run) {
    this.run = run;
    this.extensions = run.listeners();
  }

  /** A run from a HOCON text holding a {@code metarl { ... }} block. */
  public static Builder hocon(String text) {
    return new Builder(ConfigFactory.parseString(text));
  }

  /** A run from a HOCON file, as {@code metarl train --config FILE}. */
  public static Builder file(Path file) {
    return new Builder(ConfigLoader.parseUser(file, List.of()));
  }

  /** A run from settings only ({@link Builder#set}); {@code environment.plugin} is required. */
  public static Builder settings() {
    return new Builder(ConfigFactory.empty());
  }

  /** Builds a run: settings over the source, validated, then wired. */
  public static final class Builder {
    private Config user;
    private ClassLoader plugins = Metarl.class.getClassLoader();

    private Builder(Config user) {
      this.user = user;
    }

    /**
     * Sets {@code metarl.<key>} (e.g. {@code "training.env-steps"}, {@code "agent.plugin"}) to a number,
     * string, boolean, list or map; wins over the source.
     */
    public Builder set(String key, Object value) {
      user = ConfigFactory.empty().withValue("metarl." + key, ConfigValueFactory.fromAnyRef(value)).withFallback(user);
      return this;
    }

    /** The seed of every random draw of the run. */
    public Builder seed(long seed) {
      return set("seed", seed);
    }

    /** Where plugins are discovered (default: this class's loader, i.e. the class path). */
    public Builder plugins(ClassLoader loader) {
      this.plugins = loader;
      return this;
    }

    /** Validates the configuration and creates the run's plugins (untrained agent, tasks, estimator). */
    public Metarl build() {
      PluginRegistry registry = PluginRegistry.discover(plugins);
      return new Metarl(Run.wire(Run.validate(user, registry), registry));
    }
  }

  /**
   * What a training produced.
   *
   * @param envSteps environment steps taken
   * @param episodes episodes finished
   * @param updates updates made
   * @param seconds wall-clock seconds
   * @param meanReturnLast100 mean return of the last (up to) 100 episodes, NaN when none finished
   */
  public record Training(long envSteps, long episodes, long updates, double seconds, double meanReturnLast100) {}

  /** The wired run: its resolved configuration, settings, agent, task distribution and estimator. */
  public Run run() {
    return run;
  }

  /** The agent (trained in place by {@link #train}). */
  public Agent agent() {
    return run.agent();
  }

  /**
   * Trains the agent in memory to the end of the {@code training} budget, calling {@code listeners}
   * (and the run's own extensions) on every episode and update, from the training threads, and
   * {@code onEnd} once at the end. A second call continues training the same agent with a fresh budget
   * (the run's own extensions, e.g. TensorBoard, have ended with the first and record nothing more).
   */
  public Training train(TrainingListener... listeners) {
    var s = run.settings();
    double[] last = new double[100];
    long[] seen = {0};
    TrainingListener recent = new TrainingListener() {
      @Override
      public synchronized void onEpisode(EpisodeRecord e) {
        last[(int) (seen[0]++ % last.length)] = e.totalReturn();
      }
    };
    List<TrainingListener> all = new ArrayList<>(extensions);
    all.addAll(Arrays.asList(listeners));
    all.add(recent);
    Budget budget = new Budget(s.training());
    var info = TrainingJob.runInfo(run);
    for (TrainingListener l : all) {
      l.onStart(info);
    }
    long start = System.nanoTime();
    try {
      new Trainer(run.agent(), run.tasks(), run.returns(), s.training(), all, s.seed(), budget).run();
    } finally {
      for (TrainingListener l : all) {
        l.onEnd();
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    int n = (int) Math.min(seen[0], last.length);
    double mean = n == 0 ? Double.NaN : Arrays.stream(last, 0, n).average().orElse(Double.NaN);
    return new Training(budget.envSteps(), budget.episodes(), budget.updates(), seconds, mean);
  }

  /** The agent on the run's held-out tasks ({@code inference} settings and seed), weights frozen. */
  public EvaluationResult evaluate() {
    var s = run.settings();
    return Evaluator.evaluate(run.agent(), run.tasks(), s.inference(), s.seed());
  }

  /** The run's {@code inference.baselines} (e.g. gittins, ucb1) on the same held-out tasks. */
  public Map<String, EvaluationResult> baselines() {
    return TrainingJob.baselines(run);
  }

  /** Writes the agent's parameter files into the existing directory {@code dir}. */
  public void save(Path dir) throws IOException {
    run.agent().save(dir);
  }

  /** Releases the agent's threads. */
  @Override
  public void close() {
    run.agent().close();
  }
}
