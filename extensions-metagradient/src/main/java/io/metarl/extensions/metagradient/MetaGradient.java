package io.metarl.extensions.metagradient;

import io.metarl.api.agent.Differentiable;
import io.metarl.api.agent.RolloutBatch;
import io.metarl.api.returns.ReturnEstimator;
import io.metarl.api.train.UpdateContext;
import io.metarl.api.train.UpdateHook;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Online meta-gradient learning of the discount gamma and the bootstrapping parameter lambda of the
 * return (Xu, van Hasselt and Silver 2018, "Meta-Gradient Reinforcement Learning", NeurIPS; arXiv
 * 1805.09801, sections 1.1-1.3, equations 1-7).
 *
 * <p>The meta-parameters are {@code eta = sigmoid(x)} with learned logits {@code x}. Before each update
 * of a worker (an {@link UpdateHook}):
 * <ol>
 *   <li>if the worker made an update before, the rollout now in hand is the fresh rollout tau' of the
 *       paper: the meta-gradient {@code dJ'/deta = g' . z} is formed with
 *       {@code g' = (1/n) sum_i A'_i grad log pi(a_i|s_i)}, the policy gradient of tau' at the updated
 *       parameters theta', with advantages {@code A' = G_eta'(tau') - v(s)} of the reference
 *       meta-parameters eta' (equation 7), and the logits take one ascent step;</li>
 *   <li>the worker's return estimator is switched to the current eta and this rollout's returns are
 *       recomputed ({@link UpdateContext#useReturnEstimator});</li>
 *   <li>the trace {@code z <- mu z + df/deta} is updated (equation 6), where {@code f} is the update
 *       {@code theta' - theta = alpha (1/n) sum_i [A_i grad log pi + c_v (G_i - v_i) grad v + ...]}
 *       of a plain gradient step on the learner's loss, so
 *       {@code df/deta = alpha (1/n) sum_i dA_i/deta grad log pi(a_i|s_i) + c_v dG_i/deta grad v(s_i)},
 *       obtained by one {@link Differentiable#gradient} call per learned meta-parameter with weights
 *       {@code alpha dA/deta / n} and {@code alpha c_v dG/deta / n}; {@code dG/deta} comes from
 *       {@link LambdaReturns}, and {@code dA/deta} also differentiates the learner's advantage
 *       standardisation when it is on.</li>
 * </ol>
 * The trace is kept with respect to the logits, so the chain rule through the sigmoid uses the eta of
 * the update that produced it. The metrics {@code meta/gamma}, {@code meta/lambda} (the values used by
 * the update) and {@code meta/grad_<name>} ({@code dJ'/deta} of the meta-step taken before it, 0 at a
 * worker's first update) are added to every update.
 *
 * <p>Approximations, as in the paper: the inner update is treated as a plain gradient step of size
 * {@link Differentiable#learningRate()}; the learner's optimiser preconditioning (RMSProp, Adam) and
 * gradient clipping are not differentiated. Several workers (A3C) share eta; each keeps its own trace.
 * With {@code learn = []} the hook does nothing at all, so the run is the run without the extension.
 */
public final class MetaGradient implements UpdateHook {
  private final MetaGradientSettings settings;
  private final List<String> learned;
  private final double[] logits;
  private final MetaOptimizer optimizer;
  private final Map<Integer, double[][]> traces = new ConcurrentHashMap<>();
  private volatile boolean checked;

  /** A hook with the given settings. */
  public MetaGradient(MetaGradientSettings settings) {
    this.settings = settings;
    this.learned = settings.learn();
    this.logits = new double[learned.size()];
    for (int j = 0; j < logits.length; j++) {
      logits[j] = logit(settings.init(learned.get(j)));
    }
    this.optimizer = new MetaOptimizer(settings.metaOptimizer(), settings.metaLearningRate(), logits.length);
  }

  /** The current meta-parameters of the learned names. */
  public synchronized Map<String, Double> current() {
    Map<String, Double> out = new LinkedHashMap<>();
    for (int j = 0; j < logits.length; j++) {
      out.put(learned.get(j), sigmoid(logits[j]));
    }
    return out;
  }

  @Override
  public void beforeUpdate(UpdateContext ctx) {
    if (learned.isEmpty()) {
      return;
    }
    Differentiable d = ctx.learner().differentiable().orElseThrow(() -> new IllegalStateException(
        "metagradient: the agent's learner offers no gradient access (Learner.differentiable() is empty); "
            + "use an actor-critic agent (a2c, a3c, rl2)"));
    RolloutBatch b = ctx.batch();
    int n = b.steps * b.lanes;
    int k = learned.size();
    double[][] z = traces.get(ctx.worker());
    double[] metaGrad = new double[k];

    // 1. The meta-step from the previous update's trace, on the fresh rollout tau' at theta'.
    if (z != null) {
      double[] ref = LambdaReturns.advantages(b, settings.referenceGamma(), settings.referenceLambda());
      for (int i = 0; i < n; i++) {
        ref[i] /= n;
      }
      double[] g = d.gradient(b, ref, new double[n]);
      double[] logitGrad = new double[k];
      for (int j = 0; j < k; j++) {
        logitGrad[j] = dot(g, z[j]);
      }
      synchronized (this) {
        for (int j = 0; j < k; j++) {
          double e = sigmoid(logits[j]);
          metaGrad[j] = logitGrad[j] / (e * (1 - e));
        }
        optimizer.ascend(logits, logitGrad);
      }
    }

    // 2. The current eta for this update.
    double[] eta = new double[k];
    Map<String, Double> change = new LinkedHashMap<>();
    synchronized (this) {
      for (int j = 0; j < k; j++) {
        eta[j] = sigmoid(logits[j]);
        change.put(learned.get(j), eta[j]);
      }
    }
    ReturnEstimator estimator = ctx.returnEstimator().withParameters(change);
    ctx.useReturnEstimator(estimator);
    double gamma = estimator.gamma();
    double lambda = estimator.parameters().getOrDefault("lambda", 1.0);

    // 3. The trace z <- mu z + df/dx.
    double[] returns = new double[n];
    double[] dGamma = new double[n];
    double[] dLambda = new double[n];
    LambdaReturns.compute(b, gamma, lambda, returns, dGamma, dLambda);
    if (!checked) {
      check(b, returns, estimator);
      checked = true;
    }
    double alpha = d.learningRate();
    double valueCoefficient = d.valueCoefficient();
    double[] adv = null;
    if (d.normalizesAdvantages()) {
      adv = new double[n];
      for (int i = 0; i < n; i++) {
        adv[i] = b.advantages[i];
      }
    }
    if (z == null) {
      z = new double[k][];
    }
    for (int j = 0; j < k; j++) {
      double[] dG = learned.get(j).equals("gamma") ? dGamma : dLambda;
      double[] dA = adv != null ? normalizedDerivative(adv, dG) : dG;
      double[] pw = new double[n];
      double[] vw = new double[n];
      double s = eta[j] * (1 - eta[j]) * alpha / n;
      for (int i = 0; i < n; i++) {
        pw[i] = s * dA[i];
        vw[i] = s * valueCoefficient * dG[i];
      }
      double[] df = d.gradient(b, pw, vw);
      if (z[j] == null || settings.traceDecay() == 0) {
        z[j] = df;
      } else {
        double mu = settings.traceDecay();
        for (int p = 0; p < df.length; p++) {
          z[j][p] = mu * z[j][p] + df[p];
        }
      }
    }
    traces.put(ctx.worker(), z);

    ctx.metric("meta/gamma", gamma);
    ctx.metric("meta/lambda", lambda);
    for (int j = 0; j < k; j++) {
      ctx.metric("meta/grad_" + learned.get(j), metaGrad[j]);
    }
  }

  /** The returns differentiated here must be the estimator's (a guard against an estimator that differs). */
  private static void check(RolloutBatch b, double[] returns, ReturnEstimator estimator) {
    for (int i = 0; i < returns.length; i++) {
      double diff = Math.abs(returns[i] - b.returns[i]);
      if (diff > 1e-4 * Math.max(1, Math.abs(returns[i]))) {
        throw new IllegalStateException("metagradient: the return estimator " + estimator
            + " does not compute lambda-returns (sample " + i + ": " + b.returns[i] + " vs " + returns[i]
            + "); use returns.plugin = gae, lambda-return or monte-carlo");
      }
    }
  }

  /**
   * The derivative of the standardised advantages {@code (a - mean) / (sd + 1e-8)} (the learner's
   * {@code normalize-advantages}, population standard deviation) in the direction {@code da}.
   */
  static double[] normalizedDerivative(double[] a, double[] da) {
    int n = a.length;
    if (n < 2) {
      return da;
    }
    double mean = 0;
    double dmean = 0;
    for (int i = 0; i < n; i++) {
      mean += a[i];
      dmean += da[i];
    }
    mean /= n;
    dmean /= n;
    double var = 0;
    double dvar = 0;
    for (int i = 0; i < n; i++) {
      var += (a[i] - mean) * (a[i] - mean);
      dvar += 2 * (a[i] - mean) * (da[i] - dmean);
    }
    var /= n;
    dvar /= n;
    double root = Math.sqrt(var);
    double sd = root + 1e-8;
    double dsd = root > 0 ? dvar / (2 * root) : 0;
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = (da[i] - dmean) / sd - (a[i] - mean) * dsd / (sd * sd);
    }
    return out;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  static double logit(double p) {
    return Math.log(p / (1 - p));
  }
}
