package io.metarl.experiments;

import io.metarl.core.train.Stats;
import java.util.List;

/**
 * One agent on one environment, over its seeds: the mean of the per-seed values and its standard
 * error (sample standard deviation over seeds / sqrt(seeds); 0 for one seed).
 *
 * @param environment the environment's name
 * @param agent the agent's name
 * @param info what the pair is (meta agent, single instance, continuous actions)
 * @param seeds seeds that finished
 * @param trainingMean mean over seeds of the last-100 training mean
 * @param trainingStderr its standard error over seeds
 * @param inferenceMean mean over seeds of the inference mean
 * @param inferenceStderr its standard error over seeds
 * @param adaptation mean over seeds of the inference return of the k-th episode of a trial
 */
public record Aggregate(
    String environment, String agent, ExperimentPlan.PairInfo info, int seeds, double trainingMean, double trainingStderr,
    double inferenceMean, double inferenceStderr, double[] adaptation) {

  /** Aggregates the finished cells of one pair (at least one). */
  public static Aggregate of(String environment, String agent, ExperimentPlan.PairInfo info, List<CellResult> cells) {
    double[] train = cells.stream().mapToDouble(CellResult::trainingMeanLast100).toArray();
    double[] inf = cells.stream().mapToDouble(CellResult::inferenceMean).toArray();
    int k = cells.stream().mapToInt(c -> c.meanByEpisodeIndex().length).min().orElse(0);
    double[] adaptation = new double[k];
    for (int j = 0; j < k; j++) {
      final int jj = j;
      adaptation[j] = Stats.mean(cells.stream().mapToDouble(c -> c.meanByEpisodeIndex()[jj]).toArray());
    }
    return new Aggregate(environment, agent, info, cells.size(), Stats.mean(train), Stats.stderr(train),
        Stats.mean(inf), Stats.stderr(inf), adaptation);
  }
}
