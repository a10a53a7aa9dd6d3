package io.metarl.extensions.metagradient.env;

import com.google.auto.service.AutoService;
import com.typesafe.config.Config;
import io.metarl.api.plugin.EnvironmentProvider;
import io.metarl.api.plugin.InvalidSettingException;
import io.metarl.api.plugin.PluginContext;
import io.metarl.api.plugin.Settings;
import io.metarl.api.task.Task;
import io.metarl.api.task.TaskDistribution;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * {@code environment.plugin = delayed-chain}: the {@link DelayedChainEnvironment}, a single task
 * (keys {@code length}, {@code quit-reward}, {@code goal-reward}).
 */
@AutoService(EnvironmentProvider.class)
public final class DelayedChainProvider implements EnvironmentProvider {

  /** For ServiceLoader. */
  public DelayedChainProvider() {}

  @Override
  public String name() {
    return "delayed-chain";
  }

  @Override
  public String description() {
    return "a chain whose goal reward comes after `length` steps; quitting pays a smaller reward at once";
  }

  @Override
  public TaskDistribution create(Config c, PluginContext ctx) {
    int length = Settings.intAtLeast(c, "length", 2);
    double quit = Settings.nonNegative(c, "quit-reward");
    double goal = Settings.positive(c, "goal-reward");
    if (quit >= goal) {
      throw new InvalidSettingException("quit-reward", quit, "a number below goal-reward (" + goal + ")");
    }
    return TaskDistribution.fixed(task(length, quit, goal));
  }

  /** The task of the given shape. */
  public static Task task(int length, double quit, double goal) {
    return new Task() {
      @Override
      public DelayedChainEnvironment newEnvironment() {
        return new DelayedChainEnvironment(length, quit, goal);
      }

      @Override
      public Map<String, Object> parameters() {
        return Map.of("length", length, "quit_reward", quit, "goal_reward", goal);
      }

      @Override
      public OptionalDouble optimalReturn() {
        return OptionalDouble.of(goal);
      }
    };
  }
}
