package io.metarl.envs.gym.classic;

import static io.metarl.envs.gym.classic.RangedParameter.Domain.NON_NEGATIVE;
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
 * Plugin {@code cartpole}: {@link CartPole} ({@code version = v1} or {@code v0}, i.e. time limit 500 or
 * 200) with physics parameters {@code gravity, masscart, masspole, length, force-mag} and, for each, a
 * {@code <key>-range = [lo, hi]} to draw it uniformly per task ({@code []}: fixed). Also {@code
 * sutton-barto-reward}. Controller: {@code heuristic}.
 */
@AutoService(EnvironmentProvider.class)
public final class CartPoleProvider implements EnvironmentProvider {

  @Override
  public String name() {
    return "cartpole";
  }

  @Override
  public String description() {
    return "CartPole-v0/v1 (Gymnasium port), optionally with random pole length, masses, force, gravity";
  }

  @Override
  public TaskDistribution create(Config section, PluginContext context) {
    String version = Settings.oneOf(section, "version", "v1", "v0");
    boolean suttonBarto = section.getBoolean("sutton-barto-reward");
    int limit = version.equals("v0") ? CartPole.V0_MAX_EPISODE_STEPS : CartPole.V1_MAX_EPISODE_STEPS;
    String id = "CartPole-" + version;
    List<RangedParameter> params =
        List.of(
            RangedParameter.read(section, "gravity", NON_NEGATIVE),
            RangedParameter.read(section, "masscart", POSITIVE),
            RangedParameter.read(section, "masspole", POSITIVE),
            RangedParameter.read(section, "length", POSITIVE),
            RangedParameter.read(section, "force-mag", POSITIVE));
    return new ClassicTaskDistribution(
        id,
        params,
        Map.of("version", version),
        v -> new CartPole(id, limit, new CartPole.Parameters(v[0], v[1], v[2], v[3], v[4]), suttonBarto));
  }

  @Override
  public Map<String, Supplier<Controller>> controllers() {
    return Map.of("heuristic", Controllers::cartPole);
  }
}
