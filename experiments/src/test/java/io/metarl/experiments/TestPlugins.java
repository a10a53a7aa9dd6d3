package io.metarl.experiments;

import com.typesafe.config.Config;
import io.metarl.api.agent.Agent;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.api.plugin.AgentProvider;
import io.metarl.api.plugin.EnvironmentProvider;
import io.metarl.api.plugin.InvalidSettingException;
import io.metarl.api.plugin.PluginContext;
import io.metarl.api.task.TaskDistribution;
import io.metarl.testkit.TwoArms;
import io.metarl.core.config.OptimizerSettings;
import io.metarl.api.agent.ReturnSpan;
import io.metarl.core.agent.ActorCriticModel;
import io.metarl.core.agent.ActorCriticSettings;
import io.metarl.core.agent.ModelAgent;
import io.metarl.core.nn.Activation;
import io.metarl.core.plugin.PluginRegistry;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Plugins for the experiment tests, registered only in a class loader of their own (a temporary
 * directory with the service files and a reference.conf), so core's other tests never see them:
 * {@code xp-arms}, two arms of which one pays 1 per pull ({@code good-arm = -1} draws it per task),
 * and {@code xp-ac}, an actor-critic ({@code memory = 0}: feed-forward; {@code > 0}: an LSTM, i.e.
 * a meta agent).
 */
final class TestPlugins {
  private TestPlugins() {}

  static PluginRegistry registry(Path dir) throws IOException {
    Path services = dir.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.writeString(services.resolve(AgentProvider.class.getName()), Ac.class.getName() + "\n");
    Files.writeString(services.resolve(EnvironmentProvider.class.getName()), Arms.class.getName() + "\n");
    Files.writeString(dir.resolve("reference.conf"), """
        metarl.plugins.xp-ac { hidden = [8], memory = 0, entropy-coefficient = 0.01, optimizer { type = rmsprop, learning-rate = 5e-5, rms-decay = 0.99, epsilon = 1e-5, max-grad-norm = 0.5, learning-rate-schedule = constant, final-learning-rate-factor = 0.1 } }
        metarl.plugins.xp-arms { good-arm = -1, length = 10 }
        """);
    URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, TestPlugins.class.getClassLoader());
    return PluginRegistry.discover(loader);
  }

  /** Agent {@code xp-ac}. */
  public static final class Ac implements AgentProvider {
    @Override
    public String name() {
      return "xp-ac";
    }

    @Override
    public Agent create(Config section, EnvironmentSpec environment, PluginContext context) {
      int memory = section.getInt("memory");
      if (memory < 0) {
        throw new InvalidSettingException("memory", memory, "an integer >= 0");
      }
      var s = new ActorCriticSettings(section.getIntList("hidden"), Activation.TANH, memory > 0, memory, 0.5,
          section.getDouble("entropy-coefficient"), false, 0.0, 1);
      OptimizerSettings opt = OptimizerSettings.fromAgentSection(section);
      return new ModelAgent(new ActorCriticModel(name(), environment, s, opt, context.seed()),
          memory > 0 ? ReturnSpan.TRIAL : ReturnSpan.EPISODE);
    }
  }

  /** Environment {@code xp-arms}. */
  public static final class Arms implements EnvironmentProvider {
    @Override
    public String name() {
      return "xp-arms";
    }

    @Override
    public TaskDistribution create(Config section, PluginContext context) {
      int good = section.getInt("good-arm");
      int length = section.getInt("length");
      if (good < -1 || good > 1) {
        throw new InvalidSettingException("good-arm", good, "-1 (drawn per task), 0 or 1");
      }
      if (good >= 0) {
        return TwoArms.fixed(good, length);
      }
      return TwoArms.random(length);
    }
  }
}
