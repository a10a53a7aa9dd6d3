package io.metarl.core.plugin;

import java.util.List;
import java.util.Optional;

/** No plugin of a kind has the requested name. The message lists the known names and the closest. */
public final class UnknownPluginException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final transient List<String> known;
  private final transient Optional<String> closest;

  /** An unknown name of {@code kind}. */
  public UnknownPluginException(PluginKind kind, String name, List<String> known, Optional<String> closest) {
    this(kind, name, known, closest, List.of());
  }

  /** An unknown name of {@code kind}, mentioning the providers of that kind that failed to load. */
  public UnknownPluginException(PluginKind kind, String name, List<String> known, Optional<String> closest,
      List<PluginLoadError> failed) {
    super("unknown " + kind.label() + " plugin '" + name + "'"
        + closest.map(c -> "; did you mean '" + c + "'?").orElse("")
        + " Known " + kind.label() + " plugins: " + (known.isEmpty() ? "(none found)" : String.join(", ", known))
        + failed.stream().map(PluginLoadError::describe).reduce((a, b) -> a + "; " + b)
            .map(f -> ". Failed to load: " + f).orElse(""));
    this.known = List.copyOf(known);
    this.closest = closest;
  }

  /** The names that exist. */
  public List<String> known() {
    return known;
  }

  /** The closest known name, if any is close. */
  public Optional<String> closest() {
    return closest;
  }
}
