package io.metarl.envs.mdp.baselines;

import io.metarl.envs.mdp.Planner;
import java.util.random.RandomGenerator;

/** The decision rules of the tabular-MDP baselines. */
public final class Rules {
  private Rules() {}

  /** Uniformly random actions. */
  public static MdpRule random() {
    return new MdpRule() {
      @Override
      public void plan(MdpStatistics stats, int horizon, RandomGenerator rng, double[][][] q) {}

      @Override
      public int act(double[][][] q, int h, int s, RandomGenerator rng) {
        return rng.nextInt(q[h][s].length);
      }
    };
  }

  /**
   * Optimal against the posterior-mean MDP, re-planned at each episode's start; with probability
   * {@code epsilon} a uniformly random action instead ({@code epsilon = 0}: greedy).
   */
  public static MdpRule epsilonGreedy(Posterior prior, double epsilon) {
    return new ModelRule() {
      @Override
      public void plan(MdpStatistics st, int horizon, RandomGenerator rng, double[][][] q) {
        ensure(st);
        prior.meanModel(st, r, p);
        solve(horizon, q);
      }

      @Override
      public int act(double[][][] q, int h, int s, RandomGenerator rng) {
        if (epsilon > 0 && rng.nextDouble() < epsilon) {
          return rng.nextInt(q[h][s].length);
        }
        return MdpRule.argmax(q[h][s], rng);
      }
    };
  }

  /**
   * PSRL (Strens 2000; Osband, Russo and Van Roy 2013): at each episode's start, one MDP drawn from the
   * posterior, followed optimally for the episode. With {@code samples > 1}, optimistic PSRL as in
   * Osband's TabulaRL: the element-wise maximum of the Q-values of {@code samples} posterior draws.
   */
  public static MdpRule psrl(Posterior prior, int samples) {
    return new ModelRule() {
      private double[][][] q2;

      @Override
      public void plan(MdpStatistics st, int horizon, RandomGenerator rng, double[][][] q) {
        ensure(st);
        prior.sampleModel(st, rng, r, p);
        solve(horizon, q);
        if (samples > 1) {
          if (q2 == null || q2.length != q.length) {
            q2 = new double[q.length][st.states][st.actions];
          }
          for (int k = 1; k < samples; k++) {
            prior.sampleModel(st, rng, r, p);
            solve(horizon, q2);
            for (int h = 0; h < q.length; h++) {
              for (int s = 0; s < st.states; s++) {
                for (int a = 0; a < st.actions; a++) {
                  q[h][s][a] = Math.max(q[h][s][a], q2[h][s][a]);
                }
              }
            }
          }
        }
      }
    };
  }

  /**
   * BEB (Kolter and Ng 2009): optimal against the posterior-mean MDP with the reward bonus
   * {@code beta / (1 + n(s,a))}, re-planned at each episode's start.
   */
  public static MdpRule beb(Posterior prior, double beta) {
    return new ModelRule() {
      @Override
      public void plan(MdpStatistics st, int horizon, RandomGenerator rng, double[][][] q) {
        ensure(st);
        prior.meanModel(st, r, p);
        for (int s = 0; s < st.states; s++) {
          for (int a = 0; a < st.actions; a++) {
            r[s][a] += beta / (1.0 + st.visits[s][a]);
          }
        }
        solve(horizon, q);
      }
    };
  }

  /**
   * UCRL2 (Jaksch, Ortner and Auer 2010), episodic: at each episode's start, extended value iteration
   * over the MDPs whose mean rewards lie within {@code scaling * sqrt(7 log(2 S A t / delta) / (2 max(1, n)))}
   * of the empirical means and whose transition rows lie within L1 distance
   * {@code scaling * sqrt(14 S log(2 A t / delta) / max(1, n))} of the empirical rows ({@code t} = steps
   * of the trial so far, at least 1). Empirical estimates of unvisited pairs: reward 0, uniform row.
   */
  public static MdpRule ucrl2(double scaling, double delta) {
    return new Ucrl2(scaling, delta);
  }

  /** Shared model buffers and the planner. */
  abstract static class ModelRule implements MdpRule {
    double[][] r;
    double[][][] p;
    double[] next;
    double[] cur;

    void ensure(MdpStatistics st) {
      if (r == null || r.length != st.states || r[0].length != st.actions) {
        r = new double[st.states][st.actions];
        p = new double[st.states][st.actions][st.states];
        next = new double[st.states];
        cur = new double[st.states];
      }
    }

    void solve(int horizon, double[][][] q) {
      Planner.qValues(r, p, horizon, q, next, cur);
    }
  }

  /** UCRL2's extended value iteration over a finite horizon. */
  static final class Ucrl2 extends ModelRule {
    private final double scaling;
    private final double delta;
    double[][] rewardWidth;
    double[][] transitionWidth;
    private Integer[] order;
    private double[] row;

    Ucrl2(double scaling, double delta) {
      this.scaling = scaling;
      this.delta = delta;
    }

    @Override
    public void plan(MdpStatistics st, int horizon, RandomGenerator rng, double[][][] q) {
      ensure(st);
      int S = st.states;
      int A = st.actions;
      if (rewardWidth == null || rewardWidth.length != S) {
        rewardWidth = new double[S][A];
        transitionWidth = new double[S][A];
        order = new Integer[S];
        row = new double[S];
      }
      double t = Math.max(1, st.steps);
      for (int s = 0; s < S; s++) {
        for (int a = 0; a < A; a++) {
          int n = st.visits[s][a];
          r[s][a] = n > 0 ? st.rewardSums[s][a] / n : 0.0;
          rewardWidth[s][a] = scaling * Math.sqrt(7 * Math.log(2 * S * A * t / delta) / (2.0 * Math.max(1, n)));
          int m = st.transitionTotal(s, a);
          transitionWidth[s][a] = scaling * Math.sqrt(14 * S * Math.log(2 * A * t / delta) / Math.max(1, m));
          for (int x = 0; x < S; x++) {
            p[s][a][x] = m > 0 ? (double) st.transitions[s][a][x] / m : 1.0 / S;
          }
        }
      }
      java.util.Arrays.fill(next, 0.0);
      for (int h = q.length - 1; h >= 0; h--) {
        for (int x = 0; x < S; x++) {
          order[x] = x;
        }
        final double[] v = next;
        java.util.Arrays.sort(order, (i, j) -> Double.compare(v[j], v[i])); // best next state first
        for (int s = 0; s < S; s++) {
          double best = Double.NEGATIVE_INFINITY;
          for (int a = 0; a < A; a++) {
            optimisticRow(p[s][a], transitionWidth[s][a], row);
            double value = r[s][a] + rewardWidth[s][a];
            for (int x = 0; x < S; x++) {
              value += row[x] * next[x];
            }
            q[h][s][a] = value;
            best = Math.max(best, value);
          }
          cur[s] = best;
        }
        System.arraycopy(cur, 0, next, 0, S);
      }
    }

    /**
     * The row within L1 distance {@code width} of {@code pHat} that maximises the expected next value
     * (Jaksch et al. 2010, Figure 2): add {@code width / 2} to the best state, take the excess from the
     * worst states. {@code order} lists the states best first.
     */
    void optimisticRow(double[] pHat, double width, double[] out) {
      int S = pHat.length;
      System.arraycopy(pHat, 0, out, 0, S);
      int top = order[0];
      out[top] = Math.min(1.0, pHat[top] + width / 2);
      double excess = -1;
      for (double x : out) {
        excess += x;
      }
      for (int k = S - 1; k > 0 && excess > 0; k--) {
        int worst = order[k];
        double take = Math.min(out[worst], excess);
        out[worst] -= take;
        excess -= take;
      }
    }
  }
}
