/**
 * Execution engines: the small SPI through which independent units of work (an experiment's cells, an
 * EPG population's members) are run, here or on a cluster. A {@link io.metarl.core.experiment.CellExecutor}
 * runs serializable {@link io.metarl.core.experiment.CellExecutor.WorkUnit}s; an
 * {@link io.metarl.core.experiment.ExecutorProvider} (found with {@link java.util.ServiceLoader}) creates one
 * by the name in an {@code execution} block, chosen by {@link io.metarl.core.experiment.Engines}; the
 * built-in {@code local} engine is {@link io.metarl.core.experiment.LocalExecutorProvider} (a
 * {@link io.metarl.core.experiment.ThreadPoolCellExecutor}).
 *
 * <p>Plugins ({@code extensions-epg}, {@code runner-spark}) depend on this package only. The experiment
 * grids themselves (specification, plan, runner, report, claim checks) are application work and live in
 * the {@code metarl-experiments} module ({@code io.metarl.experiments}).
 */
package io.metarl.core.experiment;
