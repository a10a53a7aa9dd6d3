package io.metarl.benchmarks;

import io.metarl.api.agent.ActionBatch;
import io.metarl.api.agent.Agent;
import io.metarl.api.agent.Learner;
import io.metarl.api.agent.Mode;
import io.metarl.api.agent.Policy;
import io.metarl.api.agent.PolicyInput;
import io.metarl.api.agent.PolicyOutput;
import io.metarl.api.agent.RolloutBatch;
import io.metarl.api.env.Discrete;
import io.metarl.api.env.Environment;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.api.env.Step;
import io.metarl.api.task.Task;
import io.metarl.api.task.TaskDistribution;
import io.metarl.core.config.TrainingSettings;
import io.metarl.core.plugin.PluginRegistry;
import io.metarl.core.rollout.Lanes;
import io.metarl.core.train.Budget;
import io.metarl.core.train.Trainer;
import io.metarl.core.wiring.Run;
import io.metarl.envs.bandit.BanditTask;
import io.metarl.envs.gym.classic.CartPole;
import io.metarl.envs.gym.lunar.LunarLander;
import io.metarl.envs.gym.lunar.LunarLanderConfig;
import io.metarl.extensions.epg.EpgRun;
import io.metarl.extensions.epg.InnerSettings;
import io.metarl.extensions.epg.Lifetime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The workloads measured by {@link ThroughputSuite} and the JMH benchmarks, each as a {@link Bench.Chunk}
 * whose units are the figure's unit (steps, lane-steps, samples). Everything is seeded; nothing here
 * reads global random state.
 */
public final class Workloads {
  /** Precomputed random actions (so that the generator does not weigh on the environment figures). */
  private static final int ACTION_TABLE = 1 << 12;

  private Workloads() {}

  // ------------------------------------------------------------------ environments

  /** An environment under test: its task (for {@link Lanes}) and its number of discrete actions. */
  public record EnvCase(String name, Task task, int actions) {
    /** A distribution of this one task. */
    public TaskDistribution distribution() {
      return TaskDistribution.fixed(task);
    }
  }

  /** A 2-armed dependent bandit task (p = 0.25 / 0.75, 100 pulls), the RL² benchmark's environment. */
  public static EnvCase bandit() {
    return new EnvCase("bandit", new BanditTask(new double[] {0.25, 0.75}, 100), 2);
  }

  /** Gymnasium's {@code CartPole-v1} port. */
  public static EnvCase cartPole() {
    return new EnvCase("cartpole", CartPole::new, 2);
  }

  /** Gymnasium's {@code LunarLander-v3} port (discrete, no wind; JBox2D). */
  public static EnvCase lunarLander() {
    return new EnvCase("lunarlander", () -> new LunarLander(LunarLanderConfig.defaults(false)), 4);
  }

  private static int[] actionTable(int actions, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int[] table = new int[ACTION_TABLE];
    for (int i = 0; i < table.length; i++) {
      table[i] = rng.nextInt(actions);
    }
    return table;
  }

  /**
   * Steps one environment directly ({@code step} in a loop, {@code reset} at every episode end),
   * {@code chunk} steps per call; units: steps.
   */
  public static Bench.Chunk directStepping(EnvCase env, int chunk) {
    Environment e = env.task().newEnvironment();
    int[] actions = actionTable(env.actions(), 11);
    long[] seed = {1};
    e.reset(seed[0]++);
    int[] cursor = {0};
    double[] sink = {0};
    return () -> {
      double total = 0;
      int c = cursor[0];
      for (int i = 0; i < chunk; i++) {
        Step s = e.step(actions[c]);
        c = (c + 1) & (ACTION_TABLE - 1);
        total += s.reward();
        if (s.terminated() || s.truncated()) {
          e.reset(seed[0]++);
        }
      }
      cursor[0] = c;
      sink[0] += total;
      return chunk;
    };
  }

  /**
   * Steps the same environment through core's vectorised {@link Lanes} (what the trainer uses:
   * validation of every observation, meta inputs, episode bookkeeping, autoreset), {@code lanes}
   * lanes, one task played for many episodes; {@code rounds} lane-steps per lane per call; units:
   * steps.
   */
  public static Bench.Chunk lanesStepping(EnvCase env, int lanes, int rounds) {
    TaskDistribution d = env.distribution();
    EnvironmentSpec spec = d.spec();
    Lanes l = new Lanes(d, spec, lanes, Integer.MAX_VALUE, 0, 5);
    l.startAll();
    ActionBatch batch = new ActionBatch(spec.actionSpace(), lanes);
    int[] actions = actionTable(env.actions(), 11);
    int[] cursor = {0};
    return () -> {
      int c = cursor[0];
      for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < lanes; i++) {
          batch.discrete[i] = actions[c];
          c = (c + 1) & (ACTION_TABLE - 1);
        }
        l.step(batch, true);
      }
      cursor[0] = c;
      return (long) rounds * lanes;
    };
  }

  // ------------------------------------------------------------------ agents

  /** A wired run of {@code agent} on {@code environment} with extra {@code key=value} overrides. */
  public static Run run(String agent, String environment, String... overrides) {
    List<String> o = new ArrayList<>();
    o.add("metarl.agent.plugin=" + agent);
    o.add("metarl.environment.plugin=" + environment);
    o.add("metarl.training.progress-interval=0");
    o.addAll(List.of(overrides));
    ClassLoader loader = Workloads.class.getClassLoader();
    return Run.load(null, o, PluginRegistry.discover(loader));
  }

  /** The A2C agent (MLP torsos 64-64, one per head) on {@code CartPole-v1}. */
  public static Run a2cCartPole() {
    return run("a2c", "cartpole");
  }

  /**
   * The {@code tensorboard} listener of {@code run}, writing into a temporary directory (deleted at
   * exit), built through the plugin registry as a run would build it.
   */
  public static io.metarl.listeners.tensorboard.TensorBoardListener tensorboard(Run run) {
    try {
      java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("metarl-bench-tb");
      dir.toFile().deleteOnExit();
      var ctx = new io.metarl.core.wiring.RunContext(1, run.config(), run.registry());
      var section = ctx.pluginSection("tensorboard",
          com.typesafe.config.ConfigFactory.parseMap(java.util.Map.of("logdir", dir.toString())));
      return (io.metarl.listeners.tensorboard.TensorBoardListener)
          run.registry().provider(io.metarl.api.plugin.ExtensionProvider.class, "tensorboard").create(section, ctx);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * PPO (MLP torsos 64-64, one per head) on {@code CartPole-v1} with the PyTorch reference's update:
   * 10 epochs of 4 minibatches per rollout (of 8 lanes x 256 steps in {@link ThroughputSuite}).
   */
  public static Run ppoCartPole() {
    return run("ppo", "cartpole", "metarl.agent.epochs=10", "metarl.agent.minibatches=4",
        "metarl.agent.entropy-coefficient=0.01");
  }

  /** The RL² agent (LSTM 48 over obs, one-hot previous action, reward, done) on the dependent bandit. */
  public static Run rl2Bandit() {
    return run("rl2", "bandit-dependent", "metarl.agent.memory.units=48");
  }

  /** A policy input of random observations and meta inputs (no lane starts a trial). */
  public static PolicyInput randomInput(EnvironmentSpec spec, int lanes, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    PolicyInput in = new PolicyInput(spec.observationSpace(), spec.actionSpace(), lanes);
    for (int i = 0; i < in.observations.length; i++) {
      in.observations[i] = (float) rng.nextDouble(-1, 1);
    }
    int actions = spec.actionSpace() instanceof Discrete d ? d.n() : 1;
    for (int l = 0; l < lanes; l++) {
      if (in.previousActions.discrete.length > 0) {
        in.previousActions.discrete[l] = rng.nextInt(actions);
      }
      in.previousRewards[l] = rng.nextInt(2);
    }
    return in;
  }

  /** Our batched inference: {@code Policy.act} for all lanes, {@code calls} calls per chunk; units: lane-steps. */
  public static Bench.Chunk ourPolicy(Agent agent, int lanes, int calls) {
    EnvironmentSpec spec = agent.spec();
    Policy policy = agent.policy(lanes, 3);
    PolicyInput in = randomInput(spec, lanes, 4);
    PolicyOutput out = new PolicyOutput(spec.actionSpace(), lanes);
    return () -> {
      for (int i = 0; i < calls; i++) {
        policy.act(in, Mode.EXPLORE, out);
      }
      return (long) calls * lanes;
    };
  }

  /**
   * DL4J inference of the MLP twin for {@code lanes} lanes in one call: the features go into an
   * INDArray, {@code ComputationGraph.output} runs both heads, the outputs come back as Java arrays;
   * units: lane-steps.
   */
  public static Bench.Chunk dl4jMlpPolicy(ComputationGraph graph, int obsSize, int lanes, int calls) {
    float[] obs = randomFloats(lanes * obsSize, 6);
    float[][][] sink = new float[2][][];
    return () -> {
      for (int i = 0; i < calls; i++) {
        INDArray x = Nd4j.createFromArray(obs).reshape(lanes, obsSize);
        INDArray[] out = graph.output(false, x);
        sink[0] = out[0].toFloatMatrix();
        sink[1] = out[1].toFloatMatrix();
      }
      return (long) calls * lanes;
    };
  }

  /**
   * DL4J inference of the LSTM twin for {@code lanes} lanes in one {@code rnnTimeStep} call (the
   * network keeps the state of the batch); units: lane-steps.
   */
  public static Bench.Chunk dl4jLstmPolicy(MultiLayerNetwork net, int inputSize, int lanes, int calls) {
    float[] in = randomFloats(lanes * inputSize, 7);
    float[][][] sink = new float[1][][];
    net.rnnClearPreviousState();
    return () -> {
      for (int i = 0; i < calls; i++) {
        INDArray x = Nd4j.createFromArray(in).reshape(lanes, inputSize);
        sink[0] = net.rnnTimeStep(x).toFloatMatrix();
      }
      return (long) calls * lanes;
    };
  }

  // ------------------------------------------------------------------ learners

  /** A rollout of random observations, meta inputs, actions, advantages and returns. */
  public static RolloutBatch randomRollout(EnvironmentSpec spec, int steps, int lanes, long seed) {
    RolloutBatch b = new RolloutBatch(spec.observationSpace(), spec.actionSpace(), steps, lanes);
    SplittableRandom rng = new SplittableRandom(seed);
    int actions = ((Discrete) spec.actionSpace()).n();
    for (int t = 0; t < steps; t++) {
      PolicyInput r = randomInput(spec, lanes, rng.nextLong());
      Lanes.copy(r, b.inputs[t]);
      if (t == 0) {
        java.util.Arrays.fill(b.inputs[t].trialStart, true);
      }
      for (int l = 0; l < lanes; l++) {
        b.actions[t].discrete[l] = rng.nextInt(actions);
      }
    }
    for (int i = 0; i < steps * lanes; i++) {
      b.rewards[i] = rng.nextInt(2);
      b.values[i] = (float) rng.nextDouble(-1, 1);
      b.advantages[i] = (float) rng.nextDouble(-1, 1);
      b.returns[i] = (float) rng.nextDouble(-1, 1);
    }
    return b;
  }

  /** Our learner: one {@code learn} (forward, loss, backward through time, RMSProp) per call; units: samples. */
  public static Bench.Chunk ourLearner(Agent agent, int steps, int lanes) {
    Learner learner = agent.learner(0, lanes, 9);
    RolloutBatch batch = randomRollout(agent.spec(), steps, lanes, 10);
    return () -> {
      learner.learn(batch);
      return (long) steps * lanes;
    };
  }

  /** DL4J {@code ComputationGraph.fit} of the MLP twin on {@code samples} samples; units: samples. */
  public static Bench.Chunk dl4jMlpFit(ComputationGraph graph, int obsSize, int actions, int samples) {
    SplittableRandom rng = new SplittableRandom(12);
    float[] labels = new float[samples * actions];
    for (int s = 0; s < samples; s++) {
      labels[s * actions + rng.nextInt(actions)] = 1f;
    }
    MultiDataSet data = new MultiDataSet(
        new INDArray[] {Nd4j.createFromArray(randomFloats(samples * obsSize, 13)).reshape(samples, obsSize)},
        new INDArray[] {Nd4j.createFromArray(labels).reshape(samples, actions),
            Nd4j.createFromArray(randomFloats(samples, 14)).reshape(samples, 1)});
    return () -> {
      graph.fit(data);
      return samples;
    };
  }

  /**
   * DL4J {@code MultiLayerNetwork.fit} of the LSTM twin on {@code lanes} sequences of {@code steps}
   * (full backpropagation through time); units: samples.
   */
  public static Bench.Chunk dl4jLstmFit(MultiLayerNetwork net, int inputSize, int outputs, int steps, int lanes) {
    DataSet data = new DataSet(
        Nd4j.createFromArray(randomFloats(lanes * inputSize * steps, 15)).reshape(lanes, inputSize, steps),
        Nd4j.createFromArray(randomFloats(lanes * outputs * steps, 16)).reshape(lanes, outputs, steps));
    return () -> {
      net.rnnClearPreviousState();
      net.fit(data);
      return (long) steps * lanes;
    };
  }

  // ------------------------------------------------------------------ end to end

  /**
   * Core's {@link Trainer} on the run's agent, tasks and returns with the given lanes and rollout
   * length; each call trains for at least {@code chunkSteps} environment steps; units: env-steps.
   */
  public static Bench.Chunk training(Run run, int lanes, int rolloutLength, int episodesPerTrial, long chunkSteps) {
    return training(run, lanes, rolloutLength, episodesPerTrial, chunkSteps, List.of());
  }

  /** {@link #training(Run, int, int, int, long)} with listeners (e.g. the TensorBoard writer). */
  public static Bench.Chunk training(Run run, int lanes, int rolloutLength, int episodesPerTrial, long chunkSteps,
      List<io.metarl.api.train.TrainingListener> listeners) {
    TrainingSettings settings = new TrainingSettings(1_000_000_000L, episodesPerTrial, 0, 0, lanes, rolloutLength, 0);
    long[] seed = {21};
    return () -> {
      Budget budget = new Budget(Long.MAX_VALUE / 2, chunkSteps);
      new Trainer(run.agent(), run.tasks(), run.returns(), settings, listeners, seed[0]++, budget).run();
      return budget.envSteps();
    };
  }

  // ------------------------------------------------------------------ EPG inner loop

  /**
   * The EPG run of {@code examples/epg-cartpole.conf}: CartPole-v1 tasks with the pole half-length drawn
   * from U[0.25, 1.0] and the pole mass from U[0.05, 0.5], everything else at extensions-epg's
   * {@code reference.conf} defaults (policy: core's actor-critic network, torso 64-64 tanh, Adam 1e-3,
   * update every 64 steps in minibatches of 32, one epoch, loss buffer N = 256, memory 32), loaded and validated by
   * {@link EpgRun#load} as {@code metarl epg test} loads it.
   */
  public static EpgRun epgCartPole() {
    ClassLoader loader = Workloads.class.getClassLoader();
    return EpgRun.load(null, List.of(
        "metarl.seed=1",
        "metarl.name=epg-cartpole",
        "metarl.environment.plugin=cartpole",
        "metarl.environment.length-range=[0.25, 1.0]",
        "metarl.environment.masspole-range=[0.05, 0.5]",
        "metarl.epg.inner.lifetime=4096",
        "metarl.epg.inner.learning-rate=1e-3"), PluginRegistry.discover(loader));
  }

  /**
   * A loss network's parameters phi initialised from a fixed seed (what an evolution starts from). The
   * cost of a lifetime does not depend on phi's values: the same layers run whatever the weights.
   */
  public static double[] epgPhi(EpgRun run, long seed) {
    return run.lossSpec().initialParameters(new SplittableRandom(seed));
  }

  /**
   * One EPG inner-loop lifetime per call ({@link Lifetime#run}): a fresh policy trained for
   * {@code steps} environment steps on a task sampled from the run's training distribution, updated
   * with the evolved loss L_phi ({@code phi}, reference weight 0) or, when {@code phi} is null, with the
   * reference A2C loss (reference weight 1, as {@code metarl epg test} compares them). The final
   * policy's evaluation episodes are left out ({@code eval-episodes = 0}), so the time is that of
   * training only (acting, buffer, updates). Call k samples task k of a fixed sequence and seeds the
   * lifetime with k, so both losses see the same tasks; units: env-steps.
   */
  public static Bench.Chunk epgLifetime(EpgRun run, double[] phi, int steps) {
    InnerSettings s = run.settings().inner();
    InnerSettings training = new InnerSettings(s.hidden(), steps, s.updateEvery(), s.minibatch(), s.epochsPerUpdate(),
        s.learningRate(), 0, s.maxEpisodeSteps(), s.gamma(), s.lambda(), s.entropy(), s.maxGradNorm());
    Lifetime lifetime = run.lifetime(training, run.lossSpec());
    long[] call = {0};
    return () -> {
      long k = call[0]++;
      Task task = run.training().sample(new SplittableRandom(0xE96L + k));
      Lifetime.Result r = phi == null ? lifetime.run(null, 1.0, task, k) : lifetime.run(phi, 0.0, task, k);
      return r.trainSteps();
    };
  }

  static double[] randomDoubles(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = rng.nextDouble(-1, 1);
    }
    return d;
  }

  static float[] randomFloats(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] f = new float[n];
    for (int i = 0; i < n; i++) {
      f[i] = (float) rng.nextDouble(-1, 1);
    }
    return f;
  }
}
