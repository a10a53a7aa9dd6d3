package io.metarl.core.plugin;

/**
 * A provider that is declared (in a {@code META-INF/services} file) but could not be loaded.
 *
 * @param kind the SPI it was declared for, null for a jar that could not be read at all
 * @param className the provider class, when known
 * @param source the jar that declares it, when known
 * @param message what went wrong
 */
public record PluginLoadError(PluginKind kind, String className, String source, String message) {

  /** A one-line description naming the jar and class. */
  public String describe() {
    if (kind == null) {
      return "cannot read plugin jar " + source + ": " + message;
    }
    return "cannot load " + kind.label() + " provider " + className + " from " + source + ": " + message;
  }
}
