package io.metarl.core.train;

import io.metarl.api.agent.Agent;
import io.metarl.api.agent.Learner;
import io.metarl.api.agent.Mode;
import io.metarl.api.agent.PolicyInput;
import io.metarl.api.agent.PolicyOutput;
import io.metarl.api.agent.ReturnSpan;
import io.metarl.api.agent.RolloutBatch;
import io.metarl.api.agent.UpdateResult;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.api.returns.ReturnEstimator;
import io.metarl.api.task.TaskDistribution;
import io.metarl.api.train.EpisodeRecord;
import io.metarl.api.train.TrainingListener;
import io.metarl.api.train.UpdateContext;
import io.metarl.api.train.UpdateHook;
import io.metarl.api.train.UpdateRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import io.metarl.core.config.TrainingSettings;
import io.metarl.core.rollout.Lanes;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The training loop shared by every agent: each of the agent's workers steps its lanes together,
 * collects a rollout of {@code rollout-length} steps, lets the configured {@link ReturnEstimator} fill
 * in returns and advantages, and hands the batch to its {@link Learner}. One network call per time
 * step for all lanes (DESIGN.md section 5).
 *
 * <p>Boundaries: the agent's {@link ReturnSpan} says where its returns stop: at every episode end
 * (terminated, or truncated and bootstrapped with the final observation's value) or only at a trial's
 * end, which is then terminal.
 *
 * <p>With one worker the run is deterministic for a given seed.
 */
public final class Trainer {
  private final Agent agent;
  private final TaskDistribution tasks;
  private final ReturnEstimator estimator;
  private final TrainingSettings settings;
  private final List<TrainingListener> listeners;
  private final List<UpdateHook> hooks;
  private final long seed;
  private final Budget budget;

  /**
   * @param agent the agent to train
   * @param tasks the task distribution
   * @param estimator the return estimator
   * @param settings the training block
   * @param listeners observers of episodes and updates
   * @param seed the run's seed
   * @param budget the budget to spend (shared with progress reporting)
   */
  public Trainer(Agent agent, TaskDistribution tasks, ReturnEstimator estimator, TrainingSettings settings,
      List<TrainingListener> listeners, long seed, Budget budget) {
    this.agent = agent;
    this.tasks = tasks;
    this.estimator = estimator;
    this.settings = settings;
    this.listeners = List.copyOf(listeners);
    this.hooks = listeners.stream().filter(l -> l instanceof UpdateHook).map(l -> (UpdateHook) l).toList();
    this.seed = seed;
    this.budget = budget;
  }

  /** Saves a resumable checkpoint after an update (called on worker 0's thread). */
  @FunctionalInterface
  public interface CheckpointSink {
    /** Offered after each update of worker 0; saves the run as it stands when it is time to. */
    void save(long update, Lanes lanes, Learner learner) throws java.io.IOException;
  }

  private CheckpointSink sink;
  private byte[] resumeLanes;
  private byte[] resumeLearner;

  /** Offers every update of worker 0 to {@code sink}, which decides whether to save. */
  public Trainer checkpoints(CheckpointSink sink) {
    this.sink = sink;
    return this;
  }

  /**
   * Continues from a checkpoint: worker 0's lanes and learner start from the saved states (the budget
   * must have been restored by the caller). Other workers (A3C) start fresh lanes.
   */
  public Trainer resumeFrom(byte[] lanesState, byte[] learnerState) {
    this.resumeLanes = lanesState;
    this.resumeLearner = learnerState;
    return this;
  }

  /** The shared budget (read it for progress). */
  public Budget budget() {
    return budget;
  }

  /** Runs the training to the end of the budget. */
  public void run() {
    int workers = agent.workers();
    SplittableRandom root = new SplittableRandom(seed);
    long[] seeds = new long[workers];
    for (int w = 0; w < workers; w++) {
      seeds[w] = root.split().nextLong();
    }
    if (workers == 1) {
      worker(0, seeds[0]);
      return;
    }
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      int id = w;
      Thread t = new Thread(() -> {
        try {
          worker(id, seeds[id]);
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
          budget.stop();
        }
      }, "metarl-worker-" + w);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        budget.stop();
        Thread.currentThread().interrupt();
      }
    }
    Throwable f = failure.get();
    if (f instanceof RuntimeException re) {
      throw re;
    } else if (f instanceof Error err) {
      throw err;
    } else if (f != null) {
      throw new IllegalStateException(f);
    }
  }

  private void worker(int worker, long workerSeed) {
    SplittableRandom rng = new SplittableRandom(workerSeed);
    EnvironmentSpec spec = tasks.spec();
    int lanesCount = settings.lanes();
    int steps = settings.rolloutLength();
    ReturnSpan span = agent.returnSpan();
    Learner learner = agent.learner(worker, lanesCount, rng.nextLong());
    RolloutBatch batch = new RolloutBatch(spec.observationSpace(), spec.actionSpace(), steps, lanesCount);
    PolicyOutput out = new PolicyOutput(spec.actionSpace(), lanesCount);
    PolicyInput scratch = new PolicyInput(spec.observationSpace(), spec.actionSpace(), lanesCount);
    float[] scratchValues = new float[lanesCount];
    int obsSize = spec.observationSpace().flatSize();
    Context context = new Context(worker, batch, learner, estimator);
    try (Lanes lanes = new Lanes(tasks, spec, lanesCount, settings.episodesPerTrial(), settings.maxSteps(), rng.nextLong())) {
      lanes.skipFailedEpisodes(settings.skipFailedEpisodes(), m -> System.err.println("warning: worker " + worker + ": " + m));
      if (worker == 0 && resumeLanes != null) {
        restore(lanes, learner);
      } else {
        lanes.startAll();
      }
      while (!budget.exhausted()) {
        for (int t = 0; t < steps; t++) {
          PolicyInput in = batch.inputs[t];
          Lanes.copy(lanes.input, in);
          learner.act(in, Mode.EXPLORE, out);
          System.arraycopy(out.values, 0, batch.values, t * lanesCount, lanesCount);
          copyActions(out, batch, t);
          lanes.step(out.actions, true);
          boolean anyTruncated = false;
          int ended = 0;
          for (int l = 0; l < lanesCount; l++) {
            int i = batch.index(t, l);
            batch.rewards[i] = lanes.reward[l];
            batch.terminated[i] = span.terminated(lanes.terminated[l], lanes.trialOver[l]);
            batch.truncated[i] = span.truncated(lanes.truncated[l]);
            anyTruncated |= batch.truncated[i];
            if (lanes.finalObservation[l] != null) {
              ended++;
            }
          }
          if (anyTruncated) {
            Lanes.copy(in, scratch);
            for (int l = 0; l < lanesCount; l++) {
              if (lanes.truncated[l]) {
                System.arraycopy(lanes.finalObservation[l], 0, scratch.observations, l * obsSize, obsSize);
              }
            }
            learner.values(scratch, scratchValues);
            for (int l = 0; l < lanesCount; l++) {
              batch.truncationValues[batch.index(t, l)] = lanes.truncated[l] ? scratchValues[l] : 0f;
            }
          }
          long envSteps = budget.addEnvSteps(lanesCount);
          if (ended > 0) {
            budget.addEpisodes(ended);
            for (int l = 0; l < lanesCount; l++) {
              if (lanes.finalObservation[l] != null && !lanes.skipped[l]) {
                EpisodeRecord r = new EpisodeRecord(worker, l, lanes.endedTrial[l], lanes.endedEpisodeInTrial[l],
                    lanes.endedReturn[l], lanes.endedLength[l], envSteps);
                for (TrainingListener listener : listeners) {
                  listener.onEpisode(r);
                }
              }
            }
          }
        }
        learner.values(lanes.input, batch.lastValues);
        learner.beforeReturns(batch);
        context.estimator.estimate(batch);
        context.extra.clear();
        for (UpdateHook hook : hooks) {
          hook.beforeUpdate(context);
        }
        UpdateResult result;
        agent.trainingProgress(budget.fraction());
        try {
          result = learner.learn(batch);
        } catch (RuntimeException e) {
          throw new TrainingFailure("update " + (budget.updates() + 1) + " (worker " + worker + ", after "
              + budget.envSteps() + " env-steps) failed: " + e.getMessage()
              + "; the last checkpoint written before it is intact", e);
        }
        for (UpdateHook hook : hooks) {
          hook.afterUpdate(context);
        }
        Map<String, Double> metrics = result.metrics();
        if (!context.extra.isEmpty()) {
          metrics = new LinkedHashMap<>(metrics);
          metrics.putAll(context.extra);
        }
        UpdateRecord record = new UpdateRecord(budget.nextUpdate(), worker, budget.envSteps(), metrics);
        for (TrainingListener listener : listeners) {
          listener.onUpdate(record);
        }
        if (sink != null && worker == 0) {
          try {
            sink.save(record.update(), lanes, learner);
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write the checkpoint after update " + record.update(), e);
          }
        }
      }
    }
  }

  private void restore(Lanes lanes, Learner learner) {
    try {
      lanes.readState(new java.io.DataInputStream(new java.io.ByteArrayInputStream(resumeLanes)));
      if (resumeLearner.length > 0) {
        if (!(learner instanceof io.metarl.api.agent.Resumable r)) {
          throw new java.io.IOException("the learner of this agent cannot restore its state");
        }
        r.readState(new java.io.DataInputStream(new java.io.ByteArrayInputStream(resumeLearner)));
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot resume: " + e.getMessage(), e);
    }
  }

  /** The per-worker {@link UpdateContext}: the estimator in use may be replaced by a hook. */
  private final class Context implements UpdateContext {
    private final int worker;
    private final RolloutBatch batch;
    private final Learner learner;
    private ReturnEstimator estimator;
    private final Map<String, Double> extra = new LinkedHashMap<>();

    Context(int worker, RolloutBatch batch, Learner learner, ReturnEstimator estimator) {
      this.worker = worker;
      this.batch = batch;
      this.learner = learner;
      this.estimator = estimator;
    }

    @Override
    public int worker() {
      return worker;
    }

    @Override
    public long envSteps() {
      return budget.envSteps();
    }

    @Override
    public RolloutBatch batch() {
      return batch;
    }

    @Override
    public Learner learner() {
      return learner;
    }

    @Override
    public ReturnEstimator returnEstimator() {
      return estimator;
    }

    @Override
    public void useReturnEstimator(ReturnEstimator replacement) {
      this.estimator = replacement;
      replacement.estimate(batch);
    }

    @Override
    public void metric(String name, double value) {
      extra.put(name, value);
    }
  }

  private static void copyActions(PolicyOutput out, RolloutBatch batch, int t) {
    var a = out.actions;
    var b = batch.actions[t];
    System.arraycopy(a.discrete, 0, b.discrete, 0, a.discrete.length);
    System.arraycopy(a.continuous, 0, b.continuous, 0, a.continuous.length);
  }
}
