package io.metarl.core.config;

import com.typesafe.config.ConfigOrigin;

/**
 * One thing wrong with a run configuration.
 *
 * @param path the full key path, e.g. {@code metarl.returns.gamma}
 * @param message what is wrong and what was expected
 * @param origin where the value was written ({@code file:line}), or empty when it is missing
 */
public record ConfigProblem(String path, String message, String origin) {

  /** A problem located at a value's origin. */
  public static ConfigProblem at(String path, String message, ConfigOrigin origin) {
    return new ConfigProblem(path, message, describe(origin));
  }

  /** {@code file:line} of an origin, or its description. */
  public static String describe(ConfigOrigin origin) {
    if (origin == null) {
      return "";
    }
    if (origin.filename() != null) {
      return origin.lineNumber() > 0 ? origin.filename() + ":" + origin.lineNumber() : origin.filename();
    }
    if (origin.resource() != null) {
      return origin.resource() + (origin.lineNumber() > 0 ? ":" + origin.lineNumber() : "");
    }
    return origin.description();
  }

  /** {@code origin: path: message}. */
  public String format() {
    return (origin.isEmpty() ? "" : origin + ": ") + path + ": " + message;
  }
}
