package io.metarl.envs.gym.classic;

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
 * Plugin {@code pendulum}: {@link Pendulum} ({@code Pendulum-v1}, time limit 200) with gravity {@code
 * g}, mass {@code m} and length {@code l}, each with a {@code <key>-range}. Controller: {@code
 * heuristic}.
 */
@AutoService(EnvironmentProvider.class)
public final class PendulumProvider implements EnvironmentProvider {

  @Override
  public String name() {
    return "pendulum";
  }

  @Override
  public String description() {
    return "Pendulum-v1 (Gymnasium port), optionally with random gravity, mass and length";
  }

  @Override
  public TaskDistribution create(Config section, PluginContext context) {
    List<RangedParameter> params =
        List.of(
            RangedParameter.read(section, "g", NON_NEGATIVE),
            RangedParameter.read(section, "m", POSITIVE),
            RangedParameter.read(section, "l", POSITIVE));
    return new ClassicTaskDistribution(
        "Pendulum-v1", params, Map.of(), v -> new Pendulum(new Pendulum.Parameters(v[0], v[1], v[2])));
  }

  @Override
  public Map<String, Supplier<Controller>> controllers() {
    return Map.of("heuristic", Controllers::pendulum);
  }
}
