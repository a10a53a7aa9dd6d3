package io.metarl.envs.gym.classic;

import static io.metarl.envs.gym.classic.RangedParameter.Domain.FINITE;
import static io.metarl.envs.gym.classic.RangedParameter.Domain.NON_NEGATIVE;
import static io.metarl.envs.gym.classic.RangedParameter.Domain.POSITIVE;

import com.google.auto.service.AutoService;
import com.typesafe.config.Config;
import io.metarl.api.env.Controller;
import io.metarl.api.plugin.EnvironmentProvider;
import io.metarl.api.plugin.PluginContext;
import io.metarl.api.task.TaskDistribution;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Plugin {@code mountain-car-continuous}: {@link MountainCarContinuous} ({@code
 * MountainCarContinuous-v0}, time limit 999) with {@code power} and {@code gravity} (each with a {@code
 * <key>-range}) and {@code goal-velocity}. Controller: {@code heuristic}.
 */
@AutoService(EnvironmentProvider.class)
public final class MountainCarContinuousProvider implements EnvironmentProvider {

  @Override
  public String name() {
    return "mountain-car-continuous";
  }

  @Override
  public String description() {
    return "MountainCarContinuous-v0 (Gymnasium port), optionally with random engine power and gravity";
  }

  @Override
  public TaskDistribution create(Config section, PluginContext context) {
    double goalVelocity = RangedParameter.readFixed(section, "goal-velocity", FINITE);
    List<RangedParameter> params =
        List.of(
            RangedParameter.read(section, "power", POSITIVE),
            RangedParameter.read(section, "gravity", NON_NEGATIVE));
    return new ClassicTaskDistribution(
        "MountainCarContinuous-v0",
        params,
        Map.of("goal-velocity", goalVelocity),
        v -> new MountainCarContinuous(new MountainCarContinuous.Parameters(v[0], v[1], goalVelocity)));
  }

  @Override
  public Map<String, Supplier<Controller>> controllers() {
    return Map.of("heuristic", Controllers::mountainCarContinuous);
  }
}
