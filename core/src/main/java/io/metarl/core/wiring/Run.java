package io.metarl.core.wiring;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import com.google.inject.TypeLiteral;
import com.typesafe.config.Config;
import io.metarl.api.agent.Agent;
import io.metarl.api.returns.ReturnEstimator;
import io.metarl.api.task.TaskDistribution;
import io.metarl.api.train.TrainingListener;
import io.metarl.core.config.ConfigLoader;
import io.metarl.core.config.ConfigProblem;
import io.metarl.core.config.ConfigValidationException;
import io.metarl.core.config.ConfigValidator;
import io.metarl.core.config.MemoryEstimate;
import io.metarl.core.config.RunSettings;
import io.metarl.core.plugin.PluginRegistry;
import java.nio.file.Path;
import java.util.List;

/**
 * A fully wired run: validated configuration, the chosen task distribution, return estimator, agent
 * and listeners. Built by {@link #load} from a HOCON file; everything is validated and created before
 * any training step, so a bad setting fails fast.
 *
 * @param settings the engine's settings
 * @param config the resolved {@code metarl} block
 * @param registry the plugins discovered
 * @param tasks the task distribution
 * @param returns the return estimator
 * @param agent the (untrained) agent
 * @param listeners the extensions' listeners
 */
public record Run(
    RunSettings settings, Config config, PluginRegistry registry, TaskDistribution tasks,
    ReturnEstimator returns, Agent agent, List<TrainingListener> listeners) {

  /**
   * Loads, validates and wires a run.
   *
   * @param file the run's HOCON file (null for defaults only)
   * @param overrides {@code key=value} overrides (win over the file)
   * @throws ConfigValidationException listing every problem
   */
  public static Run load(Path file, List<String> overrides, PluginRegistry registry) {
    Config metarl = validate(file, overrides, registry);
    return wire(metarl, registry);
  }

  /**
   * Loads and validates a run's configuration without creating its plugins.
   *
   * @return the resolved {@code metarl} block
   */
  public static Config validate(Path file, List<String> overrides, PluginRegistry registry) {
    return validate(ConfigLoader.parseUser(file, overrides), registry);
  }

  /**
   * Validates a parsed user configuration (a {@code metarl { ... }} block).
   *
   * @return the resolved {@code metarl} block
   */
  public static Config validate(Config user, PluginRegistry registry) {
    Config merged = ConfigLoader.merge(user, registry.classLoader());
    Config resolved = ConfigLoader.resolveUser(user, registry.classLoader());
    List<ConfigProblem> problems = ConfigValidator.validate(resolved, merged, registry);
    if (!problems.isEmpty()) {
      throw new ConfigValidationException(problems);
    }
    Config metarl = merged.getConfig("metarl");
    MemoryEstimate.check(metarl);
    return metarl;
  }

  /** Wires a validated {@code metarl} block with Guice. */
  public static Run wire(Config metarl, PluginRegistry registry) {
    try {
      Injector injector = Guice.createInjector(Stage.PRODUCTION, binder -> {
        binder.requireExplicitBindings();
        binder.install(new RunModule(metarl, registry));
      });
      return new Run(
          injector.getInstance(RunSettings.class),
          metarl,
          registry,
          injector.getInstance(TaskDistribution.class),
          injector.getInstance(ReturnEstimator.class),
          injector.getInstance(Agent.class),
          injector.getInstance(Key.get(new TypeLiteral<List<TrainingListener>>() {})));
    } catch (ProvisionException e) {
      throw unwrap(e, e.getErrorMessages());
    } catch (com.google.inject.CreationException e) {
      throw unwrap(e, e.getErrorMessages());
    }
  }

  /** Guice wraps what a provider throws; a configuration problem is re-thrown as itself. */
  private static RuntimeException unwrap(RuntimeException e, java.util.Collection<com.google.inject.spi.Message> messages) {
    for (com.google.inject.spi.Message m : messages) {
      for (Throwable t = m.getCause(); t != null; t = t.getCause()) {
        if (t instanceof ConfigValidationException cve) {
          return cve;
        }
        if (t instanceof RuntimeException re && !(t instanceof ProvisionException)) {
          return re;
        }
      }
    }
    return e;
  }
}
