package io.metarl.agents.ppo;

import com.typesafe.config.Config;
import io.metarl.api.plugin.InvalidSettingException;
import io.metarl.api.plugin.Settings;

/**
 * PPO's own keys in the agent's section (the network, loss weights, normalisation and optimiser keys
 * are the actor-critic agents' common ones).
 *
 * @param epochs passes over each rollout
 * @param minibatches minibatches per pass: the rollout's samples (or, for a recurrent network, its
 *     lanes) are shuffled and split into this many
 * @param clipRange epsilon of the clipped surrogate: the probability ratio's gain is clipped to
 *     {@code [1 - eps, 1 + eps]}
 * @param valueClipRange clip the value prediction to within this of the rollout's value (0: off)
 * @param targetKl stop the rollout's epochs once the approximate KL divergence from the rollout's
 *     policy exceeds {@code 1.5 x} this before a step (Stable-Baselines3's rule; 0: never)
 */
public record PpoSettings(int epochs, int minibatches, double clipRange, double valueClipRange, double targetKl) {

  /** Reads and checks the keys. */
  public static PpoSettings from(Config c) {
    double clip = Settings.positive(c, "clip-range");
    if (clip >= 1) {
      throw new InvalidSettingException("clip-range", clip, "a number in (0, 1), e.g. 0.2");
    }
    return new PpoSettings(Settings.intAtLeast(c, "epochs", 1), Settings.intAtLeast(c, "minibatches", 1), clip,
        Settings.nonNegative(c, "value-clip-range"), Settings.nonNegative(c, "target-kl"));
  }
}
