package io.metarl.envs.gym.classic;

import io.metarl.api.env.Environment;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.api.task.Task;
import io.metarl.api.task.TaskDistribution;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * A distribution over the physical parameters of a classic-control environment: every
 * {@link RangedParameter} with a range is drawn uniformly (in the order given, one draw each), the
 * others keep their fixed value. Without any range it is a single instance that ignores the random
 * source.
 */
public final class ClassicTaskDistribution implements TaskDistribution {
  private final String id;
  private final List<RangedParameter> parameters;
  private final Function<double[], ClassicEnvironment> factory;
  private final boolean single;
  private final Map<String, Object> extra;

  /**
   * @param id the environment id, for {@link #spec()} and messages
   * @param parameters the parameters in the order {@code factory} expects their values
   * @param extra fixed, non-numeric settings to list in each task's parameters (e.g. the version)
   * @param factory makes an environment from the parameter values
   */
  public ClassicTaskDistribution(
      String id,
      List<RangedParameter> parameters,
      Map<String, Object> extra,
      Function<double[], ClassicEnvironment> factory) {
    this.id = id;
    this.parameters = List.copyOf(parameters);
    this.extra = Map.copyOf(extra);
    this.factory = factory;
    this.single = parameters.stream().noneMatch(RangedParameter::ranged);
  }

  /** The parameters. */
  public List<RangedParameter> parameters() {
    return parameters;
  }

  @Override
  public Task sample(RandomGenerator rng) {
    double[] values = new double[parameters.size()];
    Map<String, Object> shown = new LinkedHashMap<>(extra);
    for (int i = 0; i < values.length; i++) {
      RangedParameter p = parameters.get(i);
      values[i] = p.sample(rng);
      shown.put(p.key(), values[i]);
    }
    return new ClassicTask(id, Collections.unmodifiableMap(shown), values, factory);
  }

  @Override
  public EnvironmentSpec spec() {
    double[] values = new double[parameters.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = parameters.get(i).value();
    }
    try (Environment env = factory.apply(values)) {
      return EnvironmentSpec.of(env);
    }
  }

  @Override
  public boolean singleInstance() {
    return single;
  }

  @Override
  public String toString() {
    return id + " tasks " + parameters;
  }

  /** One drawn parameter vector. */
  private record ClassicTask(
      String id, Map<String, Object> parameters, double[] values, Function<double[], ClassicEnvironment> factory)
      implements Task {
    @Override
    public Environment newEnvironment() {
      return factory.apply(values.clone());
    }

    @Override
    public String toString() {
      return id + parameters;
    }
  }
}
