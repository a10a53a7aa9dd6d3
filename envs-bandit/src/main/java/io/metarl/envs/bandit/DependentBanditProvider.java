package io.metarl.envs.bandit;

import com.google.auto.service.AutoService;
import com.typesafe.config.Config;
import io.metarl.api.plugin.EnvironmentProvider;
import io.metarl.api.plugin.PluginContext;
import io.metarl.api.plugin.Settings;
import java.util.Locale;

/**
 * Plugin {@code bandit-dependent}: {@link DependentBandits}, two arms with {@code p_2 = 1 - p_1} and
 * {@code p_1} from a two-point set ({@code easy} {0.1, 0.9}, {@code medium} {0.25, 0.75}, {@code hard}
 * {0.4, 0.6}) or {@code U[0,1]} ({@code uniform}). Keys: {@code difficulty} (one of easy, medium,
 * hard, uniform; default medium), {@code horizon} (integer >= 1, default 100), {@code arms} (must be
 * 2, default 2; present so a run file can state it, as in DESIGN.md section 3).
 */
@AutoService(EnvironmentProvider.class)
public final class DependentBanditProvider implements EnvironmentProvider {
  /** The plugin name. */
  public static final String NAME = "bandit-dependent";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "two dependent Bernoulli arms, p_2 = 1 - p_1 (Wang et al. 2016), easy|medium|hard|uniform";
  }

  @Override
  public BanditDistribution create(Config section, PluginContext context) {
    BanditSettings.exactly(section, "arms", 2, "dependent bandits have two arms");
    String word = Settings.oneOf(section, "difficulty", "easy", "medium", "hard", "uniform");
    int horizon = Settings.intAtLeast(section, "horizon", 1);
    BanditDistribution tasks = new DependentBandits(DependentBandits.Difficulty.valueOf(word.toUpperCase(Locale.ROOT)), horizon);
    return section.getBoolean("observe-time") ? tasks.observingTime() : tasks;
  }
}
