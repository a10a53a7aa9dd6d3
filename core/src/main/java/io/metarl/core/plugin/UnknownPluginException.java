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
    super("unknown " + kind.label() + " plugin '" + name + "'"
        + closest.map(c -> "; did you mean '" + c + "'?").orElse("")
        + " Known " + kind.label() + " plugins: " + (known.isEmpty() ? "(none found)" : String.join(", ", known)));
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
