package io.metarl.core.config;

import com.typesafe.config.Config;

/**
 * The engine's own settings of a run, read eagerly from {@code metarl.*}.
 *
 * @param seed the run's seed
 * @param name the run's name
 * @param training the training block
 * @param inference the inference block
 * @param outputDir the output directory root
 */
public record RunSettings(
    long seed, String name, TrainingSettings training, InferenceSettings inference, String outputDir) {

  /** Reads the {@code metarl} block (already validated by {@link ConfigValidator}). */
  public static RunSettings from(Config metarl) {
    return new RunSettings(
        metarl.getLong("seed"),
        metarl.getString("name"),
        TrainingSettings.from(metarl.getConfig("training")),
        InferenceSettings.from(metarl.getConfig("inference")),
        metarl.getString("output.dir"));
  }
}
