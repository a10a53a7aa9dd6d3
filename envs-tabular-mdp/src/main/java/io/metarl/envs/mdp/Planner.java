package io.metarl.envs.mdp;

/** Finite-horizon dynamic programming on a tabular model. */
public final class Planner {
  private Planner() {}

  /**
   * Optimal state values by backward induction: {@code V[h][s]} is the best expected reward of the
   * {@code horizon - h} steps left from {@code s} ({@code V[horizon] = 0}).
   */
  public static double[][] optimalValues(double[][] r, double[][][] p, int horizon) {
    int S = r.length;
    int A = r[0].length;
    double[][] v = new double[horizon + 1][S];
    for (int h = horizon - 1; h >= 0; h--) {
      for (int s = 0; s < S; s++) {
        double best = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < A; a++) {
          double q = r[s][a];
          double[] row = p[s][a];
          for (int n = 0; n < S; n++) {
            q += row[n] * v[h + 1][n];
          }
          best = Math.max(best, q);
        }
        v[h][s] = best;
      }
    }
    return v;
  }

  /**
   * Optimal Q-values, {@code q[h][s][a]}, for reward {@code r[s][a]} and transitions {@code p[s][a][s']},
   * written into {@code q} (shape {@code [horizon][S][A]}); {@code v} is scratch of shape {@code [S]}
   * (twice).
   */
  public static void qValues(double[][] r, double[][][] p, int horizon, double[][][] q, double[] next, double[] cur) {
    int S = r.length;
    int A = r[0].length;
    java.util.Arrays.fill(next, 0, S, 0.0);
    for (int h = horizon - 1; h >= 0; h--) {
      for (int s = 0; s < S; s++) {
        double best = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < A; a++) {
          double value = r[s][a];
          double[] row = p[s][a];
          for (int n = 0; n < S; n++) {
            value += row[n] * next[n];
          }
          q[h][s][a] = value;
          best = Math.max(best, value);
        }
        cur[s] = best;
      }
      System.arraycopy(cur, 0, next, 0, S);
    }
  }
}
