/**
 * Experiments: a grid of (agent, environment, seed) cells read from one HOCON file, each cell a
 * training + inference run ({@link io.metarl.core.train.TrainingJob}) written atomically into its own
 * directory, run through a {@link io.metarl.core.experiment.CellExecutor} on the engine that
 * {@code execution.engine} names ({@link io.metarl.core.experiment.Engines}), then aggregated over seeds
 * into {@code episodes.csv}, {@code summary.json}, {@code report.md} and figures.
 */
package io.metarl.core.experiment;
