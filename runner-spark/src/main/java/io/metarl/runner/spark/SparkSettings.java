package io.metarl.runner.spark;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.metarl.api.plugin.InvalidSettingException;
import io.metarl.core.experiment.Engines;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code execution} block of the {@code spark} engine:
 *
 * <pre>{@code
 * execution {
 *   engine = spark
 *   master = "local[2]"     # or spark://host:7077; default: spark.master of spark-submit, else local[*]
 *   parallelism = 2         # units in flight at once (default: the master's cores, e.g. 2 for local[2])
 *   max-failures = 4        # attempts of a unit (spark.task.maxFailures; local masters get local[N,F])
 *   app-name = metarl
 *   conf { "spark.executor.memory" = 4g }   # any other Spark setting, as strings
 *   testing { fail-before { "<unit>" = 1 }, fail-after { "<unit>" = 1 } }   # fault injection, tests only
 * }
 * }</pre>
 *
 * <p>{@code testing.fail-before}: the first N attempts of the named unit (a cell's id such as
 * {@code 10Brf/a2c/seed-1}, or an ES member {@code epoch-1/member-3}) throw before the unit starts.
 * {@code testing.fail-after}: the first N attempts throw after the unit finished (its outputs
 * written) and before its result reaches the driver, as if the executor had died then. Both exist only
 * to test the retry path; nothing else reads them.
 *
 * @param master the Spark master as given to Spark (a local master carries the attempts: local[N,F])
 * @param parallelism units in flight at once (0: ask Spark for its default parallelism)
 * @param maxFailures attempts of a unit before it fails
 * @param appName the Spark application name
 * @param conf further Spark settings
 * @param failBefore unit name -> attempts that fail before it runs
 * @param failAfter unit name -> attempts that fail after it ran
 */
public record SparkSettings(String master, int parallelism, int maxFailures, String appName, Map<String, String> conf,
    Map<String, Integer> failBefore, Map<String, Integer> failAfter) {

  private static final Set<String> KEYS = Set.of("engine", "master", "parallelism", "max-failures", "app-name", "conf", "testing");
  private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)(?:\\s*,\\s*(\\d+))?])?");

  /**
   * Reads and validates a block.
   *
   * @throws InvalidSettingException for an unknown key or a bad value (key relative to the block)
   */
  public static SparkSettings from(Config c) {
    for (String key : c.root().keySet()) {
      if (!KEYS.contains(key)) {
        throw new InvalidSettingException(key, c.getValue(key).unwrapped(),
            "unknown key for engine spark (its keys: " + String.join(", ", KEYS.stream().sorted().toList()) + ")");
      }
    }
    int maxFailures = c.hasPath("max-failures") ? integerAtLeast(c, "max-failures", 1) : 4;
    int parallelism = Engines.parallelism(c, 0);
    String master = c.hasPath("master") ? string(c, "master") : System.getProperty("spark.master", "");
    if (master.isBlank()) {
      master = "local[" + (parallelism > 0 ? parallelism : "*") + "]";
    }
    Matcher m = LOCAL.matcher(master.trim());
    if (m.matches()) {
      String threads = m.group(1) == null ? "1" : m.group(1);
      if (m.group(2) != null) {
        maxFailures = Integer.parseInt(m.group(2));
      }
      // Spark's local masters ignore spark.task.maxFailures; the attempts go into the master
      master = "local[" + threads + "," + maxFailures + "]";
      if (parallelism == 0) {
        parallelism = threads.equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(threads);
      }
    } else if (!master.matches("(spark|yarn|k8s|mesos|local-cluster)\\S*")) {
      throw new InvalidSettingException("master", master, "a Spark master URL: local, local[N], local[*], spark://host:7077, yarn, k8s://...");
    }
    String appName = c.hasPath("app-name") ? string(c, "app-name") : "metarl";
    Map<String, String> conf = new LinkedHashMap<>();
    if (c.hasPath("conf")) {
      if (c.getValue("conf").valueType() != ConfigValueType.OBJECT) {
        throw new InvalidSettingException("conf", c.getValue("conf").unwrapped(), "an object of Spark settings, e.g. { \"spark.executor.memory\" = 4g }");
      }
      for (Map.Entry<String, ConfigValue> e : c.getConfig("conf").entrySet()) {
        String key = String.join(".", ConfigUtil.splitPath(e.getKey()));
        if (!key.startsWith("spark.")) {
          throw new InvalidSettingException("conf." + e.getKey(), e.getValue().unwrapped(), "a Spark setting (a key starting with spark.)");
        }
        if (e.getValue().valueType() == ConfigValueType.LIST || e.getValue().valueType() == ConfigValueType.OBJECT) {
          throw new InvalidSettingException("conf." + e.getKey(), e.getValue().unwrapped(), "a string, number or boolean");
        }
        conf.put(key, String.valueOf(e.getValue().unwrapped()));
      }
    }
    Map<String, Integer> failBefore = Map.of();
    Map<String, Integer> failAfter = Map.of();
    if (c.hasPath("testing")) {
      Config t = c.getConfig("testing");
      for (String key : t.root().keySet()) {
        if (!List.of("fail-before", "fail-after").contains(key)) {
          throw new InvalidSettingException("testing." + key, t.getValue(key).unwrapped(), "fail-before or fail-after");
        }
      }
      failBefore = failures(t, "fail-before");
      failAfter = failures(t, "fail-after");
    }
    return new SparkSettings(master, parallelism, maxFailures, appName, Map.copyOf(conf), failBefore, failAfter);
  }

  private static Map<String, Integer> failures(Config t, String key) {
    if (!t.hasPath(key)) {
      return Map.of();
    }
    if (t.getValue(key).valueType() != ConfigValueType.OBJECT) {
      throw new InvalidSettingException("testing." + key, t.getValue(key).unwrapped(), "an object: unit name -> attempts that fail");
    }
    Map<String, Integer> out = new LinkedHashMap<>();
    t.getObject(key).forEach((name, v) -> {
      if (!(v.unwrapped() instanceof Integer n) || n < 0) {
        throw new InvalidSettingException("testing." + key + ".\"" + name + "\"", v.unwrapped(), "an integer >= 0 (attempts that fail)");
      }
      out.put(name, n);
    });
    return Map.copyOf(out);
  }

  private static String string(Config c, String key) {
    if (c.getValue(key).valueType() != ConfigValueType.STRING) {
      throw new InvalidSettingException(key, c.getValue(key).unwrapped(), "a string");
    }
    return c.getString(key);
  }

  private static int integerAtLeast(Config c, String key, int min) {
    Object v = c.getValue(key).unwrapped();
    if (!(v instanceof Integer n) || n < min) {
      throw new InvalidSettingException(key, v, "an integer >= " + min);
    }
    return n;
  }

  /** True when the master runs everything in this JVM. */
  public boolean localMaster() {
    return master.startsWith("local[");
  }
}
