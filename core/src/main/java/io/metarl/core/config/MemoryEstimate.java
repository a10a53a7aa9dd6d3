package io.metarl.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValueType;
import java.util.Locale;

/**
 * A lower bound on the heap a run needs, computed from its configuration before anything is allocated:
 * the rollout buffers ({@code lanes x rollout-length} steps, each with the recurrent memory's trace),
 * one environment and memory state per lane, and the network's parameters with their gradients and
 * optimiser moments (doubles). A run whose bound exceeds the JVM's maximum heap is refused with the
 * estimate and the heap size instead of dying with an {@link OutOfMemoryError} later.
 *
 * <p>Invariant: every term is at most what the shipped agents allocate (the parameter term is calibrated
 * on a measured run), so a refused run could not have run; the estimate is computed in doubles, so
 * absurd values (1e9 lanes) cannot overflow. A run that passes and still runs out of memory ends with a
 * plain "out of memory" error (exit 2) from the command line.
 */
public final class MemoryEstimate {
  private static final double BYTES_PER_LANE = 256;
  // Weights, gradients, optimiser moments and the learner's working copies, as doubles: measured, a
  // 100M-parameter RL² agent (memory.units = 5000) runs out of a 4 GiB heap in its first update.
  private static final double BYTES_PER_PARAMETER = 8 * 8;
  private static final double VALUES_PER_STEP = 8; // observation, action, reward, value, log-prob, flags

  private MemoryEstimate() {}

  /** The estimate in bytes for a validated {@code metarl} block. */
  public static double bytes(Config metarl) {
    double lanes = number(metarl, "training.lanes");
    double rollout = number(metarl, "training.rollout-length");
    Config agent = agentSection(metarl);
    double units = agent.hasPath("memory.units") ? number(agent, "memory.units") : 0;
    double parameters = 4 * units * (units + 1);
    double width = 1;
    double hiddenSum = 0;
    if (agent.hasPath("hidden") && agent.getValue("hidden").valueType() == ConfigValueType.LIST) {
      for (Object h : agent.getList("hidden").unwrapped()) {
        if (h instanceof Number n && n.doubleValue() > 0) {
          parameters += width * n.doubleValue();
          width = n.doubleValue();
          hiddenSum += n.doubleValue();
        }
      }
    }
    double perStep = 8 * (VALUES_PER_STEP + 6 * units + hiddenSum); // LSTM trace: 4 gates, cell, hidden
    return lanes * rollout * perStep + lanes * (BYTES_PER_LANE + 16 * units) + parameters * BYTES_PER_PARAMETER;
  }

  /**
   * Refuses a run whose estimate exceeds the maximum heap.
   *
   * @throws ConfigValidationException naming the estimate, the heap and the keys that drive it
   */
  public static void check(Config metarl) {
    double need;
    try {
      need = bytes(metarl);
    } catch (ConfigException | ClassCastException e) {
      return; // the validator reports wrong types; nothing to estimate from
    }
    long heap = Runtime.getRuntime().maxMemory();
    if (need > heap) {
      Config agent = agentSection(metarl);
      throw new ConfigValidationException(new ConfigProblem("metarl.training",
          String.format(Locale.ROOT, "this run needs at least %s of memory (training.lanes = %s, rollout-length = %s%s) "
              + "but the Java heap is %s: lower those settings, or raise the heap (METARL_JAVA_OPTS=-Xmx...)",
              size(need), plain(metarl, "training.lanes"), plain(metarl, "training.rollout-length"),
              agent.hasPath("memory.units") ? ", agent memory.units = " + plain(agent, "memory.units") : "",
              size(heap)),
          ConfigProblem.describe(metarl.getValue("training.lanes").origin())));
    }
  }

  private static Config agentSection(Config metarl) {
    Config block = metarl.getConfig("agent");
    String name = block.hasPath("plugin") ? block.getString("plugin") : "";
    String p = "plugins." + com.typesafe.config.ConfigUtil.quoteString(name);
    Config defaults = metarl.hasPath(p) ? metarl.getConfig(p) : com.typesafe.config.ConfigFactory.empty();
    Config out = block.withFallback(defaults);
    if (out.hasPath("base") && out.getValue("base").valueType() == ConfigValueType.STRING) {
      String base = "plugins." + com.typesafe.config.ConfigUtil.quoteString(out.getString("base"));
      if (metarl.hasPath(base)) {
        out = out.withFallback(metarl.getConfig(base));
      }
    }
    return out;
  }

  private static double number(Config c, String path) {
    return c.getNumber(path).doubleValue();
  }

  private static String plain(Config c, String path) {
    double v = number(c, path);
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%,d", (long) v) : String.valueOf(v);
  }

  private static String size(double bytes) {
    String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB"};
    int i = 0;
    double b = bytes;
    while (b >= 1024 && i < units.length - 1) {
      b /= 1024;
      i++;
    }
    return String.format(Locale.ROOT, i == 0 ? "%.0f %s" : "%.1f %s", b, units[i]);
  }

}
