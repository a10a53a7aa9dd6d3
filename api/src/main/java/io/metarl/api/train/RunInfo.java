package io.metarl.api.train;

import java.util.Map;

/**
 * What a listener is told about a run before its first step.
 *
 * @param agent the agent plugin's name
 * @param environment the environment plugin's name
 * @param meta whether the agent is a meta-learner carrying a memory across the episodes of a trial
 *     (per-episode-index series are meaningful only then)
 * @param episodesPerTrial episodes per trial
 * @param hyperparameters the run's settings that shape learning, by key path (e.g. {@code agent.hidden},
 *     {@code returns.gamma}, {@code training.lanes}), values as numbers, strings, booleans or lists
 * @param provenance where the run comes from: version, commit, dirty flag, Java, OS, CPU, configuration hash
 */
public record RunInfo(String agent, String environment, boolean meta, int episodesPerTrial,
    Map<String, Object> hyperparameters, Map<String, Object> provenance) {

  /** Copies the maps (unmodifiable). */
  public RunInfo {
    hyperparameters = Map.copyOf(hyperparameters);
    provenance = Map.copyOf(provenance);
  }
}
