package io.metarl.envs.bandit.baselines;

import io.metarl.envs.bandit.IndependentBandits;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reproduces the baseline columns of the RL² paper's bandit table (Duan et al. 2016, Table 1, as
 * quoted in DESIGN.md section 7): independent arms {@code p_i ~ U[0,1]}, every (n, k) cell, every
 * baseline plus the tuned variants, printed as Markdown rows {@code ours (paper)}.
 *
 * <p>Usage: {@code PaperTable [tasks=1000] [seed=1] [cells=10x5,10x10,...]}.
 */
public final class PaperTable {
  /** The paper's figures, per cell "n,k", in the column order of {@link #COLUMNS}. */
  static final Map<String, double[]> PAPER = new LinkedHashMap<>();
  /** Column names of the paper's table (baselines only). */
  static final String[] COLUMNS = {"Random", "Gittins", "TS", "OTS", "UCB1", "eps-greedy", "Greedy"};

  static {
    PAPER.put("10,5", new double[] {5.0, 6.6, 5.7, 6.5, 6.7, 6.6, 6.6});
    PAPER.put("10,10", new double[] {5.0, 6.6, 5.5, 6.2, 6.7, 6.6, 6.6});
    PAPER.put("10,50", new double[] {5.1, 6.5, 5.2, 5.5, 6.6, 6.5, 6.5});
    PAPER.put("100,5", new double[] {49.9, 78.3, 74.7, 77.9, 78.0, 75.4, 74.8});
    PAPER.put("100,10", new double[] {49.9, 82.8, 76.7, 81.4, 82.4, 77.4, 77.1});
    PAPER.put("100,50", new double[] {49.8, 85.2, 64.5, 67.7, 84.3, 78.3, 78.0});
    PAPER.put("500,5", new double[] {249.8, 405.8, 402.0, 406.7, 405.8, 388.2, 380.6});
    PAPER.put("500,10", new double[] {249.0, 437.8, 429.5, 438.9, 437.1, 408.0, 395.0});
    PAPER.put("500,50", new double[] {249.6, 463.7, 427.2, 437.6, 457.6, 413.6, 402.8});
  }

  private PaperTable() {}

  /** The entries of one cell: the defaults plus tuned variants. */
  static List<BaselineRunner.Entry> entries(int n, int k) {
    IndependentBandits dist = new IndependentBandits(k, n);
    List<BaselineRunner.Entry> list = new ArrayList<>(BaselineRunner.standard(dist.spec(), n, Map.of()));
    list.add(new BaselineRunner.Entry("ucb1 c=0.3", Baselines.create("ucb1", Map.of("c", 0.3), dist.spec())));
    list.add(new BaselineRunner.Entry("ucb1 c=0.2", Baselines.create("ucb1", Map.of("c", 0.2), dist.spec())));
    list.add(new BaselineRunner.Entry("greedy empirical",
        Baselines.create("greedy", Map.of("variant", "empirical"), dist.spec())));
    list.add(new BaselineRunner.Entry("epsilon-greedy empirical",
        Baselines.create("epsilon-greedy", Map.of("variant", "empirical"), dist.spec())));
    list.add(new BaselineRunner.Entry("epsilon-greedy eps=0.05",
        Baselines.create("epsilon-greedy", Map.of("epsilon", 0.05), dist.spec())));
    return list;
  }

  /** Runs the cells and prints one block per cell. */
  public static void main(String[] args) {
    int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
    List<String> cells = new ArrayList<>();
    if (args.length > 2) {
      for (String c : args[2].split(",")) {
        cells.add(c.replace('x', ','));
      }
    } else {
      cells.addAll(PAPER.keySet());
    }
    for (String cell : cells) {
      String[] nk = cell.split(",");
      int n = Integer.parseInt(nk[0]);
      int k = Integer.parseInt(nk[1]);
      List<BaselineRunner.Result> results =
          BaselineRunner.run(new IndependentBandits(k, n), entries(n, k), tasks, seed, 64, true);
      System.out.printf(Locale.ROOT, "## n=%d, k=%d (%d tasks, seed %d)%n", n, k, tasks, seed);
      for (BaselineRunner.Result r : results) {
        System.out.printf(Locale.ROOT, "%-26s %9.2f ± %5.2f  regret %8.2f  (%.1f s)%n", r.policy(),
            r.meanTotalReward(), r.stderr(), r.meanRegret(), r.seconds());
      }
      GittinsIndex g = GittinsIndex.of(n, 1.0, 1.0, 1.0);
      System.out.printf(Locale.ROOT, "(gittins table n=%d: %d indices computed, %d backward inductions)%n",
          n, g.computed(), g.newtonSteps());
      double[] p = PAPER.get(cell);
      if (p != null) {
        StringBuilder sb = new StringBuilder("paper:");
        for (int i = 0; i < p.length; i++) {
          sb.append(' ').append(COLUMNS[i]).append('=').append(p[i]);
        }
        System.out.println(sb);
      }
      System.out.flush();
    }
  }
}
