package io.metarl.envs.gym.classic;

import static io.metarl.envs.gym.classic.RangedParameter.Domain.POSITIVE;

import com.google.auto.service.AutoService;
import com.typesafe.config.Config;
import io.metarl.api.env.Controller;
import io.metarl.api.plugin.EnvironmentProvider;
import io.metarl.api.plugin.PluginContext;
import io.metarl.api.plugin.Settings;
import io.metarl.api.task.TaskDistribution;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Plugin {@code acrobot}: {@link Acrobot} ({@code Acrobot-v1}, time limit 500) with {@code
 * link-length-1, link-length-2, link-mass-1, link-mass-2}, each with a {@code <key>-range}, and {@code
 * dynamics = book|nips}. Controller: {@code heuristic}.
 */
@AutoService(EnvironmentProvider.class)
public final class AcrobotProvider implements EnvironmentProvider {

  @Override
  public String name() {
    return "acrobot";
  }

  @Override
  public String description() {
    return "Acrobot-v1 (Gymnasium port), optionally with random link lengths and masses";
  }

  @Override
  public TaskDistribution create(Config section, PluginContext context) {
    boolean book = Settings.oneOf(section, "dynamics", "book", "nips").equals("book");
    List<RangedParameter> params =
        List.of(
            RangedParameter.read(section, "link-length-1", POSITIVE),
            RangedParameter.read(section, "link-length-2", POSITIVE),
            RangedParameter.read(section, "link-mass-1", POSITIVE),
            RangedParameter.read(section, "link-mass-2", POSITIVE));
    return new ClassicTaskDistribution(
        "Acrobot-v1",
        params,
        Map.of("dynamics", book ? "book" : "nips"),
        v -> new Acrobot(new Acrobot.Parameters(v[0], v[1], v[2], v[3], book)));
  }

  @Override
  public Map<String, Supplier<Controller>> controllers() {
    return Map.of("heuristic", Controllers::acrobot);
  }
}
