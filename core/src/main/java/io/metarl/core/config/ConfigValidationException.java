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
        + problems.stream().limit(SHOWN).map(p -> "  " + p.format()).collect(Collectors.joining("\n"))
        + (problems.size() > SHOWN ? "\n  ... and " + (problems.size() - SHOWN) + " more (fix these first)" : ""));
    this.problems = List.copyOf(problems);
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
