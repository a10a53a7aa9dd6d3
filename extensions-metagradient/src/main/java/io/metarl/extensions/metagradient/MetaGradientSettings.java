package io.metarl.extensions.metagradient;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.metarl.api.plugin.InvalidSettingException;
import io.metarl.api.plugin.Settings;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code metarl.metagradient} block (defaults in this module's {@code reference.conf} under
 * {@code metarl.plugins.metagradient}).
 *
 * @param learn the meta-parameters learned, a subset of {@code gamma}, {@code lambda} in that order;
 *     empty: the extension does nothing
 * @param initGamma gamma at the start (learned gamma only), in (0, 1)
 * @param initLambda lambda at the start (learned lambda only), in (0, 1)
 * @param referenceGamma gamma' of the meta-objective J'
 * @param referenceLambda lambda' of the meta-objective J'
 * @param metaLearningRate step size of the meta-optimiser on the logits of eta
 * @param metaOptimizer {@code adam} or {@code sgd}
 * @param traceDecay mu of the trace {@code z' = mu z + df/deta}, in [0, 1]
 *
 * <p>The learner's own loss settings (c_v, advantage standardisation) are not settings of this
 * extension: they are read from the learner's {@link io.metarl.api.agent.Differentiable} at each update.
 */
public record MetaGradientSettings(
    List<String> learn, double initGamma, double initLambda, double referenceGamma, double referenceLambda,
    double metaLearningRate, String metaOptimizer, double traceDecay) {

  /** Meta-parameter names, in their fixed order. */
  public static final List<String> NAMES = List.of("gamma", "lambda");

  /** Validates. */
  public MetaGradientSettings {
    learn = List.copyOf(learn);
  }

  /**
   * Reads and validates the extension's merged section.
   *
   * @param c the section
   */
  public static MetaGradientSettings from(Config c) {
    List<String> raw;
    try {
      raw = c.getStringList("learn");
    } catch (ConfigException.WrongType e) {
      throw new InvalidSettingException("learn", c.getValue("learn").render(), "a list drawn from [gamma, lambda]");
    }
    List<String> learn = new ArrayList<>();
    for (String name : NAMES) {
      if (raw.contains(name)) {
        learn.add(name);
      }
    }
    for (String s : raw) {
      if (!NAMES.contains(s)) {
        throw new InvalidSettingException("learn", raw, "a list drawn from [gamma, lambda]");
      }
    }
    if (learn.size() != raw.size()) {
      throw new InvalidSettingException("learn", raw, "a list drawn from [gamma, lambda] without repeats");
    }
    if (c.getBoolean("condition-network")) {
      throw new InvalidSettingException("condition-network", true,
          "false: the agent API (io.metarl.api.agent.Learner/Differentiable) gives no way to add an embedding of "
              + "eta to the policy and value networks' input, so the networks cannot be conditioned on eta "
              + "(Xu et al. 2018, section 1.4); the meta-parameters are learned with unconditioned networks");
    }
    Settings.intAtLeast(c, "embedding-size", 1);
    return new MetaGradientSettings(
        learn,
        open(c, "init.gamma"),
        open(c, "init.lambda"),
        Settings.doubleIn(c, "reference.gamma", 0, 1),
        Settings.doubleIn(c, "reference.lambda", 0, 1),
        Settings.nonNegative(c, "meta-learning-rate"),
        Settings.oneOf(c, "meta-optimizer", "adam", "sgd"),
        Settings.doubleIn(c, "trace-decay", 0, 1));
  }

  private static double open(Config c, String key) {
    double v = Settings.doubleIn(c, key, 0, 1);
    if (v <= 0 || v >= 1) {
      throw new InvalidSettingException(key, v, "a number strictly between 0 and 1 (eta = sigmoid(logit))");
    }
    return v;
  }

  /** Whether {@code name} is learned. */
  public boolean learns(String name) {
    return learn.contains(name);
  }

  /** The initial value of a meta-parameter. */
  public double init(String name) {
    return name.equals("gamma") ? initGamma : initLambda;
  }
}
