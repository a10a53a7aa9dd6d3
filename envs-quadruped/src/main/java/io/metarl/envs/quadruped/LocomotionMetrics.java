package io.metarl.envs.quadruped;

import io.metarl.api.env.EpisodeInfo;
import java.util.Map;

/**
 * The quadruped's per-episode metrics, reported at every step in the step's info under
 * {@link EpisodeInfo}'s convention so that evaluation reads them at whichever step ends the episode:
 * {@code episode.forward_distance} (m, trunk x now minus at the episode's first observation),
 * {@code episode.lateral_drift} (m, the absolute change of the trunk's y), {@code episode.time_survived}
 * (s, control steps times {@link QuadrupedEnvironment#CONTROL_DT}) and one end flag set to 1:
 * {@code episode.end.survived} (no termination at this step) or the termination cause
 * ({@code flipped}, {@code feet_lifted}, {@code standing_still}, {@code yaw_limit}, {@code non_finite}).
 * The distances are NaN after a non-finite physics state (evaluation then leaves them out).
 */
final class LocomotionMetrics {
  /** End names by termination cause (0: not terminated), as {@link QuadrupedEnvironment} numbers them. */
  static final String[] ENDS = {"survived", "flipped", "feet_lifted", "standing_still", "yaw_limit", "non_finite"};

  private double x0;
  private double y0;

  /** Remembers the trunk's position at the episode's first observation. */
  void start(double[] basePosition) {
    x0 = basePosition[0];
    y0 = basePosition[1];
  }

  /** The forward distance (m) at trunk position {@code basePosition}. */
  double forwardDistance(double[] basePosition) {
    return basePosition[0] - x0;
  }

  /**
   * Puts the metrics after {@code steps} control steps into {@code info}.
   *
   * @param basePosition the trunk's position now
   * @param cause the termination cause of this step (0 when the episode goes on or is truncated)
   */
  void report(double[] basePosition, int steps, int cause, Map<String, Double> info) {
    info.put(EpisodeInfo.PREFIX + "forward_distance", forwardDistance(basePosition));
    info.put(EpisodeInfo.PREFIX + "lateral_drift", Math.abs(basePosition[1] - y0));
    info.put(EpisodeInfo.PREFIX + "time_survived", steps * QuadrupedEnvironment.CONTROL_DT);
    for (int i = 0; i < ENDS.length; i++) {
      info.put(EpisodeInfo.END + ENDS[i], i == cause ? 1.0 : 0.0);
    }
  }
}
