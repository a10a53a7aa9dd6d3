package io.metarl.envs.bandit;

import io.metarl.api.task.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Bernoulli bandit task: the arms' success probabilities and the pulls per episode.
 *
 * <p>The array is copied on construction and on access, so a task is an immutable value.
 *
 * @param probabilities success probability per arm, each in [0, 1], at least one arm
 * @param horizon pulls per episode, at least 1
 * @param observeTime the environment's observation is the elapsed fraction of the episode,
 *     {@code pulls / horizon}, instead of the constant {@code 1} (see {@link BernoulliBandit})
 */
public record BanditTask(double[] probabilities, int horizon, boolean observeTime) implements Task {

  /** A task whose observation is the constant {@code [1]}. */
  public BanditTask(double[] probabilities, int horizon) {
    this(probabilities, horizon, false);
  }

  /** The same arms and horizon, observing the elapsed fraction of the episode. */
  public BanditTask withObservedTime() {
    return new BanditTask(probabilities, horizon, true);
  }

  /** Validates and copies. */
  public BanditTask {
    if (probabilities == null || probabilities.length < 1) {
      throw new IllegalArgumentException("a bandit task needs at least one arm");
    }
    probabilities = probabilities.clone();
    for (int i = 0; i < probabilities.length; i++) {
      if (!(probabilities[i] >= 0 && probabilities[i] <= 1)) {
        throw new IllegalArgumentException(
            "arm " + i + " has probability " + probabilities[i] + ", expected [0, 1]");
      }
    }
    if (horizon < 1) {
      throw new IllegalArgumentException("horizon must be >= 1, got " + horizon);
    }
  }

  /** A copy of the success probabilities. */
  @Override
  public double[] probabilities() {
    return probabilities.clone();
  }

  /** The success probability of one arm. */
  public double probability(int arm) {
    return probabilities[arm];
  }

  /** Number of arms. */
  public int arms() {
    return probabilities.length;
  }

  /** The best arm's success probability, {@code max_i p_i} (the oracle's expected reward per pull). */
  public double bestMean() {
    double best = probabilities[0];
    for (double p : probabilities) {
      best = Math.max(best, p);
    }
    return best;
  }

  /** The index of the best arm (the lowest index among ties). */
  public int bestArm() {
    int best = 0;
    for (int i = 1; i < probabilities.length; i++) {
      if (probabilities[i] > probabilities[best]) {
        best = i;
      }
    }
    return best;
  }

  /** The expected regret of one pull of {@code arm}: {@code bestMean() - p[arm]}. */
  public double gap(int arm) {
    return bestMean() - probabilities[arm];
  }

  @Override
  public BernoulliBandit newEnvironment() {
    return new BernoulliBandit(probabilities, horizon, observeTime);
  }

  /** {@code probabilities} (a list of doubles), {@code arms} and {@code horizon}. */
  @Override
  public java.util.OptionalDouble optimalReturn() {
    return java.util.OptionalDouble.of(horizon * bestMean());
  }

  @Override
  public Map<String, Object> parameters() {
    List<Double> p = new ArrayList<>(probabilities.length);
    for (double v : probabilities) {
      p.add(v);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("probabilities", List.copyOf(p));
    m.put("arms", probabilities.length);
    m.put("horizon", horizon);
    if (observeTime) {
      m.put("observe_time", true);
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BanditTask t && horizon == t.horizon && observeTime == t.observeTime
        && Arrays.equals(probabilities, t.probabilities);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(probabilities) + horizon) + Boolean.hashCode(observeTime);
  }

  @Override
  public String toString() {
    return "BanditTask" + Arrays.toString(probabilities) + " horizon " + horizon + (observeTime ? " observing time" : "");
  }
}
