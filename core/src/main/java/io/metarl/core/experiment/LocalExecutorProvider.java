package io.metarl.core.experiment;

import com.google.auto.service.AutoService;
import com.typesafe.config.Config;
import io.metarl.api.plugin.InvalidSettingException;
import java.util.Set;

/**
 * The default engine, {@code local}: units run on {@code parallelism} threads of this process
 * ({@link ThreadPoolCellExecutor}). Keys: {@code engine = local}, {@code parallelism} (an integer
 * &gt;= 1, default 1).
 */
@AutoService(ExecutorProvider.class)
public final class LocalExecutorProvider implements ExecutorProvider {
  /** The engine's name. */
  public static final String NAME = "local";
  private static final Set<String> KEYS = Set.of("engine", "parallelism");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "threads in this process (execution.parallelism of them)";
  }

  @Override
  public CellExecutor create(Config section, ClassLoader loader) {
    for (String key : section.root().keySet()) {
      if (!KEYS.contains(key)) {
        throw new InvalidSettingException(key, section.getValue(key).unwrapped(),
            "unknown key for engine local (its keys: engine, parallelism)"
                + (key.equals("master") ? "; master is for a cluster engine, e.g. engine = spark" : ""));
      }
    }
    return new ThreadPoolCellExecutor(Engines.parallelism(section, 1));
  }
}
