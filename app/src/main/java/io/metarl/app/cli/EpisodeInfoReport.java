package io.metarl.app.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.metarl.api.env.EpisodeInfo;
import io.metarl.core.train.EvaluationResult;
import io.metarl.core.train.Stats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The per-episode info of an evaluation ({@link EpisodeInfo}) as {@code evaluate} prints and writes it:
 * mean, median, min and max of each metric, and the share of episodes ending each way. Nothing at all
 * for an environment that reports no {@code episode.*} info, so other environments' output is unchanged.
 */
final class EpisodeInfoReport {
  private EpisodeInfoReport() {}

  /** The console lines (each ending in a newline), empty without per-episode info. */
  static String text(EvaluationResult eval) {
    if (eval.episodeInfo().isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder("  per episode (the environment's episode info at each episode's last step):\n");
    List<String> ends = new ArrayList<>();
    int endEpisodes = 0;
    for (String name : eval.episodeInfo().keySet()) {
      double[] v = eval.episodeInfo(name);
      if (EpisodeInfo.isEnd(name)) {
        ends.add(String.format(Locale.ROOT, "%s %.1f%%", name.substring(name.indexOf('.') + 1), 100 * Stats.mean(v)));
        endEpisodes = Math.max(endEpisodes, v.length);
        continue;
      }
      sb.append(String.format(Locale.ROOT, "    %s: mean %.3f, median %.3f, min %.3f, max %.3f over %d episodes%n", name,
          Stats.mean(v), Stats.median(v), Arrays.stream(v).min().orElse(Double.NaN), Arrays.stream(v).max().orElse(Double.NaN),
          v.length));
    }
    if (!ends.isEmpty()) {
      sb.append("    ended: ").append(String.join(", ", ends))
          .append(String.format(Locale.ROOT, " of %d episodes%n", endEpisodes));
    }
    return sb.toString();
  }

  /**
   * The JSON object {@code episode_info}: per metric its mean, median, min, max and values; per end
   * flag (named {@code end.<cause>}) its share and values. Null without per-episode info.
   */
  static ObjectNode json(EvaluationResult eval) {
    if (eval.episodeInfo().isEmpty()) {
      return null;
    }
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    for (String name : eval.episodeInfo().keySet()) {
      double[] v = eval.episodeInfo(name);
      ObjectNode m = node.putObject(name);
      if (EpisodeInfo.isEnd(name)) {
        m.put("share", Stats.mean(v));
      } else {
        m.put("mean", Stats.mean(v));
        m.put("median", Stats.median(v));
        m.put("min", Arrays.stream(v).min().orElse(Double.NaN));
        m.put("max", Arrays.stream(v).max().orElse(Double.NaN));
      }
      var values = m.putArray("values");
      for (double x : v) {
        values.add(x);
      }
    }
    return node;
  }
}
