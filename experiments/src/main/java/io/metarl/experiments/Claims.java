package io.metarl.experiments;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The seed paper's claims, judged from an experiment's numbers (never written in advance):
 *
 * <ol>
 *   <li>On task distributions, meta agents (RL²) beat non-meta agents (the seed's Figure 4).
 *   <li>On a single instance, non-meta agents win or tie (Figure 3).
 *   <li>Continuous-action environments are hard: no agent solves them.
 * </ol>
 *
 * <p>Claims 1 and 2 compare, per environment, the best meta agent with the best non-meta agent by
 * inference mean over seeds: a difference larger than twice its standard error (the two standard
 * errors over seeds combined) is a win, anything smaller a tie. With one seed the standard error is
 * 0 and any difference decides. Claim 3 needs the environment's "solved" return
 * ({@code experiment.solved}); without one it is not judged.
 */
public final class Claims {
  private Claims() {}

  /** How a comparison came out. */
  public enum Outcome { META_WINS, TIE, NON_META_WINS }

  /**
   * A judged claim.
   *
   * @param statement what the seed paper claims
   * @param verdict supported, partly supported, not supported, or not tested (with why)
   * @param evidence one line per environment
   */
  public record Claim(String statement, String verdict, List<String> evidence) {}

  /** Compares the best meta and the best non-meta agent of one environment. */
  public static Optional<Comparison> compare(List<Aggregate> ofOneEnvironment) {
    Optional<Aggregate> meta = ofOneEnvironment.stream().filter(a -> a.info().meta() && !Double.isNaN(a.inferenceMean()))
        .max(Comparator.comparingDouble(Aggregate::inferenceMean));
    Optional<Aggregate> plain = ofOneEnvironment.stream().filter(a -> !a.info().meta() && !Double.isNaN(a.inferenceMean()))
        .max(Comparator.comparingDouble(Aggregate::inferenceMean));
    if (meta.isEmpty() || plain.isEmpty()) {
      return Optional.empty();
    }
    Aggregate m = meta.get();
    Aggregate n = plain.get();
    double diff = m.inferenceMean() - n.inferenceMean();
    double se = Math.sqrt(m.inferenceStderr() * m.inferenceStderr() + n.inferenceStderr() * n.inferenceStderr());
    Outcome o = diff > 2 * se && diff != 0 ? Outcome.META_WINS : diff < -2 * se && diff != 0 ? Outcome.NON_META_WINS : Outcome.TIE;
    return Optional.of(new Comparison(m, n, diff, se, o));
  }

  /**
   * Best meta vs best non-meta agent on one environment.
   *
   * @param meta the best meta agent
   * @param nonMeta the best non-meta agent
   * @param difference meta minus non-meta inference mean
   * @param stderr the difference's standard error
   * @param outcome who wins
   */
  public record Comparison(Aggregate meta, Aggregate nonMeta, double difference, double stderr, Outcome outcome) {
    /** One line of evidence. */
    public String describe() {
      return String.format(Locale.ROOT, "%s: best meta %s %.2f +- %.2f vs best non-meta %s %.2f +- %.2f (difference %+.2f, 2 x stderr %.2f, %d/%d seeds): %s",
          meta.environment(), meta.agent(), meta.inferenceMean(), meta.inferenceStderr(), nonMeta.agent(),
          nonMeta.inferenceMean(), nonMeta.inferenceStderr(), difference, 2 * stderr, meta.seeds(), nonMeta.seeds(),
          switch (outcome) {
            case META_WINS -> "meta wins";
            case TIE -> "tie";
            case NON_META_WINS -> "non-meta wins";
          });
    }
  }

  /**
   * Judges the three claims.
   *
   * @param byEnvironment the aggregates of each environment, in grid order
   * @param solved environment name -> solved return, where known
   */
  public static List<Claim> judge(Map<String, List<Aggregate>> byEnvironment, Map<String, Double> solved) {
    List<Claim> out = new ArrayList<>();
    out.add(metaClaim(byEnvironment, false,
        "On task distributions, the meta agents (RL²) beat the non-meta agents (seed paper, Figure 4)."));
    out.add(metaClaim(byEnvironment, true,
        "On a single instance, the non-meta agents win or tie (seed paper, Figure 3)."));
    out.add(continuousClaim(byEnvironment, solved));
    return out;
  }

  private static Claim metaClaim(Map<String, List<Aggregate>> byEnvironment, boolean single, String statement) {
    List<String> evidence = new ArrayList<>();
    int agree = 0;
    int tested = 0;
    for (var e : byEnvironment.entrySet()) {
      if (e.getValue().isEmpty() || e.getValue().get(0).info().singleInstance() != single) {
        continue;
      }
      Optional<Comparison> c = compare(e.getValue());
      if (c.isEmpty()) {
        evidence.add(e.getKey() + ": needs a meta and a non-meta agent; not compared");
        continue;
      }
      tested++;
      boolean ok = single ? c.get().outcome() != Outcome.META_WINS : c.get().outcome() == Outcome.META_WINS;
      agree += ok ? 1 : 0;
      evidence.add(c.get().describe());
    }
    return new Claim(statement, verdict(agree, tested, single ? "no single-instance environment with both kinds of agent in this run"
        : "no task distribution with both kinds of agent in this run"), evidence);
  }

  private static Claim continuousClaim(Map<String, List<Aggregate>> byEnvironment, Map<String, Double> solved) {
    String statement = "Continuous-action environments are hard: no agent solves them (seed paper, LunarLanderContinuous and quadruped).";
    List<String> evidence = new ArrayList<>();
    int agree = 0;
    int tested = 0;
    for (var e : byEnvironment.entrySet()) {
      if (e.getValue().isEmpty() || !e.getValue().get(0).info().continuousActions()) {
        continue;
      }
      Aggregate best = e.getValue().stream().max(Comparator.comparingDouble(Aggregate::inferenceMean)).orElseThrow();
      Double bar = solved.get(e.getKey());
      if (bar == null) {
        evidence.add(String.format(Locale.ROOT, "%s: best %s %.2f; no solved return given (experiment.solved), not judged",
            e.getKey(), best.agent(), best.inferenceMean()));
        continue;
      }
      tested++;
      boolean hard = !(best.inferenceMean() >= bar);
      agree += hard ? 1 : 0;
      evidence.add(String.format(Locale.ROOT, "%s: best %s %.2f +- %.2f vs solved at %.1f: %s", e.getKey(), best.agent(),
          best.inferenceMean(), best.inferenceStderr(), bar, hard ? "unsolved" : "solved"));
    }
    return new Claim(statement, verdict(agree, tested, "no continuous-action environment with a solved return in this run"), evidence);
  }

  private static String verdict(int agree, int tested, String why) {
    if (tested == 0) {
      return "not tested (" + why + ")";
    }
    if (agree == tested) {
      return "supported (" + agree + "/" + tested + " environments)";
    }
    return (agree == 0 ? "not supported" : "partly supported") + " (" + agree + "/" + tested + " environments)";
  }
}
