package io.metarl.envs.bandit.baselines;

import java.util.List;
import java.util.Locale;

/**
 * The JSON report of a baseline run, written without a JSON library:
 * {@code {"env","arms","horizon","tasks","seed","results":[{"policy","mean_total_reward","stderr",
 * "mean_regret","regret_stderr","seconds"}]}}.
 */
public final class BaselineReport {
  private BaselineReport() {}

  /** The report as pretty-printed JSON. */
  public static String json(String env, int arms, int horizon, int tasks, long seed, List<BaselineRunner.Result> results) {
    StringBuilder sb = new StringBuilder();
    sb.append("{\n");
    sb.append("  \"env\": ").append(quote(env)).append(",\n");
    sb.append("  \"arms\": ").append(arms).append(",\n");
    sb.append("  \"horizon\": ").append(horizon).append(",\n");
    sb.append("  \"tasks\": ").append(tasks).append(",\n");
    sb.append("  \"seed\": ").append(seed).append(",\n");
    sb.append("  \"results\": [");
    for (int i = 0; i < results.size(); i++) {
      BaselineRunner.Result r = results.get(i);
      sb.append(i == 0 ? "\n" : ",\n");
      sb.append("    {\"policy\": ").append(quote(r.policy()))
          .append(", \"mean_total_reward\": ").append(number(r.meanTotalReward()))
          .append(", \"stderr\": ").append(number(r.stderr()))
          .append(", \"mean_regret\": ").append(number(r.meanRegret()))
          .append(", \"regret_stderr\": ").append(number(r.regretStderr()))
          .append(", \"seconds\": ").append(number(r.seconds()))
          .append('}');
    }
    sb.append(results.isEmpty() ? "]\n" : "\n  ]\n");
    sb.append("}\n");
    return sb.toString();
  }

  private static String number(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return "null";
    }
    return String.format(Locale.ROOT, "%.6f", v);
  }

  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
