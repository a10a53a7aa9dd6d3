package io.metarl.core.rollout;

import io.metarl.api.agent.ActionBatch;
import io.metarl.api.agent.PolicyInput;
import io.metarl.api.env.Environment;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.api.env.Step;
import io.metarl.api.task.Task;
import io.metarl.api.task.TaskDistribution;
import java.util.Arrays;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A batch of lanes, each playing trials of sampled tasks: the vectorised environment of one worker.
 *
 * <p>A trial samples a task, makes its environment and plays {@code episodesPerTrial} episodes; the
 * policy input of the lane carries the RL² meta inputs (previous action, reward and done flag, zeroed at
 * a trial's start) and flags {@link PolicyInput#trialStart} at the first step of each trial. Episode
 * ends auto-reset the lane (Gymnasium's same-step autoreset): the observation after the step is
 * already the next episode's first, and the final observation is kept in {@link #finalObservation}.
 *
 * <p>Continuous actions are clipped to the action {@code Box} before they reach the environment (as
 * Stable-Baselines3 does); the rollout keeps the unclipped sample, whose log-probability the learner
 * needs, and the previous-action meta input is the unclipped sample too.
 *
 * <p>Randomness: tasks come from one generator and episode seeds from another, both split from the
 * seed given, so a lane's sequence of tasks and episodes depends only on that seed.
 */
public final class Lanes implements AutoCloseable, io.metarl.api.agent.Resumable {
  private final TaskDistribution distribution;
  private final int lanes;
  private final int episodesPerTrial;
  private final int maxSteps;
  private Rng taskRng;
  private Rng episodeRng;
  private final int obsSize;
  private final boolean discrete;
  private final io.metarl.api.env.Box box;

  private final Environment[] envs;
  private final Task[] tasks;
  private final int[] stepsInEpisode;
  private final double[] runningReturn;
  private final int[] episodeInTrial;
  private final long[] trialCounter;
  // For exact resume: how to rebuild each lane's environment state (task, episode seed, actions since).
  private final long[] taskRngBefore;
  private final long[] episodeSeed;
  private final ActionHistory[] history;

  /** The input of the next step, for every lane. */
  public final PolicyInput input;
  /** Outcome of the last {@link #step}: reward per lane. */
  public final float[] reward;
  /** Outcome of the last step: the environment reported a terminal state. */
  public final boolean[] terminated;
  /** Outcome of the last step: the episode was cut short (environment or {@code max-steps}). */
  public final boolean[] truncated;
  /** Outcome of the last step: the lane's trial ended (and, if auto-trials are on, a new one began). */
  public final boolean[] trialOver;
  /** Outcome of the last step: the final observation of an episode that ended. */
  public final float[][] finalObservation;
  /** Outcome of the last step: return of the episode that ended. */
  public final double[] endedReturn;
  /** Outcome of the last step: length of the episode that ended. */
  public final int[] endedLength;
  /** Outcome of the last step: index within its trial of the episode that ended. */
  public final int[] endedEpisodeInTrial;
  /** Outcome of the last step: trial number (per lane) of the episode that ended. */
  public final long[] endedTrial;
  /** Outcome of the last step: the episode was abandoned because its environment failed (skip policy). */
  public final boolean[] skipped;
  private boolean skipFailures;
  private long skippedEpisodes;
  private java.util.function.Consumer<String> warnings = m -> { };

  /**
   * @param distribution tasks to sample
   * @param spec the spaces of the distribution
   * @param lanes number of lanes
   * @param episodesPerTrial episodes per trial
   * @param maxSteps step limit per episode on top of the environment's own, 0 for none
   * @param seed seeds the task and episode generators
   */
  public Lanes(TaskDistribution distribution, EnvironmentSpec spec, int lanes, int episodesPerTrial, int maxSteps, long seed) {
    this.distribution = distribution;
    this.lanes = lanes;
    this.episodesPerTrial = episodesPerTrial;
    this.maxSteps = maxSteps;
    Rng root = new Rng(seed);
    this.taskRng = root.split();
    this.episodeRng = root.split();
    this.obsSize = spec.observationSpace().flatSize();
    this.discrete = spec.actionSpace() instanceof io.metarl.api.env.Discrete;
    this.box = spec.actionSpace() instanceof io.metarl.api.env.Box b ? b : null;
    this.envs = new Environment[lanes];
    this.tasks = new Task[lanes];
    this.stepsInEpisode = new int[lanes];
    this.runningReturn = new double[lanes];
    this.episodeInTrial = new int[lanes];
    this.trialCounter = new long[lanes];
    this.input = new PolicyInput(spec.observationSpace(), spec.actionSpace(), lanes);
    this.reward = new float[lanes];
    this.terminated = new boolean[lanes];
    this.truncated = new boolean[lanes];
    this.trialOver = new boolean[lanes];
    this.finalObservation = new float[lanes][];
    this.endedReturn = new double[lanes];
    this.endedLength = new int[lanes];
    this.endedEpisodeInTrial = new int[lanes];
    this.endedTrial = new long[lanes];
    this.skipped = new boolean[lanes];
    Arrays.fill(trialCounter, -1);
    this.taskRngBefore = new long[lanes];
    this.episodeSeed = new long[lanes];
    this.history = new ActionHistory[lanes];
    for (int l = 0; l < lanes; l++) {
      history[l] = new ActionHistory(discrete ? 1 : spec.actionSpace().flatSize());
    }
  }

  /**
   * What to do when an environment throws or returns a non-finite observation or reward: fail the run
   * (default) or skip the episode — the step is recorded as terminal with reward 0, the episode is not
   * reported, the lane starts a new one, and {@code warnings} receives the failure.
   */
  public void skipFailedEpisodes(boolean skip, java.util.function.Consumer<String> warnings) {
    this.skipFailures = skip;
    this.warnings = warnings;
  }

  /** Episodes abandoned because their environment failed. */
  public long skippedEpisodes() {
    return skippedEpisodes;
  }

  /** Number of lanes. */
  public int lanes() {
    return lanes;
  }

  /** Starts a new trial on every lane. */
  public void startAll() {
    for (int l = 0; l < lanes; l++) {
      startTrial(l);
    }
  }

  /** Samples a new task for {@code lane} and starts its first episode. */
  public void startTrial(int lane) {
    if (envs[lane] != null) {
      envs[lane].close();
    }
    taskRngBefore[lane] = taskRng.state();
    tasks[lane] = distribution.sample(taskRng);
    envs[lane] = tasks[lane].newEnvironment();
    trialCounter[lane]++;
    episodeInTrial[lane] = 0;
    input.trialStart[lane] = true;
    input.previousDone[lane] = false;
    input.previousRewards[lane] = 0f;
    zeroPreviousAction(lane);
    resetEpisode(lane);
  }

  /** The task lane {@code lane} is playing. */
  public Task task(int lane) {
    return tasks[lane];
  }

  /** The trial number (0-based, per lane) lane {@code lane} is playing. */
  public long trial(int lane) {
    return trialCounter[lane];
  }

  /**
   * Steps every lane with its action and updates {@link #input} for the next step.
   *
   * @param actions one action per lane
   * @param autoTrials whether a finished trial immediately starts the next one (training); when
   *     false the lane goes on with another episode of the same task (evaluation ignores it)
   */
  public void step(ActionBatch actions, boolean autoTrials) {
    for (int l = 0; l < lanes; l++) {
      Environment env = envs[l];
      Step s;
      float[] continuous = null;
      skipped[l] = false;
      try {
        if (discrete) {
          history[l].add(actions.discrete[l]);
          s = env.step(actions.discrete[l]);
        } else {
          continuous = Arrays.copyOfRange(actions.continuous, l * actions.width, (l + 1) * actions.width);
          float[] clipped = clip(continuous);
          history[l].add(clipped);
          s = env.step(clipped);
        }
        check(l, s);
      } catch (RuntimeException e) {
        EnvironmentFailure failure = e instanceof EnvironmentFailure f ? f
            : new EnvironmentFailure(env.id(), tasks[l], stepsInEpisode[l], "threw " + e, e);
        if (!skipFailures) {
          throw failure;
        }
        warnings.accept("skipping an episode: " + failure.getMessage());
        skippedEpisodes++;
        s = new Step(new float[obsSize], 0.0, true, false);
        skipped[l] = true;
      }
      float[] obs = s.observation();
      stepsInEpisode[l]++;
      runningReturn[l] += s.reward();
      reward[l] = (float) s.reward();
      terminated[l] = s.terminated();
      truncated[l] = !s.terminated() && (s.truncated() || (maxSteps > 0 && stepsInEpisode[l] >= maxSteps));
      boolean done = terminated[l] || truncated[l];
      trialOver[l] = false;
      input.trialStart[l] = false;
      input.previousDone[l] = done;
      input.previousRewards[l] = reward[l];
      if (discrete) {
        input.previousActions.discrete[l] = actions.discrete[l];
      } else {
        System.arraycopy(continuous, 0, input.previousActions.continuous, l * actions.width, actions.width);
      }
      if (!done) {
        System.arraycopy(obs, 0, input.observations, l * obsSize, obsSize);
        finalObservation[l] = null;
        continue;
      }
      finalObservation[l] = obs;
      endedReturn[l] = runningReturn[l];
      endedLength[l] = stepsInEpisode[l];
      endedEpisodeInTrial[l] = episodeInTrial[l];
      endedTrial[l] = trialCounter[l];
      episodeInTrial[l]++;
      if (episodeInTrial[l] >= episodesPerTrial) {
        trialOver[l] = true;
        if (autoTrials) {
          startTrial(l);
          continue;
        }
      }
      resetEpisode(l);
    }
  }

  private void check(int l, Step s) {
    if (!Double.isFinite(s.reward())) {
      throw new EnvironmentFailure(envs[l].id(), tasks[l], stepsInEpisode[l], "returned a non-finite reward " + s.reward(), null);
    }
    float[] obs = s.observation();
    if (obs.length != obsSize) {
      throw new EnvironmentFailure(envs[l].id(), tasks[l], stepsInEpisode[l],
          "returned an observation of " + obs.length + " values, its space has " + obsSize, null);
    }
    for (float v : obs) {
      if (!Float.isFinite(v)) {
        throw new EnvironmentFailure(envs[l].id(), tasks[l], stepsInEpisode[l],
            "returned a non-finite observation " + Arrays.toString(obs), null);
      }
    }
  }

  private float[] clip(float[] action) {
    float[] clipped = action.clone();
    for (int i = 0; i < clipped.length; i++) {
      clipped[i] = Math.max(box.low(i), Math.min(box.high(i), clipped[i]));
    }
    return clipped;
  }

  private void resetEpisode(int lane) {
    episodeSeed[lane] = episodeRng.nextLong();
    history[lane].clear();
    float[] obs = envs[lane].reset(episodeSeed[lane]);
    if (obs.length != obsSize) {
      throw new EnvironmentFailure(envs[lane].id(), tasks[lane], 0,
          "reset returned an observation of " + obs.length + " values, its space has " + obsSize, null);
    }
    System.arraycopy(obs, 0, input.observations, lane * obsSize, obsSize);
    stepsInEpisode[lane] = 0;
    runningReturn[lane] = 0;
  }

  private void zeroPreviousAction(int lane) {
    if (discrete) {
      input.previousActions.discrete[lane] = 0;
    } else {
      Arrays.fill(input.previousActions.continuous, lane * input.previousActions.width,
          (lane + 1) * input.previousActions.width, 0f);
    }
  }

  /**
   * Writes what is needed to continue exactly from here: the generators, and per lane the task (as the
   * generator state it was drawn from), the episode's seed and the actions taken since, the counters
   * and the policy input. Environments are rebuilt on {@link #readState} by replaying the actions.
   */
  @Override
  public void writeState(DataOutputStream out) throws IOException {
    out.writeInt(lanes);
    out.writeLong(taskRng.state());
    out.writeLong(episodeRng.state());
    for (int l = 0; l < lanes; l++) {
      out.writeLong(taskRngBefore[l]);
      out.writeLong(episodeSeed[l]);
      out.writeInt(stepsInEpisode[l]);
      out.writeDouble(runningReturn[l]);
      out.writeInt(episodeInTrial[l]);
      out.writeLong(trialCounter[l]);
      history[l].write(out);
    }
    writeFloats(out, input.observations);
    out.writeInt(input.previousActions.discrete.length);
    for (int a : input.previousActions.discrete) {
      out.writeInt(a);
    }
    writeFloats(out, input.previousActions.continuous);
    writeFloats(out, input.previousRewards);
    for (int l = 0; l < lanes; l++) {
      out.writeBoolean(input.previousDone[l]);
      out.writeBoolean(input.trialStart[l]);
    }
  }

  /**
   * Restores {@link #writeState}: re-samples each lane's task from the recorded generator state,
   * resets its environment with the recorded seed and replays the recorded actions.
   *
   * @throws IOException when the state does not fit these lanes, or an environment does not come back to
   *     the recorded observation (it is not deterministic given its seed and actions)
   */
  @Override
  public void readState(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n != lanes) {
      throw new IOException("saved state has " + n + " lanes, this run has " + lanes);
    }
    taskRng = Rng.restore(in.readLong());
    episodeRng = Rng.restore(in.readLong());
    for (int l = 0; l < lanes; l++) {
      taskRngBefore[l] = in.readLong();
      episodeSeed[l] = in.readLong();
      stepsInEpisode[l] = in.readInt();
      runningReturn[l] = in.readDouble();
      episodeInTrial[l] = in.readInt();
      trialCounter[l] = in.readLong();
      history[l].read(in);
    }
    readFloats(in, input.observations);
    int d = in.readInt();
    if (d != input.previousActions.discrete.length) {
      throw new IOException("saved state has " + d + " discrete actions, expected " + input.previousActions.discrete.length);
    }
    for (int i = 0; i < d; i++) {
      input.previousActions.discrete[i] = in.readInt();
    }
    readFloats(in, input.previousActions.continuous);
    readFloats(in, input.previousRewards);
    for (int l = 0; l < lanes; l++) {
      input.previousDone[l] = in.readBoolean();
      input.trialStart[l] = in.readBoolean();
    }
    for (int l = 0; l < lanes; l++) {
      if (envs[l] != null) {
        envs[l].close();
      }
      tasks[l] = distribution.sample(Rng.restore(taskRngBefore[l]));
      envs[l] = tasks[l].newEnvironment();
      float[] obs = envs[l].reset(episodeSeed[l]);
      for (int k = 0; k < history[l].size(); k++) {
        Step st = discrete ? envs[l].step(history[l].discrete(k)) : envs[l].step(history[l].continuous(k));
        obs = st.observation();
      }
      for (int i = 0; i < obsSize; i++) {
        if (Float.compare(obs[i], input.observations[l * obsSize + i]) != 0) {
          throw new IOException("environment " + envs[l].id() + " did not come back to the saved state of lane " + l
              + " after replaying " + history[l].size() + " actions: it is not deterministic given its seed and actions");
        }
      }
    }
  }

  private static void writeFloats(DataOutputStream out, float[] a) throws IOException {
    out.writeInt(a.length);
    for (float v : a) {
      out.writeFloat(v);
    }
  }

  private static void readFloats(DataInputStream in, float[] a) throws IOException {
    int n = in.readInt();
    if (n != a.length) {
      throw new IOException("saved state has " + n + " values where " + a.length + " were expected");
    }
    for (int i = 0; i < n; i++) {
      a[i] = in.readFloat();
    }
  }

  /** Copies every buffer of {@code from} into {@code to} (same sizes). */
  public static void copy(PolicyInput from, PolicyInput to) {
    System.arraycopy(from.observations, 0, to.observations, 0, from.observations.length);
    System.arraycopy(from.previousActions.discrete, 0, to.previousActions.discrete, 0, from.previousActions.discrete.length);
    System.arraycopy(from.previousActions.continuous, 0, to.previousActions.continuous, 0, from.previousActions.continuous.length);
    System.arraycopy(from.previousRewards, 0, to.previousRewards, 0, from.previousRewards.length);
    System.arraycopy(from.previousDone, 0, to.previousDone, 0, from.previousDone.length);
    System.arraycopy(from.trialStart, 0, to.trialStart, 0, from.trialStart.length);
  }

  @Override
  public void close() {
    for (Environment e : envs) {
      if (e != null) {
        e.close();
      }
    }
  }
}
