package io.metarl.extensions.epg;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.api.plugin.PluginContext;
import io.metarl.api.task.Task;
import io.metarl.api.task.TaskDistribution;
import io.metarl.core.plugin.PluginRegistry;
import io.metarl.core.wiring.RunContext;
import io.metarl.extensions.epg.env.PointGoalProvider;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The inner loop on the point-goal task. */
class LifetimeTest {
  static final InnerSettings INNER = new InnerSettings(new int[] {64, 64}, 2048, 64, 32, 1, 1e-3, 3, 0, 0.99, 0.95,
      0.0, 10.0);

  /** The plugins on the test class path (the reference loss's {@code a2c-pg} among them). */
  static PluginContext plugins() {
    return new RunContext(0, ConfigFactory.empty(), PluginRegistry.discover(LifetimeTest.class.getClassLoader()));
  }

  static TaskDistribution pointGoal(String half) {
    return new PointGoalProvider().create(ConfigFactory.parseString("goal-half-plane = " + half
        + ", goal-distance = 1.0, goal-distance-range = [], episode-length = 50, max-speed = 0.1, ctrl-cost = 0.0"),
        (PluginContext) null);
  }

  static LossNetworkSpec spec(EnvironmentSpec env) {
    return new LossNetworkSpec(Lifetime.featureSize(env), Lifetime.policyOutputSize(env), 32, 256, 16, 6, 5, 32, 4, 2,
        32, 16, 0.2);
  }

  /** The settings of examples/epg-point-goal.conf. */
  static final InnerSettings POINT_GOAL = new InnerSettings(new int[] {64, 64}, 4096, 64, 32, 1, 3e-3, 3, 0, 0.9,
      1.0, 0.0, 10.0);

  @Test
  void theReferenceLossLearnsToReachTheGoalAndRunsAreReproducible() {
    TaskDistribution tasks = pointGoal("left");
    EnvironmentSpec env = tasks.spec();
    Lifetime life = new Lifetime(POINT_GOAL, env, spec(env), plugins());
    double first = 0;
    double last = 0;
    for (int k = 0; k < 4; k++) {
      Task task = tasks.sample(new SplittableRandom(k));
      Lifetime.Result a = life.run(null, 1.0, task, k);
      assertThat(a.curve().size()).isEqualTo(4096 / 50);
      first += a.curve().get(0)[1] / 4;
      last += a.fitness() / 4;
      if (k == 0) {
        assertThat(life.run(null, 1.0, task, k).fitness()).isEqualTo(a.fitness());
      }
    }
    // a random walk stays near the origin: about -50 per 50-step episode at goal distance 1
    assertThat(first).isLessThan(-40);
    assertThat(last).as("mean final return after 4096 steps of A2C").isGreaterThan(-30);
  }

  @Test
  void anEvolvedLossRunsDeterministicallyAndReportsItsThroughput() {
    TaskDistribution tasks = pointGoal("any");
    EnvironmentSpec env = tasks.spec();
    LossNetworkSpec spec = spec(env);
    Lifetime life = new Lifetime(INNER, env, spec, plugins());
    double[] phi = spec.initialParameters(new SplittableRandom(1));
    Task task = tasks.sample(new SplittableRandom(3));
    Lifetime.Result a = life.run(phi, 0.0, task, 4);
    Lifetime.Result b = life.run(phi, 0.0, task, 4);
    Lifetime.Result ref = life.run(null, 1.0, task, 4);
    assertThat(a.fitness()).isEqualTo(b.fitness()).isFinite();
    assertThat(a.evalReturns()).hasSize(3);
    System.out.printf("inner loop point-goal: EPG %.0f steps/s (updates %.2f s of %.2f s), reference %.0f steps/s%n",
        a.stepsPerSecond(), a.updateSeconds(), a.trainSeconds(), ref.stepsPerSecond());
    assertThat(a.stepsPerSecond()).isGreaterThan(100);
  }
}
