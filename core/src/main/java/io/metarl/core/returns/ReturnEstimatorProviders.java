package io.metarl.core.returns;

import com.google.auto.service.AutoService;
import com.typesafe.config.Config;
import io.metarl.api.plugin.PluginContext;
import io.metarl.api.plugin.ReturnEstimatorProvider;
import io.metarl.api.plugin.Settings;
import io.metarl.api.returns.ReturnEstimator;

/** The providers of the built-in estimators; their defaults are in core's {@code reference.conf}. */
public final class ReturnEstimatorProviders {
  private ReturnEstimatorProviders() {}

  private static double gamma(Config c) {
    return Settings.doubleIn(c, "gamma", 0.0, 1.0);
  }

  /** {@code returns.plugin = gae}: keys gamma, lambda. */
  @AutoService(ReturnEstimatorProvider.class)
  public static final class Gae implements ReturnEstimatorProvider {
    @Override
    public String name() {
      return "gae";
    }

    @Override
    public String description() {
      return "generalised advantage estimation GAE(gamma, lambda)";
    }

    @Override
    public ReturnEstimator create(Config c, PluginContext ctx) {
      return new GaeEstimator(gamma(c), Settings.doubleIn(c, "lambda", 0.0, 1.0));
    }
  }

  /** {@code returns.plugin = monte-carlo}: key gamma. */
  @AutoService(ReturnEstimatorProvider.class)
  public static final class MonteCarlo implements ReturnEstimatorProvider {
    @Override
    public String name() {
      return "monte-carlo";
    }

    @Override
    public String description() {
      return "discounted Monte-Carlo returns to the episode's end";
    }

    @Override
    public ReturnEstimator create(Config c, PluginContext ctx) {
      return new MonteCarloEstimator(gamma(c));
    }
  }

  /** {@code returns.plugin = n-step}: keys gamma, n. */
  @AutoService(ReturnEstimatorProvider.class)
  public static final class NStep implements ReturnEstimatorProvider {
    @Override
    public String name() {
      return "n-step";
    }

    @Override
    public String description() {
      return "n-step bootstrapped returns";
    }

    @Override
    public ReturnEstimator create(Config c, PluginContext ctx) {
      return new NStepEstimator(gamma(c), Settings.intAtLeast(c, "n", 1));
    }
  }

  /** {@code returns.plugin = lambda-return}: keys gamma, lambda. */
  @AutoService(ReturnEstimatorProvider.class)
  public static final class LambdaReturn implements ReturnEstimatorProvider {
    @Override
    public String name() {
      return "lambda-return";
    }

    @Override
    public String description() {
      return "the lambda-return by its recursion";
    }

    @Override
    public ReturnEstimator create(Config c, PluginContext ctx) {
      return new LambdaReturnEstimator(gamma(c), Settings.doubleIn(c, "lambda", 0.0, 1.0));
    }
  }
}
