package io.metarl.core.experiment;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import io.metarl.api.plugin.InvalidSettingException;
import io.metarl.core.config.ConfigProblem;
import io.metarl.core.config.ConfigValidationException;
import io.metarl.core.config.Suggestions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Selection of an execution engine ({@link ExecutorProvider}) from an {@code execution} block:
 *
 * <pre>{@code
 * execution {
 *   engine = local        # local | spark | any engine found on the class path / in the plugins directory
 *   parallelism = 2       # units run at the same time (local: threads; spark: see metarl-runner-spark)
 *   master = "local[2]"   # engine-specific keys, validated by the engine
 * }
 * }</pre>
 *
 * An engine rejects a key it does not know with an {@link InvalidSettingException} whose
 * {@code expected} text starts with {@code unknown key} (reported as is).
 *
 * An unknown engine is an error that lists the engines found and the closest name; a key an engine
 * does not know is an error naming the key.
 */
public final class Engines {
  /** The engine used when {@code execution.engine} is absent. */
  public static final String DEFAULT = LocalExecutorProvider.NAME;

  private Engines() {}

  /** Every engine {@code loader} sees, by name (the first of a duplicated name wins), sorted. */
  public static Map<String, ExecutorProvider> available(ClassLoader loader) {
    Map<String, ExecutorProvider> out = new LinkedHashMap<>();
    List<ExecutorProvider> found = new ArrayList<>();
    var it = ServiceLoader.load(ExecutorProvider.class, loader).iterator();
    while (true) {
      try {
        if (!it.hasNext()) {
          break;
        }
        found.add(it.next());
      } catch (ServiceConfigurationError e) {
        // a broken engine jar must not hide the others; it simply is not available
      }
    }
    found.sort(Comparator.comparing(ExecutorProvider::name));
    for (ExecutorProvider p : found) {
      out.putIfAbsent(p.name(), p);
    }
    return out;
  }

  /**
   * The engine called {@code name}.
   *
   * @param path where the name was given, for the message (e.g. {@code experiment.execution.engine})
   * @throws ConfigValidationException naming the engines found and the closest one
   */
  public static ExecutorProvider provider(String name, String path, ClassLoader loader) {
    Map<String, ExecutorProvider> all = available(loader);
    ExecutorProvider p = all.get(name);
    if (p != null) {
      return p;
    }
    String hint = Suggestions.closest(name, all.keySet()).map(s -> "did you mean " + s + "? ").orElse("");
    String more = name.equals("spark") ? " (the spark engine is the metarl-runner-spark jar: put it in the plugins"
        + " directory, see runner-spark/SPARK.md)" : "";
    throw new ConfigValidationException(new ConfigProblem(path, "unknown execution engine '" + name + "'; " + hint
        + "engines found: " + String.join(", ", all.keySet()) + more, ""));
  }

  /**
   * Creates the executor an {@code execution} block asks for.
   *
   * @param execution the block (empty: the local engine with one thread)
   * @param path the block's path, for messages (e.g. {@code experiment.execution})
   * @param loader the class loader that sees the engines and the plugins
   * @throws ConfigValidationException for an unknown engine or a setting the engine rejects
   */
  public static CellExecutor create(Config execution, String path, ClassLoader loader) {
    String engine = DEFAULT;
    if (execution.hasPath("engine")) {
      if (execution.getValue("engine").valueType() != ConfigValueType.STRING) {
        throw new ConfigValidationException(ConfigProblem.at(path + ".engine", "expected a string (an engine name)",
            execution.getValue("engine").origin()));
      }
      engine = execution.getString("engine");
    }
    ExecutorProvider provider = provider(engine, path + ".engine", loader);
    try {
      return provider.create(execution.withValue("engine", ConfigValueFactory.fromAnyRef(engine)), loader);
    } catch (InvalidSettingException e) {
      String key = e.key();
      String origin = execution.hasPathOrNull(key) ? ConfigProblem.describe(execution.getValue(key).origin()) : "";
      String message = e.expected().startsWith("unknown key") ? e.expected() : e.value() + " is invalid: expected " + e.expected();
      throw new ConfigValidationException(new ConfigProblem(path + "." + key, message, origin));
    } catch (ConfigException e) {
      throw new ConfigValidationException(new ConfigProblem(path, e.getMessage(), ConfigProblem.describe(e.origin())));
    }
  }

  /** {@code execution} with command-line values laid over it ({@code key -> value}; null values are skipped). */
  public static Config block(Config execution, Map<String, Object> overrides) {
    Config c = execution == null ? ConfigFactory.empty() : execution;
    for (Map.Entry<String, Object> e : overrides.entrySet()) {
      if (e.getValue() != null) {
        c = c.withValue(e.getKey(), ConfigValueFactory.fromAnyRef(e.getValue(), "command line"));
      }
    }
    return c;
  }

  /**
   * Reads {@code parallelism} from an engine's block: an integer &gt;= 1, {@code fallback} when absent.
   *
   * @throws InvalidSettingException otherwise
   */
  public static int parallelism(Config section, int fallback) {
    if (!section.hasPath("parallelism")) {
      return fallback;
    }
    Object v = section.getValue("parallelism").unwrapped();
    if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.intValue() < 1) {
      throw new InvalidSettingException("parallelism", v, "an integer >= 1");
    }
    return n.intValue();
  }
}
