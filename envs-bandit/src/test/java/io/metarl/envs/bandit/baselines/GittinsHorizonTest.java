package io.metarl.envs.bandit.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.metarl.api.plugin.InvalidSettingException;
import io.metarl.api.plugin.Plugin;
import io.metarl.api.plugin.PluginContext;
import io.metarl.envs.bandit.IndependentBandits;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GittinsHorizonTest {
  private static final Config DEFAULTS = Baselines.defaults("gittins");

  @Test
  void followsTheBanditsHorizonTimesTheEpisodesPerTrial() {
    var h = GittinsBaselineProvider.horizon(DEFAULTS,
        context("environment { plugin = bandit-independent, horizon = 10 }, inference.episodes-per-trial = 5"));
    assertThat(h.pulls()).isEqualTo(50);
    assertThat(h.source()).isEqualTo("bandit horizon 10 x 5 episodes per trial");
  }

  @Test
  void readsTheEnvironmentPluginsDefaultHorizonWhenTheRunLeavesItOut() {
    var h = GittinsBaselineProvider.horizon(DEFAULTS, context(
        "environment.plugin = bandit-independent, plugins.bandit-independent.horizon = 100, inference.episodes-per-trial = 1"));
    assertThat(h.pulls()).isEqualTo(100); // the shipped examples' figures: 100 pulls, 1 episode per trial
  }

  @Test
  void anExplicitHorizonWins() {
    Config set = DEFAULTS.withValue("horizon", ConfigValueFactory.fromAnyRef(7));
    var h = GittinsBaselineProvider.horizon(set, context("environment { plugin = bandit-independent, horizon = 10 }"));
    assertThat(h.pulls()).isEqualTo(7);
    assertThat(h.source()).isEqualTo("set explicitly");
  }

  @Test
  void withoutARunTheOldDefaultOf100() {
    assertThat(GittinsBaselineProvider.horizon(DEFAULTS, null).pulls()).isEqualTo(100);
    assertThat(GittinsBaselineProvider.horizon(DEFAULTS, context("environment.plugin = cartpole")).pulls()).isEqualTo(100);
  }

  @Test
  void theAgentReportsItsHorizonAndTheIndexUsesIt() {
    var dist = new IndependentBandits(5, 10);
    BaselineAgent agent = new GittinsBaselineProvider().create(DEFAULTS, dist.spec(),
        context("environment { plugin = bandit-independent, horizon = 10 }, inference.episodes-per-trial = 3"));
    assertThat(agent.horizon().pulls()).isEqualTo(30);
    assertThat(agent.toString()).contains("horizon 30 (bandit horizon 10 x 3 episodes per trial)");
    assertThat(Baselines.create("gittins", Map.of("horizon", 20), dist.spec()).horizon().pulls()).isEqualTo(20);
  }

  @Test
  void aTrialLongerThanTheTableIsRefused() {
    assertThatThrownBy(() -> GittinsBaselineProvider.horizon(DEFAULTS,
        context("environment { plugin = bandit-independent, horizon = 100000 }, inference.episodes-per-trial = 2")))
        .isInstanceOf(InvalidSettingException.class);
  }

  static PluginContext context(String hocon) {
    Config run = ConfigFactory.parseString(hocon);
    return new PluginContext() {
      @Override
      public long seed() {
        return 1;
      }

      @Override
      public Config runConfig() {
        return run;
      }

      @Override
      public <P extends Plugin> P provider(Class<P> kind, String name) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Config pluginSection(String name, Config overrides) {
        return overrides;
      }
    };
  }
}
