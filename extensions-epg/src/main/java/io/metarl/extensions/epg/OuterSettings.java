package io.metarl.extensions.epg;

/**
 * The outer loop: ES over phi (Salimans et al. 2017 as used by EPG).
 *
 * @param epochs outer epochs
 * @param population P members per epoch (even when antithetic)
 * @param sigma noise standard deviation
 * @param learningRate Adam step size
 * @param finalLearningRateFactor from epoch {@code epochs / 2} on the step size is multiplied by this
 *     (openai/EPG: 0.1; 1 disables)
 * @param l2 L2 coefficient on phi
 * @param antithetic evaluate {@code +eps} and {@code -eps} pairs on the same task and seed
 * @param beta1 Adam's first-moment decay (openai/EPG: 0)
 * @param bootstrapEpochs epochs over which the reference-loss weight anneals linearly from 1 to 0
 *     (0 disables bootstrapping)
 * @param workers threads evaluating members
 */
public record OuterSettings(int epochs, int population, double sigma, double learningRate,
    double finalLearningRateFactor, double l2, boolean antithetic, double beta1, int bootstrapEpochs, int workers) {

  /** The reference-loss weight a at {@code epoch}. */
  public double referenceWeight(int epoch) {
    if (bootstrapEpochs <= 0) {
      return 0;
    }
    return Math.max(0, 1.0 - (double) epoch / bootstrapEpochs);
  }

  /** The Adam step size at {@code epoch}. */
  public double learningRate(int epoch) {
    return epoch >= epochs / 2 ? learningRate * finalLearningRateFactor : learningRate;
  }
}
