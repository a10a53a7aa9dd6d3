package io.metarl.core.config;

import java.util.List;
import java.util.stream.Collectors;

/** A run configuration is invalid; every problem found is reported at once. */
public final class ConfigValidationException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  /** The most problems the message lists; the rest are counted (all stay in {@link #problems()}). */
  public static final int SHOWN = 20;
  private final transient List<ConfigProblem> problems;

  /** The problems found (at least one). */
  public ConfigValidationException(List<ConfigProblem> problems) {
    super(problems.size() + " configuration problem" + (problems.size() == 1 ? "" : "s") + ":\n"
        + shown(problems).stream().map(p -> "  " + p.format()).collect(Collectors.joining("\n"))
        + (problems.size() > SHOWN ? "\n  ... and " + (problems.size() - SHOWN) + " more (fix these first)" : ""));
    this.problems = List.copyOf(problems);
  }

  /** The problems the message lists: all of a short report; of a long one the first {@link #SHOWN} by line. */
  private static List<ConfigProblem> shown(List<ConfigProblem> problems) {
    if (problems.size() <= SHOWN) {
      return problems;
    }
    record Keyed(String file, long line, int index) {}
    List<Keyed> keys = new java.util.ArrayList<>(problems.size());
    for (int i = 0; i < problems.size(); i++) {
      String o = problems.get(i).origin();
      int colon = o.lastIndexOf(':');
      long l = line(o);
      keys.add(new Keyed(l > 0 ? o.substring(0, colon) : o, l, i));
    }
    keys.sort(java.util.Comparator.comparing(Keyed::file).thenComparingLong(Keyed::line).thenComparingInt(Keyed::index));
    return keys.stream().limit(SHOWN).map(k -> problems.get(k.index())).toList();
  }

  private static long line(String origin) {
    int colon = origin.lastIndexOf(':');
    try {
      return colon < 0 ? 0 : Long.parseLong(origin.substring(colon + 1));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** One problem. */
  public ConfigValidationException(ConfigProblem problem) {
    this(List.of(problem));
  }

  /** The problems. */
  public List<ConfigProblem> problems() {
    return problems;
  }
}
