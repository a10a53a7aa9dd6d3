/**
 * Experiment grids ({@code metarl experiment FILE}): a grid of (agent, environment, seed) cells read from
 * one HOCON file ({@link io.metarl.experiments.ExperimentSpec}, expanded and validated into an
 * {@link io.metarl.experiments.ExperimentPlan}), each cell a training + inference run
 * ({@link io.metarl.core.train.TrainingJob}) written atomically into its own directory
 * ({@link io.metarl.experiments.CellJob}), run by {@link io.metarl.experiments.ExperimentRunner} through a
 * {@link io.metarl.core.experiment.CellExecutor} on the engine that {@code execution.engine} names
 * ({@link io.metarl.core.experiment.Engines}), then aggregated over seeds into {@code episodes.csv},
 * {@code summary.json}, {@code report.md} and figures ({@link io.metarl.experiments.ExperimentReport}),
 * with the seed paper's claims checked against the results ({@link io.metarl.experiments.Claims}).
 *
 * <p>This is application work, kept out of {@code core} so that {@code core} holds only what every
 * plugin needs: the command line ({@code app}) depends on this module, and so do the tests of
 * {@code runner-spark} (which runs these cells on Spark); no plugin does. The execution SPI the cells
 * run through stays in {@code core} ({@code io.metarl.core.experiment}).
 */
package io.metarl.experiments;
