package io.metarl.runner.spark;

import com.google.auto.service.AutoService;
import com.typesafe.config.Config;
import io.metarl.core.experiment.CellExecutor;
import io.metarl.core.experiment.ExecutorProvider;

/**
 * The {@code spark} execution engine: units as Apache Spark tasks ({@link SparkCellExecutor}); keys
 * in {@link SparkSettings}. Selected by {@code execution.engine = spark} in an experiment file,
 * {@code metarl.epg.execution.engine = spark} in an EPG run file, or {@code --engine spark}.
 */
@AutoService(ExecutorProvider.class)
public final class SparkExecutorProvider implements ExecutorProvider {
  /** The engine's name. */
  public static final String NAME = "spark";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Apache Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION() + " tasks (execution.master: local[N], spark://host:7077, ...)";
  }

  @Override
  public CellExecutor create(Config section, ClassLoader loader) {
    return new SparkCellExecutor(SparkSettings.from(section), loader);
  }
}
