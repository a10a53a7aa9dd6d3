package io.metarl.extensions.epg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.metarl.api.agent.Differentiable;
import io.metarl.api.agent.Learner;
import io.metarl.api.agent.RolloutBatch;
import io.metarl.api.env.Box;
import io.metarl.api.env.Discrete;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.api.env.Space;
import io.metarl.api.loss.PolicyLoss;
import io.metarl.api.plugin.InvalidSettingException;
import io.metarl.api.plugin.Plugin;
import io.metarl.api.plugin.PluginContext;
import io.metarl.core.config.OptimizerSettings;
import io.metarl.core.nn.Activation;
import io.metarl.core.agent.ActorCriticModel;
import io.metarl.core.agent.ParameterAccess;
import io.metarl.core.agent.ActorCriticSettings;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code epg} policy loss inside the actor-critic agent: the gradient the agent applies to its
 * policy parameters equals a central finite-difference gradient of the plugin's loss with respect to
 * them (double precision, tiny sizes, a buffer that already holds history and has wrapped), for
 * discrete (logits through softmax) and continuous (means and the state-independent log-std) policies;
 * evaluate changes no state, advance does; the state survives state()/restore().
 */
class EpgPolicyLossTest {
  private static final int OBS = 3;
  private static final int STEPS = 4;
  private static final int LANES = 2;
  @TempDir Path dir;

  private static EnvironmentSpec spec(boolean discrete) {
    Space action = discrete ? new Discrete(3) : Box.of(-1f, 1f, 2);
    return new EnvironmentSpec("tiny", Box.of(-5f, 5f, OBS), action);
  }

  private Path lossFile(EnvironmentSpec env, long seed) throws IOException {
    int actions = env.actionSpace().flatSize();
    boolean discrete = env.actionSpace() instanceof Discrete;
    LossNetworkSpec spec = new LossNetworkSpec(OBS + actions + 2, discrete ? actions : 2 * actions, 3, 14,
        4, 3, 2, 5, 2, 2, 6, 7, 0.2);
    SplittableRandom rng = new SplittableRandom(seed);
    double[] phi = spec.initialParameters(rng);
    for (int i = 0; i < phi.length; i++) {
      phi[i] += 0.3 * Stats.gaussian(rng); // away from the initial symmetry
    }
    for (int i = spec.memoryOffset(); i < phi.length; i++) {
      phi[i] = Stats.gaussian(rng);
    }
    Path file = dir.resolve("loss-" + discrete + ".json");
    EvolvedLoss.of(spec, env, phi, Map.of("test", "yes")).save(file);
    return file;
  }

  static final PluginContext CONTEXT = new PluginContext() {
    @Override
    public long seed() {
      return 1;
    }

    @Override
    public Config runConfig() {
      return ConfigFactory.empty();
    }

    @Override
    public <P extends Plugin> P provider(Class<P> kind, String name) {
      throw new IllegalArgumentException("no plugins here");
    }

    @Override
    public Config pluginSection(String name, Config overrides) {
      return overrides;
    }
  };

  private static PolicyLoss create(Path file, EnvironmentSpec env) {
    Config section = ConfigFactory.parseMap(Map.of("file", file.toString(), "memory-learning-rate", 0.05));
    return new EpgPolicyLossProvider().create(section, env, CONTEXT);
  }

  /** Random policy-loss batches that fill the loss's history identically for every instance. */
  private static List<PolicyLoss.Batch> history(EnvironmentSpec env, int count) {
    SplittableRandom rng = new SplittableRandom(11);
    boolean discrete = env.actionSpace() instanceof Discrete;
    int k = env.actionSpace().flatSize();
    int n = STEPS * LANES;
    List<PolicyLoss.Batch> out = new ArrayList<>();
    for (int c = 0; c < count; c++) {
      float[] obs = new float[n * OBS];
      for (int i = 0; i < obs.length; i++) {
        obs[i] = (float) rng.nextDouble(-2, 2);
      }
      int[] da = new int[discrete ? n : 0];
      float[] ca = new float[discrete ? 0 : n * k];
      for (int i = 0; i < da.length; i++) {
        da[i] = rng.nextInt(k);
      }
      for (int i = 0; i < ca.length; i++) {
        ca[i] = (float) rng.nextDouble(-1.5, 1.5);
      }
      float[] r = new float[n];
      boolean[] term = new boolean[n];
      for (int i = 0; i < n; i++) {
        r[i] = (float) rng.nextDouble(-1, 1);
        term[i] = rng.nextDouble() < 0.2;
      }
      double[] out1 = new double[n * (discrete ? k : 2 * k)];
      for (int i = 0; i < out1.length; i++) {
        out1[i] = rng.nextDouble(-1, 1);
      }
      out.add(new PolicyLoss.Batch(STEPS, LANES, OBS, discrete, k, obs, da, ca, r, term, new boolean[n],
          new boolean[n], new double[n], new double[n], new double[n], out1));
    }
    return out;
  }

  /** Delegates to an epg loss; a new lifetime replays a fixed history; remembers the last loss value. */
  static final class Spy implements PolicyLoss {
    final PolicyLoss inner;
    final List<Batch> history;
    double last = Double.NaN;
    int advances;

    Spy(PolicyLoss inner, List<Batch> history) {
      this.inner = inner;
      this.history = history;
    }

    @Override
    public double evaluate(Batch batch, double[] gradient) {
      last = inner.evaluate(batch, gradient);
      return last;
    }

    @Override
    public void advance(Batch batch) {
      advances++;
      inner.advance(batch);
    }

    @Override
    public void reset(long seed) {
      inner.reset(seed);
      for (Batch b : history) {
        inner.evaluate(b, new double[b.policyOutputs.length]);
        inner.advance(b);
      }
    }
  }

  private static RolloutBatch rollout(EnvironmentSpec env) {
    SplittableRandom rng = new SplittableRandom(5);
    RolloutBatch b = new RolloutBatch(env.observationSpace(), env.actionSpace(), STEPS, LANES);
    for (int t = 0; t < STEPS; t++) {
      for (int i = 0; i < b.inputs[t].observations.length; i++) {
        b.inputs[t].observations[i] = (float) rng.nextDouble(-2, 2);
      }
      for (int l = 0; l < LANES; l++) {
        if (b.actions[t].isDiscrete()) {
          b.actions[t].discrete[l] = rng.nextInt(env.actionSpace().flatSize());
        }
      }
      for (int i = 0; i < b.actions[t].continuous.length; i++) {
        b.actions[t].continuous[i] = (float) rng.nextDouble(-1.5, 1.5);
      }
    }
    for (int i = 0; i < STEPS * LANES; i++) {
      b.rewards[i] = (float) rng.nextDouble(-1, 1);
      b.terminated[i] = rng.nextDouble() < 0.2;
      b.advantages[i] = (float) rng.nextDouble(-1, 1);
      b.returns[i] = (float) rng.nextDouble(-1, 1);
    }
    return b;
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void theGradientTheAgentAppliesIsTheFiniteDifferenceGradientOfTheLoss(boolean discrete) throws IOException {
    EnvironmentSpec env = spec(discrete);
    Path file = lossFile(env, 42);
    // 3 history batches of 4 steps + the rollout's 4 = 16 rows: the 14-row buffer has wrapped.
    List<PolicyLoss.Batch> hist = history(env, 3);
    List<Spy> spies = new ArrayList<>();
    // value-coefficient 0: the agent's gradient is the policy loss's alone.
    ActorCriticSettings settings = new ActorCriticSettings(List.of(5), Activation.TANH, false, 0, 0.0, 0.0, false, -0.3, 1);
    ActorCriticModel agent = new ActorCriticModel("a2c", env, settings,
        new OptimizerSettings("sgd", 0.1, 0.99, 1e-5, 0), 3, () -> {
          Spy s = new Spy(create(file, env), hist);
          spies.add(s);
          return s;
        });
    RolloutBatch rollout = rollout(env);
    Path ckpt = Files.createDirectories(dir.resolve("ckpt"));
    agent.save(ckpt);
    double[] theta = agent.store().values().clone();
    // make the policy non-trivial
    SplittableRandom rng = new SplittableRandom(9);
    for (int i = 0; i < theta.length; i++) {
      theta[i] += rng.nextDouble(-0.5, 0.5);
    }
    setParameters(agent, ckpt, theta);

    Learner learner = agent.learner(ParameterAccess.direct(agent.store()), LANES, 1);
    Differentiable d = learner.differentiable().orElseThrow();
    double[] analytic = d.lossGradient(rollout);
    Spy spy = spies.get(spies.size() - 1);
    double l0 = spy.last;
    assertThat(d.lossGradient(rollout)).as("evaluate changes no state").containsExactly(analytic);
    assertThat(spy.last).isEqualTo(l0);

    double h = 1e-6;
    double worst = 0;
    double norm = 0;
    for (int i = 0; i < theta.length; i++) {
      double[] tp = theta.clone();
      tp[i] += h;
      double up = lossAt(agent, ckpt, tp, rollout, spies);
      double[] tm = theta.clone();
      tm[i] -= h;
      double down = lossAt(agent, ckpt, tm, rollout, spies);
      double fd = (up - down) / (2 * h);
      worst = Math.max(worst, Math.abs(fd - analytic[i]));
      norm = Math.max(norm, Math.abs(fd));
    }
    assertThat(norm).as("the gradient is not trivially zero").isGreaterThan(1e-3);
    assertThat(worst / norm).as("max |agent's gradient - finite difference| relative to the largest component, over %d"
        + " parameters", theta.length).isLessThan(1e-6);

    // learn() applies the gradient, then advances the loss once: the memory moves and a state copy
    // reproduces the loss exactly.
    setParameters(agent, ckpt, theta);
    Learner trained = agent.learner(ParameterAccess.direct(agent.store()), LANES, 1);
    Spy s = spies.get(spies.size() - 1);
    double[] memBefore = ((EpgPolicyLoss) s.inner).memory();
    trained.learn(rollout);
    assertThat(s.advances).isEqualTo(1);
    assertThat(((EpgPolicyLoss) s.inner).memory()).isNotEqualTo(memBefore);
    PolicyLoss copy = create(file, env);
    copy.restore(s.inner.state());
    PolicyLoss.Batch probe = hist.get(0);
    double[] g1 = new double[probe.policyOutputs.length];
    double[] g2 = new double[probe.policyOutputs.length];
    assertThat(copy.evaluate(probe, g1)).isEqualTo(s.inner.evaluate(probe, g2));
    assertThat(g1).containsExactly(g2);
    assertThatThrownBy(() -> copy.restore(new byte[] {1, 2, 3})).isInstanceOf(IllegalArgumentException.class);
  }

  private static double lossAt(ActorCriticModel agent, Path ckpt, double[] theta, RolloutBatch rollout, List<Spy> spies)
      throws IOException {
    setParameters(agent, ckpt, theta);
    agent.learner(ParameterAccess.direct(agent.store()), LANES, 1).differentiable().orElseThrow().lossGradient(rollout);
    return spies.get(spies.size() - 1).last;
  }

  /** Loads {@code theta} into the agent through its checkpoint format. */
  private static void setParameters(ActorCriticModel agent, Path ckpt, double[] theta) throws IOException {
    Path file = ckpt.resolve("parameters.bin");
    int magic;
    try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
      magic = in.readInt();
    }
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
      out.writeInt(magic);
      out.writeInt(theta.length);
      for (double v : theta) {
        out.writeDouble(v);
      }
    }
    agent.load(ckpt);
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aLossForOtherSpacesOrAMissingFileIsRefusedNamingTheFile(boolean discrete) throws IOException {
    EnvironmentSpec env = spec(discrete);
    Path file = lossFile(env, 1);
    EnvironmentSpec other = new EnvironmentSpec("other", Box.of(-1f, 1f, OBS + 1), env.actionSpace());
    assertThatThrownBy(() -> create(file, other)).isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("file = " + file).hasMessageContaining("evolved for " + OBS + " observations")
        .hasMessageContaining((OBS + 1) + " observations");
    EnvironmentSpec flipped = spec(!discrete);
    assertThatThrownBy(() -> create(file, flipped)).isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining(file.toString()).hasMessageContaining(discrete ? "discrete" : "continuous");
    Path missing = dir.resolve("nope.json");
    assertThatThrownBy(() -> create(missing, env)).isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("file = " + missing).hasMessageContaining("does not exist");
    Files.writeString(dir.resolve("bad.json"), "{\"format\": \"something-else\"}");
    assertThatThrownBy(() -> create(dir.resolve("bad.json"), env)).isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("bad.json").hasMessageContaining("metarl-epg-loss/1");
  }
}
