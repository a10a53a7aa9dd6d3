package io.metarl.extensions.epg;

/**
 * The inner loop: one fresh policy trained on one task for {@code lifetime} steps.
 *
 * @param hidden the policy's hidden widths (64, 64)
 * @param lifetime U: environment steps of training
 * @param updateEvery M: steps between updates (64)
 * @param minibatch minibatch size (32); each update splits the last M steps into M / minibatch batches
 * @param epochsPerUpdate passes over the last M steps per update (openai/EPG's inner_n_opt_steps)
 * @param learningRate the policy's Adam step size
 * @param evalEpisodes episodes played by the final policy for the fitness (3)
 * @param maxEpisodeSteps extra per-episode step limit (0 = the environment's own)
 * @param gamma discount of the reference loss's GAE
 * @param lambda lambda of the reference loss's GAE
 * @param entropy entropy bonus of the reference loss (0 = A2C as in the seed paper's Table 1)
 * @param maxGradNorm global clip of the policy gradient norm (0 disables)
 */
public record InnerSettings(
    int[] hidden, int lifetime, int updateEvery, int minibatch, int epochsPerUpdate, double learningRate,
    int evalEpisodes, int maxEpisodeSteps, double gamma, double lambda, double entropy, double maxGradNorm) {}
