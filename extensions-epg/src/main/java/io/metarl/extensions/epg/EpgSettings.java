package io.metarl.extensions.epg;

import com.typesafe.config.Config;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.api.plugin.InvalidSettingException;
import io.metarl.api.plugin.Settings;
import java.util.List;

/**
 * The {@code metarl.epg} block: loss-network sizes, inner loop, outer loop and held-out test.
 *
 * @param loss the loss block ({@code metarl.epg.loss})
 * @param inner the inner loop
 * @param outer the outer loop
 * @param testSeeds fresh policies per loss in {@code metarl epg test}
 * @param testLifetime their lifetime (0 = the inner lifetime)
 */
public record EpgSettings(LossSizes loss, InnerSettings inner, OuterSettings outer, int testSeeds, int testLifetime) {

  /**
   * The loss network's configurable sizes (the rest follows from the environment).
   *
   * @param buffer N
   * @param memory memory size
   * @param conv1Channels conv1 channels
   * @param conv1Kernel conv1 kernel
   * @param conv1Stride conv1 stride
   * @param conv2Channels conv2 channels
   * @param conv2Kernel conv2 kernel
   * @param conv2Stride conv2 stride
   * @param context context width
   * @param hidden head hidden width
   * @param leakySlope leaky ReLU slope
   */
  public record LossSizes(int buffer, int memory, int conv1Channels, int conv1Kernel, int conv1Stride,
      int conv2Channels, int conv2Kernel, int conv2Stride, int context, int hidden, double leakySlope) {

    /** The full shape for an environment's spaces. */
    public LossNetworkSpec spec(EnvironmentSpec env) {
      return new LossNetworkSpec(Lifetime.featureSize(env), Lifetime.policyOutputSize(env), memory, buffer,
          conv1Channels, conv1Kernel, conv1Stride, conv2Channels, conv2Kernel, conv2Stride, context, hidden,
          leakySlope);
    }
  }

  /**
   * Reads the block. Keys in the exceptions are relative to {@code metarl.epg}.
   *
   * @throws InvalidSettingException for a bad value
   */
  public static EpgSettings from(Config epg) {
    Config l = epg.getConfig("loss");
    LossSizes loss;
    try {
      loss = new LossSizes(
          Settings.intAtLeast(l, "buffer", 1), Settings.intAtLeast(l, "memory", 0),
          Settings.intAtLeast(l, "conv1-channels", 1), Settings.intAtLeast(l, "conv1-kernel", 1),
          Settings.intAtLeast(l, "conv1-stride", 1), Settings.intAtLeast(l, "conv2-channels", 1),
          Settings.intAtLeast(l, "conv2-kernel", 1), Settings.intAtLeast(l, "conv2-stride", 1),
          Settings.intAtLeast(l, "context", 1), Settings.intAtLeast(l, "head-hidden", 1),
          Settings.doubleIn(l, "leaky-slope", 0, 1));
    } catch (InvalidSettingException e) {
      throw prefixed("loss.", e);
    }
    int minBuffer = loss.conv1Kernel() + (loss.conv2Kernel() - 1) * loss.conv1Stride();
    if (loss.buffer() < minBuffer) {
      throw new InvalidSettingException("loss.buffer", loss.buffer(),
          "an integer >= " + minBuffer + " (conv1-kernel + (conv2-kernel - 1) x conv1-stride)");
    }
    Config i = epg.getConfig("inner");
    InnerSettings inner;
    try {
      List<Integer> hidden = i.getIntList("policy-hidden");
      if (hidden.isEmpty() || hidden.stream().anyMatch(h -> h < 1)) {
        throw new InvalidSettingException("policy-hidden", hidden, "a non-empty list of positive widths");
      }
      int every = Settings.intAtLeast(i, "update-every", 1);
      int mb = Settings.intAtLeast(i, "minibatch", 1);
      if (mb > every) {
        throw new InvalidSettingException("minibatch", mb, "an integer in [1, update-every = " + every + "]");
      }
      if (every > loss.buffer()) {
        throw new InvalidSettingException("update-every", every, "at most loss.buffer = " + loss.buffer());
      }
      inner = new InnerSettings(hidden.stream().mapToInt(Integer::intValue).toArray(),
          Settings.intAtLeast(i, "lifetime", 1), every, mb, Settings.intAtLeast(i, "epochs-per-update", 1),
          Settings.positive(i, "learning-rate"), Settings.intAtLeast(i, "eval-episodes", 1),
          Settings.intAtLeast(i, "max-episode-steps", 0), Settings.doubleIn(i, "gamma", 0, 1),
          Settings.doubleIn(i, "lambda", 0, 1), Settings.nonNegative(i, "entropy"),
          Settings.nonNegative(i, "max-grad-norm"));
    } catch (InvalidSettingException e) {
      throw prefixed("inner.", e);
    }
    Config o = epg.getConfig("outer");
    OuterSettings outer;
    try {
      boolean anti = o.getBoolean("antithetic");
      int pop = Settings.intAtLeast(o, "population", 2);
      if (anti && pop % 2 != 0) {
        throw new InvalidSettingException("population", pop, "an even integer >= 2 when antithetic = true");
      }
      outer = new OuterSettings(Settings.intAtLeast(o, "epochs", 1), pop, Settings.positive(o, "sigma"),
          Settings.positive(o, "learning-rate"), Settings.doubleIn(o, "final-learning-rate-factor", 0, 1),
          Settings.nonNegative(o, "l2"), anti, Settings.doubleIn(o, "beta1", 0, 0.999999),
          Settings.intAtLeast(o, "bootstrap-epochs", 0), Settings.intAtLeast(o, "workers", 1));
    } catch (InvalidSettingException e) {
      throw prefixed("outer.", e);
    }
    Config t = epg.getConfig("test");
    try {
      return new EpgSettings(loss, inner, outer, Settings.intAtLeast(t, "seeds", 1), Settings.intAtLeast(t, "lifetime", 0));
    } catch (InvalidSettingException e) {
      throw prefixed("test.", e);
    }
  }

  private static InvalidSettingException prefixed(String prefix, InvalidSettingException e) {
    return new InvalidSettingException(prefix + e.key(), e.value(), e.expected());
  }

  /** The inner settings with another lifetime. */
  public InnerSettings innerWithLifetime(int lifetime) {
    InnerSettings s = inner;
    return new InnerSettings(s.hidden(), lifetime, s.updateEvery(), s.minibatch(), s.epochsPerUpdate(),
        s.learningRate(), s.evalEpisodes(), s.maxEpisodeSteps(), s.gamma(), s.lambda(), s.entropy(), s.maxGradNorm());
  }
}
