package io.metarl.core.agent;

import io.metarl.api.agent.Policy;
import io.metarl.api.env.Box;
import io.metarl.api.env.Discrete;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.api.loss.PolicyLoss;
import io.metarl.core.config.OptimizerSettings;
import io.metarl.core.nn.ActorCriticNetwork;
import io.metarl.core.nn.NetworkSpec;
import io.metarl.core.nn.PolicyGradientLoss;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * What every actor-critic agent is made of, whatever its update scheme: the network (an MLP torso,
 * an optional LSTM, policy and value heads) built for the environment's spaces, the global
 * {@link ParameterStore}, the policy-loss factory, and the helper threads of split passes. The agent
 * plugins (a2c, a3c, ...) compose it and decide how their learners reach the parameters.
 */
public final class ActorCriticModel implements AutoCloseable {
  private final String name;
  private final EnvironmentSpec env;
  private final ActorCriticSettings settings;
  private final ActorCriticNetwork network;
  private final Features features;
  private final ObservationStatistics statistics;
  private final ParameterStore store;
  private final Supplier<PolicyLoss> policyLoss;
  private final List<ShardRunner> runners = new ArrayList<>();

  /**
   * @param name the plugin name (recorded in checkpoints)
   * @param env the spaces; the network reads the flat observation (a wrapper may pass an augmented one)
   * @param settings the network and loss settings ({@code memoryUnits > 0} adds the LSTM)
   * @param optimizer the optimiser settings
   * @param seed seeds the initial parameters
   * @param policyLoss makes one policy loss per learner
   */
  public ActorCriticModel(String name, EnvironmentSpec env, ActorCriticSettings settings, OptimizerSettings optimizer,
      long seed, Supplier<PolicyLoss> policyLoss) {
    this.name = name;
    this.env = env;
    this.settings = settings;
    this.policyLoss = policyLoss;
    int inputs = env.observationSpace().flatSize();
    this.statistics = settings.normalization().observations()
        ? new ObservationStatistics(inputs, settings.normalization().clip(), settings.normalization().epsilon()) : null;
    this.features = statistics == null ? new Features(inputs) : Features.live(inputs, statistics);
    int discrete = env.actionSpace() instanceof Discrete d ? d.n() : 0;
    int continuous = env.actionSpace() instanceof Box b ? b.flatSize() : 0;
    if (settings.exploration().stateDependent() && continuous == 0) {
      throw new io.metarl.api.plugin.InvalidSettingException("gsde.enabled", true,
          "false: state-dependent exploration is for continuous (Box) actions, " + env.id() + " has discrete ones");
    }
    this.network = new ActorCriticNetwork(new NetworkSpec(features.size(), settings.hidden(), settings.activation(),
        settings.sharedTorso(), settings.memoryUnits(), discrete, continuous, settings.initialLogStd(),
        settings.exploration().stateDependent()));
    this.store = new ParameterStore(network.initialParameters(new SplittableRandom(seed), settings.init()), optimizer);
  }

  /** The same with the built-in policy loss {@code a2c-pg} at the settings' entropy coefficient. */
  public ActorCriticModel(String name, EnvironmentSpec env, ActorCriticSettings settings, OptimizerSettings optimizer,
      long seed) {
    this(name, env, settings, optimizer, seed, () -> new PolicyGradientLoss(settings.entropyCoefficient()));
  }

  /** The environment spec the network was built for. */
  public EnvironmentSpec spec() {
    return env;
  }

  /** The settings. */
  public ActorCriticSettings settings() {
    return settings;
  }

  /** The network. */
  public ActorCriticNetwork network() {
    return network;
  }

  /** The global parameters and their optimiser. */
  public ParameterStore store() {
    return store;
  }

  Features features() {
    return features;
  }

  PolicyLoss newPolicyLoss() {
    return policyLoss.get();
  }

  /** The running observation statistics, or null when the agent does not normalise observations. */
  public ObservationStatistics observationStatistics() {
    return statistics;
  }

  /** A learner over {@code lanes} lanes reaching the parameters through {@code access}, one gradient step per rollout. */
  public ActorCriticLearner learner(ParameterAccess access, int lanes, long seed) {
    return learner(access, lanes, seed, PolicyUpdate.gradientStep());
  }

  /** A learner over {@code lanes} lanes reaching the parameters through {@code access}, updating by {@code update}. */
  public ActorCriticLearner learner(ParameterAccess access, int lanes, long seed, PolicyUpdate update) {
    return new ActorCriticLearner(this, access, features, lanes, seed, java.util.Objects.requireNonNull(update));
  }

  /**
   * A frozen inference policy over {@code snapshot} (a copy of the parameters; never changed), which
   * normalises observations, if the agent does, with the statistics of the moment it was made.
   */
  public Policy frozenPolicy(double[] snapshot, int lanes, long seed) {
    return new ActorCriticLearner(this, new Frozen(snapshot), features.frozen(), lanes, seed, null);
  }

  /** After an update: the observation statistics, if any, take in the rollout's inputs. */
  void observe(io.metarl.api.agent.RolloutBatch b) {
    if (statistics != null) {
      statistics.update(b);
    }
  }

  /** Saves the parameter files ({@link ParameterFiles}) of the global parameters, and the observation statistics. */
  public void save(Path dir) throws IOException {
    store.save(dir, describe());
    if (statistics != null) {
      statistics.save(dir);
    }
  }

  /** Loads the parameter files into the global parameters, and the observation statistics. */
  public void load(Path dir) throws IOException {
    store.load(dir, describe());
    if (statistics != null) {
      statistics.load(dir);
    }
  }

  /** The plugin name and the architecture, as written to {@code network.txt}. */
  public String describe() {
    NetworkSpec s = network.spec();
    return name + " input=" + s.inputSize() + " hidden=" + s.hidden() + " activation=" + s.activation()
        + " shared=" + s.sharedTorso() + " lstm=" + s.lstmUnits() + " discrete=" + s.discreteActions()
        + " continuous=" + s.continuousActions() + " parameters=" + network.parameterCount()
        + (statistics != null ? " observation-normalization=true" : "")
        + (s.stateDependentNoise() ? " gsde=true" : "");
  }

  synchronized ShardRunner newRunner(int shards) {
    ShardRunner r = new ShardRunner(shards, "metarl-learner-" + runners.size());
    runners.add(r);
    return r;
  }

  /** Stops the helper threads of every learner's split passes. */
  @Override
  public synchronized void close() {
    for (ShardRunner r : runners) {
      r.close();
    }
    runners.clear();
  }

  /** Parameters that never change (an inference policy). */
  private record Frozen(double[] values) implements ParameterAccess {
    @Override
    public double[] current() {
      return values;
    }

    @Override
    public double apply(double[] grad) {
      throw new UnsupportedOperationException("a frozen inference policy does not learn");
    }

    @Override
    public void refresh() {}

    @Override
    public double learningRate() {
      return 0;
    }
  }
}
