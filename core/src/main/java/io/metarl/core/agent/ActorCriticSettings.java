package io.metarl.core.agent;

import com.typesafe.config.Config;
import io.metarl.api.plugin.InvalidSettingException;
import io.metarl.api.plugin.Settings;
import io.metarl.core.nn.Activation;
import io.metarl.core.nn.Initialization;
import java.util.List;

/**
 * The settings an actor-critic agent's section holds (the defaults differ per plugin: A2C uses no
 * entropy bonus, A3C does; RL² adds a memory).
 *
 * @param hidden torso hidden-layer sizes
 * @param activation torso activation
 * @param sharedTorso one torso for both heads (the seed's "shared backbone")
 * @param memoryUnits LSTM meta-memory units, 0 for none
 * @param valueCoefficient weight of the value loss
 * @param entropyCoefficient weight beta of the entropy bonus
 * @param normalizeAdvantages standardise advantages per update
 * @param initialLogStd initial log standard deviation of continuous actions
 * @param workers worker threads (A3C) or 1
 * @param learnerThreads threads one update is split over, by lanes (synchronous: a given value always
 *     gives the same result; 1 computes the update in the worker's own thread)
 * @param init how the weights are drawn ({@code init} block; Glorot with the original gains when absent)
 * @param normalization observation normalisation and reward scaling ({@code normalize} block; off when absent)
 * @param exploration gSDE for continuous actions ({@code gsde} block; the plain Gaussian when absent)
 */
public record ActorCriticSettings(
    List<Integer> hidden, Activation activation, boolean sharedTorso, int memoryUnits, double valueCoefficient,
    double entropyCoefficient, boolean normalizeAdvantages, double initialLogStd, int workers, int learnerThreads,
    Initialization init, Normalization normalization, Exploration exploration) {

  /** Settings with metarl's original initialisation and no normalisation. */
  public ActorCriticSettings(List<Integer> hidden, Activation activation, boolean sharedTorso, int memoryUnits,
      double valueCoefficient, double entropyCoefficient, boolean normalizeAdvantages, double initialLogStd, int workers,
      int learnerThreads) {
    this(hidden, activation, sharedTorso, memoryUnits, valueCoefficient, entropyCoefficient, normalizeAdvantages,
        initialLogStd, workers, learnerThreads, Initialization.DEFAULT, Normalization.OFF, Exploration.OFF);
  }

  /** These settings with another initialisation and normalisation. */
  public ActorCriticSettings with(Initialization init, Normalization normalization) {
    return new ActorCriticSettings(hidden, activation, sharedTorso, memoryUnits, valueCoefficient, entropyCoefficient,
        normalizeAdvantages, initialLogStd, workers, learnerThreads, init, normalization, exploration);
  }

  /** These settings with another exploration. */
  public ActorCriticSettings with(Exploration exploration) {
    return new ActorCriticSettings(hidden, activation, sharedTorso, memoryUnits, valueCoefficient, entropyCoefficient,
        normalizeAdvantages, initialLogStd, workers, learnerThreads, init, normalization, exploration);
  }

  /** Settings whose updates run in the worker's own thread ({@code learner-threads = 1}). */
  public ActorCriticSettings(List<Integer> hidden, Activation activation, boolean sharedTorso, int memoryUnits,
      double valueCoefficient, double entropyCoefficient, boolean normalizeAdvantages, double initialLogStd, int workers) {
    this(hidden, activation, sharedTorso, memoryUnits, valueCoefficient, entropyCoefficient, normalizeAdvantages,
        initialLogStd, workers, 1);
  }

  /**
   * Reads the common keys: {@code hidden}, {@code activation}, {@code shared-torso},
   * {@code value-coefficient}, {@code entropy-coefficient}, {@code normalize-advantages},
   * {@code initial-log-std}, {@code learner-threads} (1 when absent), the {@code init},
   * {@code normalize} and {@code gsde} blocks (defaults when absent); {@code memoryUnits} and {@code workers} come from
   * the caller.
   */
  public static ActorCriticSettings from(Config c, int memoryUnits, int workers) {
    List<Integer> hidden;
    try {
      hidden = c.getIntList("hidden");
    } catch (com.typesafe.config.ConfigException e) {
      throw new InvalidSettingException("hidden", c.getValue("hidden").render(), "a list of layer sizes, e.g. [64, 64]");
    }
    for (int h : hidden) {
      if (h < 1) {
        throw new InvalidSettingException("hidden", hidden, "positive layer sizes");
      }
    }
    boolean shared = c.getBoolean("shared-torso");
    if (memoryUnits > 0 && !shared) {
      // the meta-memory feeds both heads; a separate torso per head is not built, so refuse rather than ignore
      throw new InvalidSettingException("shared-torso", false,
          "true with a meta-memory (the LSTM is shared by the policy and value heads); lower value-coefficient "
              + "instead if the value loss dominates");
    }
    return new ActorCriticSettings(
        hidden,
        Activation.parse(Settings.oneOf(c, "activation", "tanh", "relu")),
        shared || memoryUnits > 0,
        memoryUnits,
        Settings.nonNegative(c, "value-coefficient"),
        Settings.nonNegative(c, "entropy-coefficient"),
        c.getBoolean("normalize-advantages"),
        Settings.doubleIn(c, "initial-log-std", -10, 5),
        workers,
        c.hasPath("learner-threads") ? Settings.intAtLeast(c, "learner-threads", 1) : 1,
        initialization(c),
        Normalization.from(c),
        Exploration.from(c));
  }

  /** The {@code init} block: {@code scheme} (glorot | orthogonal) and the three gains. */
  static Initialization initialization(Config section) {
    if (!section.hasPath("init")) {
      return Initialization.DEFAULT;
    }
    Config c = section.getConfig("init");
    try {
      return new Initialization(
          Initialization.Scheme.valueOf(Settings.oneOf(c, "scheme", "glorot", "orthogonal").toUpperCase(java.util.Locale.ROOT)),
          Settings.positive(c, "hidden-gain"), Settings.positive(c, "policy-gain"), Settings.positive(c, "value-gain"));
    } catch (InvalidSettingException e) {
      throw new InvalidSettingException("init." + e.key(), e.value(), e.expected());
    }
  }
}
