package io.metarl.api.train;

/**
 * A policy's evaluation on a run's held-out tasks with frozen weights: the trained agent, or a
 * baseline played on the same tasks.
 *
 * @param policy the policy's name (the agent plugin's, or the baseline's)
 * @param baseline whether it is a baseline rather than the trained agent
 * @param envSteps the training env-steps behind it (the step of its TensorBoard points)
 * @param episodes episodes played
 * @param meanReturn mean episode return
 * @param stderr standard error of the mean episode return
 * @param meanRegret mean regret per trial where the tasks know their optimal return, else NaN
 */
public record EvaluationRecord(String policy, boolean baseline, long envSteps, int episodes, double meanReturn,
    double stderr, double meanRegret) {}
