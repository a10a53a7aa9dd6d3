package io.metarl.extensions.epg.env;

import com.google.auto.service.AutoService;
import com.typesafe.config.Config;
import io.metarl.api.env.Environment;
import io.metarl.api.plugin.EnvironmentProvider;
import io.metarl.api.plugin.InvalidSettingException;
import io.metarl.api.plugin.PluginContext;
import io.metarl.api.plugin.Settings;
import io.metarl.api.task.Task;
import io.metarl.api.task.TaskDistribution;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The {@code point-goal} environment plugin: a distribution of {@link PointGoalEnvironment} tasks whose
 * goal lies at distance {@code goal-distance} (or drawn from {@code goal-distance-range}) in a direction
 * drawn uniformly from the half-plane {@code goal-half-plane}: {@code left} (x &lt; 0), {@code right}
 * (x &gt; 0) or {@code any}. Evolve on one half-plane and test on the other for the directional
 * out-of-distribution test of the EPG paper (GoalAnt, Houthooft et al. 2018, Fig. 6).
 */
@AutoService(EnvironmentProvider.class)
public final class PointGoalProvider implements EnvironmentProvider {

  @Override
  public String name() {
    return "point-goal";
  }

  @Override
  public String description() {
    return "2-D point mass reaching an unobserved goal on a chosen half-plane (EPG's directional test)";
  }

  @Override
  public TaskDistribution create(Config section, PluginContext context) {
    String half = Settings.oneOf(section, "goal-half-plane", "left", "right", "any");
    double distance = Settings.positive(section, "goal-distance");
    double[] range = range(section, "goal-distance-range");
    int length = Settings.intAtLeast(section, "episode-length", 1);
    double speed = Settings.positive(section, "max-speed");
    double ctrl = Settings.nonNegative(section, "ctrl-cost");
    return new TaskDistribution() {
      @Override
      public Task sample(RandomGenerator rng) {
        double angle = switch (half) {
          case "right" -> rng.nextDouble(-0.5 * Math.PI, 0.5 * Math.PI);
          case "left" -> rng.nextDouble(0.5 * Math.PI, 1.5 * Math.PI);
          default -> rng.nextDouble(0, 2 * Math.PI);
        };
        double r = range == null ? distance : rng.nextDouble(range[0], range[1]);
        double gx = r * Math.cos(angle);
        double gy = r * Math.sin(angle);
        return new Task() {
          @Override
          public Environment newEnvironment() {
            return new PointGoalEnvironment(gx, gy, length, speed, ctrl);
          }

          @Override
          public Map<String, Object> parameters() {
            return Map.of("goal_x", gx, "goal_y", gy);
          }
        };
      }
    };
  }

  private static double[] range(Config c, String key) {
    List<Double> r;
    try {
      r = c.getDoubleList(key);
    } catch (com.typesafe.config.ConfigException e) {
      throw new InvalidSettingException(key, c.getValue(key).render(), "[] or [lo, hi] with 0 < lo < hi");
    }
    if (r.isEmpty()) {
      return null;
    }
    if (r.size() != 2 || !(r.get(0) > 0) || !(r.get(0) < r.get(1))) {
      throw new InvalidSettingException(key, r, "[] or [lo, hi] with 0 < lo < hi");
    }
    return new double[] {r.get(0), r.get(1)};
  }
}
