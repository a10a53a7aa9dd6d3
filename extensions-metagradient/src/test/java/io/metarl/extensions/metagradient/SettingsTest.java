package io.metarl.extensions.metagradient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.metarl.api.plugin.InvalidSettingException;
import io.metarl.api.plugin.Plugin;
import io.metarl.api.plugin.PluginContext;
import io.metarl.api.train.TrainingListener;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

  private static PluginContext context(String run) {
    Config metarl = ConfigFactory.parseString(run).withFallback(ConfigFactory.defaultReference()).resolve().getConfig("metarl");
    return new PluginContext() {
      @Override
      public long seed() {
        return 1;
      }

      @Override
      public Config runConfig() {
        return metarl;
      }

      @Override
      public <P extends Plugin> P provider(Class<P> kind, String name) {
        throw new IllegalArgumentException(name);
      }

      @Override
      public Config pluginSection(String name, Config overrides) {
        String p = "plugins." + name;
        return overrides.withoutPath("plugin").withFallback(metarl.hasPath(p) ? metarl.getConfig(p) : ConfigFactory.empty());
      }
    };
  }

  private static final String RUN = "metarl { agent { plugin = a2c, value-coefficient = 0.25, normalize-advantages = true }, "
      + "returns { plugin = gae } }";

  private static TrainingListener create(String block, String run) {
    PluginContext ctx = context(run);
    Config section = ConfigFactory.parseString(block).withFallback(ctx.runConfig().getConfig("plugins.metagradient"));
    return new MetaGradientProvider().create(section, ctx);
  }

  @Test
  void defaultsListEveryKeyAndBuildAHook() {
    Config d = ConfigFactory.defaultReference().getConfig("metarl.plugins.metagradient");
    assertThat(d.root().keySet()).containsExactlyInAnyOrder("learn", "init", "reference", "meta-learning-rate",
        "meta-optimizer", "trace-decay", "condition-network", "embedding-size");
    MetaGradientSettings s = MetaGradientSettings.from(d);
    assertThat(s.learn()).containsExactly("gamma", "lambda");
    assertThat(s.referenceGamma()).isEqualTo(0.995);
    assertThat(s.traceDecay()).isEqualTo(0.0);
    MetaGradient hook = (MetaGradient) create("learn = [lambda, gamma], init { gamma = 0.9, lambda = 0.5 }", RUN);
    Map<String, Double> eta = hook.current();
    assertThat(eta.keySet()).containsExactly("gamma", "lambda");
    assertThat(eta.get("gamma")).isCloseTo(0.9, org.assertj.core.api.Assertions.within(1e-12));
  }

  @Test
  void buildsAHookFromItsOwnSectionOnly() {
    PluginContext ctx = context(RUN);
    Config section = ctx.runConfig().getConfig("plugins.metagradient");
    assertThat(new MetaGradientProvider().create(section, ctx)).isInstanceOf(MetaGradient.class);
  }

  @Test
  void conditioningTheNetworkIsRejectedWithTheReason() {
    assertThatThrownBy(() -> create("condition-network = true", RUN))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("condition-network")
        .hasMessageContaining("cannot be conditioned on eta");
  }

  @Test
  void badValuesAreRejected() {
    assertThatThrownBy(() -> create("learn = [gamma, alpha]", RUN)).isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("learn");
    assertThatThrownBy(() -> create("init { gamma = 1.0 }", RUN)).isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("init.gamma");
    assertThatThrownBy(() -> create("meta-optimizer = rmsprop", RUN)).isInstanceOf(InvalidSettingException.class);
    assertThatThrownBy(() -> create("trace-decay = 1.5", RUN)).isInstanceOf(InvalidSettingException.class);
    assertThatThrownBy(() -> create("learn = [lambda]", RUN.replace("gae", "monte-carlo")))
        .isInstanceOf(InvalidSettingException.class).hasMessageContaining("monte-carlo");
    assertThatThrownBy(() -> create("learn = [gamma]", RUN.replace("gae", "n-step")))
        .isInstanceOf(InvalidSettingException.class).hasMessageContaining("n-step");
    assertThat(create("learn = [gamma]", RUN.replace("gae", "monte-carlo"))).isInstanceOf(MetaGradient.class);
    // learn = [] needs nothing from the agent or the estimator
    assertThat(create("learn = []", "metarl { agent { plugin = mystery }, returns { plugin = n-step } }"))
        .isInstanceOf(MetaGradient.class);
  }
}
