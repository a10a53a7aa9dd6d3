package io.metarl.api.env;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The convention by which an environment reports per-episode metrics through {@link Step#info()}:
 * every key starting with {@link #PREFIX} holds the episode's value <em>as of that step</em> (e.g.
 * {@code episode.forward_distance}, the distance walked so far), so the value at an episode's last
 * step is the episode's, whether the environment ended the episode or a step limit on top of it did.
 * Keys starting with {@link #END} are 0/1 flags saying how the episode would end if it ended at that
 * step (e.g. {@code episode.end.flipped}); exactly one of them should be 1 at every step, so that
 * their means over episodes are the shares of episodes ending each way.
 *
 * <p>Evaluation ({@code metarl evaluate}) reports the mean and median of each metric and the share of
 * each end over the episodes played; environments without such keys report nothing more.
 */
public final class EpisodeInfo {
  /** Prefix of per-episode metric keys. */
  public static final String PREFIX = "episode.";
  /** Prefix of per-episode end flags (a sub-prefix of {@link #PREFIX}). */
  public static final String END = PREFIX + "end.";

  private EpisodeInfo() {}

  /**
   * The per-episode entries of a step's info, keyed by their names without {@link #PREFIX} (so an end
   * flag is {@code end.<cause>}), in the info's order; empty when there are none or info is null.
   */
  public static Map<String, Double> of(Map<String, Double> info) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (info == null) {
      return out;
    }
    for (Map.Entry<String, Double> e : info.entrySet()) {
      if (e.getKey().startsWith(PREFIX) && e.getValue() != null) {
        out.put(e.getKey().substring(PREFIX.length()), e.getValue());
      }
    }
    return out;
  }

  /** Whether {@code name} (a key of {@link #of}) is an end flag rather than a metric. */
  public static boolean isEnd(String name) {
    return name.startsWith(END.substring(PREFIX.length()));
  }
}
