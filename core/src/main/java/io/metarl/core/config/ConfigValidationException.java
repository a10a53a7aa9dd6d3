package io.metarl.core.config;

import java.util.List;
import java.util.stream.Collectors;

/** A run configuration is invalid; every problem found is reported at once. */
public final class ConfigValidationException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<ConfigProblem> problems;

  /** The problems found (at least one). */
  public ConfigValidationException(List<ConfigProblem> problems) {
    super(problems.size() + " configuration problem" + (problems.size() == 1 ? "" : "s") + ":\n"
        + problems.stream().map(p -> "  " + p.format()).collect(Collectors.joining("\n")));
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
