package io.metarl.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metarl.core.config.OptimizerSettings;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The plain-Java {@link Optimizer} makes the same updates as the ND4J updaters it replaced
 * ({@link Nd4jReferenceOptimizer}): same parameters, same state (the checkpoint format), same
 * gradient norms, through gradient clipping, a linear learning-rate schedule and a checkpoint round
 * trip between the two implementations. Agreement is to 1e-12 relative (libnd4j may contract
 * multiply-adds differently from Java's strict IEEE evaluation).
 */
class OptimizerTest {
  private static final int N = 37;

  @ParameterizedTest
  @ValueSource(strings = {"rmsprop", "adam", "sgd"})
  void matchesNd4jWithClippingAndSchedule(String type) {
    // max-grad-norm 1.5: the gradients below have norms of about 0.3 to 6, so some steps are clipped.
    var settings = new OptimizerSettings(type, 0.01, 0.95, 1e-5, 1.5, "linear", 0.2);
    Optimizer ours = new Optimizer(settings, N);
    Nd4jReferenceOptimizer ref = new Nd4jReferenceOptimizer(settings, N);
    double[] p = start();
    double[] q = p.clone();
    SplittableRandom rng = new SplittableRandom(5);
    int clipped = 0;
    for (int step = 0; step < 25; step++) {
      double fraction = step / 25.0;
      ours.progress(fraction);
      ref.progress(fraction);
      assertThat(ours.learningRate()).isEqualTo(ref.learningRate());
      double[] grad = gradient(rng, step);
      double[] copy = grad.clone();
      double a = ours.step(p, grad);
      double b = ref.step(q, grad.clone());
      assertThat(grad).as("the gradient is left unchanged").containsExactly(copy);
      assertThat(a).isEqualTo(b);
      clipped += a > 1.5 ? 1 : 0;
      assertClose(p, q);
      assertClose(ours.state(), ref.state());
      assertThat(ours.iterations()).isEqualTo(ref.iterations());
    }
    assertThat(clipped).as("clipped steps").isBetween(3, 22);
  }

  @ParameterizedTest
  @ValueSource(strings = {"rmsprop", "adam", "sgd"})
  void checkpointStateIsInterchangeableWithNd4j(String type) {
    var settings = new OptimizerSettings(type, 0.003, 0.99, 1e-8, 0.0);
    Nd4jReferenceOptimizer ref = new Nd4jReferenceOptimizer(settings, N);
    assertThat(new Optimizer(settings, N).state()).as("initial state").containsExactly(ref.state());
    double[] q = start();
    SplittableRandom rng = new SplittableRandom(8);
    for (int step = 0; step < 4; step++) {
      ref.step(q, gradient(rng, step));
    }
    // Restore ND4J's saved state into ours, continue both.
    Optimizer ours = new Optimizer(settings, N);
    ours.restore(ref.state(), ref.iterations());
    double[] p = q.clone();
    for (int step = 4; step < 10; step++) {
      double[] g = gradient(rng, step);
      ours.step(p, g);
      ref.step(q, g.clone());
    }
    assertClose(p, q);
    assertClose(ours.state(), ref.state());
    // And back: ours saved, ND4J restored.
    Nd4jReferenceOptimizer back = new Nd4jReferenceOptimizer(settings, N);
    back.restore(ours.state(), ours.iterations());
    double[] g = gradient(rng, 11);
    double[] p2 = p.clone();
    ours.step(p, g);
    back.step(p2, g.clone());
    assertClose(p, p2);
  }

  @Test
  void rejectsAStateOfTheWrongSize() {
    Optimizer ours = new Optimizer(new OptimizerSettings("adam", 0.01, 0.99, 1e-8, 0.0), N);
    assertThat(ours.state()).hasSize(2 * N);
    assertThatThrownBy(() -> ours.restore(new double[N], 3)).isInstanceOf(IllegalArgumentException.class);
  }

  private static double[] start() {
    SplittableRandom rng = new SplittableRandom(3);
    double[] p = new double[N];
    for (int i = 0; i < N; i++) {
      p[i] = rng.nextDouble(-1, 1);
    }
    return p;
  }

  private static double[] gradient(SplittableRandom rng, int step) {
    double scale = step % 3 == 0 ? 1.0 : 0.05;
    double[] g = new double[N];
    for (int i = 0; i < N; i++) {
      g[i] = scale * rng.nextDouble(-1, 1);
    }
    g[step % N] = 0.0; // a zero gradient entry (RMSProp and Adam divide by the running averages)
    return g;
  }

  private static void assertClose(double[] ours, double[] ref) {
    assertThat(ours).hasSameSizeAs(ref);
    for (int i = 0; i < ours.length; i++) {
      double tol = 1e-12 * Math.max(1e-3, Math.abs(ref[i]));
      assertThat(Math.abs(ours[i] - ref[i])).as("element %d: %s vs %s", i, ours[i], ref[i]).isLessThanOrEqualTo(tol);
    }
  }
}
