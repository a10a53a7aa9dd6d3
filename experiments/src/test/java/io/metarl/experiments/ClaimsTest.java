package io.metarl.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClaimsTest {
  private static ExperimentPlan.PairInfo info(boolean meta, boolean single, boolean continuous) {
    return new ExperimentPlan.PairInfo(meta ? "rl2" : "a2c", "env", meta, single, continuous, "", "", 1);
  }

  private static Aggregate agg(String env, String agent, boolean meta, boolean single, boolean continuous, double mean, double se) {
    return new Aggregate(env, agent, info(meta, single, continuous), 3, mean, se, mean, se, new double[0]);
  }

  @Test
  void comparisonUsesTwiceTheCombinedStandardError() {
    var win = Claims.compare(List.of(agg("d", "a2c", false, false, false, 50, 1), agg("d", "rl2", true, false, false, 55, 1)));
    assertThat(win.orElseThrow().outcome()).isEqualTo(Claims.Outcome.META_WINS);
    assertThat(win.get().difference()).isEqualTo(5.0);
    assertThat(win.get().stderr()).isEqualTo(Math.sqrt(2));
    // 2 x sqrt(2) = 2.83 > 2: a tie
    var tie = Claims.compare(List.of(agg("d", "a2c", false, false, false, 50, 1), agg("d", "rl2", true, false, false, 52, 1)));
    assertThat(tie.orElseThrow().outcome()).isEqualTo(Claims.Outcome.TIE);
    var lose = Claims.compare(List.of(agg("d", "a2c", false, false, false, 60, 0), agg("d", "rl2", true, false, false, 59.9, 0)));
    assertThat(lose.orElseThrow().outcome()).isEqualTo(Claims.Outcome.NON_META_WINS);
    // the best of each kind is compared
    var best = Claims.compare(List.of(agg("d", "a2c", false, false, false, 50, 0), agg("d", "a3c", false, false, false, 70, 0),
        agg("d", "rl2", true, false, false, 60, 0)));
    assertThat(best.orElseThrow().nonMeta().agent()).isEqualTo("a3c");
    assertThat(best.get().outcome()).isEqualTo(Claims.Outcome.NON_META_WINS);
    assertThat(Claims.compare(List.of(agg("d", "a2c", false, false, false, 50, 0)))).isEmpty();
  }

  @Test
  void verdictsFollowTheNumbers() {
    Map<String, List<Aggregate>> byEnv = new LinkedHashMap<>();
    byEnv.put("dist1", List.of(agg("dist1", "a2c", false, false, false, 50, 1), agg("dist1", "rl2", true, false, false, 80, 1)));
    byEnv.put("dist2", List.of(agg("dist2", "a2c", false, false, false, 50, 1), agg("dist2", "rl2", true, false, false, 49, 1)));
    byEnv.put("single", List.of(agg("single", "a2c", false, true, false, 200, 0), agg("single", "rl2", true, true, false, 150, 0)));
    byEnv.put("lander", List.of(agg("lander", "a2c", false, true, true, -120, 5), agg("lander", "rl2", true, true, true, -80, 5)));
    List<Claims.Claim> claims = Claims.judge(byEnv, Map.of("lander", 200.0));
    assertThat(claims.get(0).verdict()).isEqualTo("partly supported (1/2 environments)");
    assertThat(claims.get(0).evidence()).hasSize(2);
    assertThat(claims.get(0).evidence().get(0)).contains("dist1", "rl2 80.00", "a2c 50.00", "meta wins");
    // single and lander are single instances; on lander meta wins -> claim 2 holds on 1 of 2
    assertThat(claims.get(1).verdict()).isEqualTo("partly supported (1/2 environments)");
    assertThat(claims.get(2).verdict()).isEqualTo("supported (1/1 environments)");
    assertThat(claims.get(2).evidence().get(0)).contains("lander", "unsolved");

    List<Claims.Claim> solved = Claims.judge(byEnv, Map.of("lander", -100.0));
    assertThat(solved.get(2).verdict()).isEqualTo("not supported (0/1 environments)");
    List<Claims.Claim> unjudged = Claims.judge(Map.of("dist1", byEnv.get("dist1")), Map.of());
    assertThat(unjudged.get(1).verdict()).startsWith("not tested");
    assertThat(unjudged.get(2).verdict()).startsWith("not tested");
    assertThat(unjudged.get(0).verdict()).isEqualTo("supported (1/1 environments)");
  }
}
