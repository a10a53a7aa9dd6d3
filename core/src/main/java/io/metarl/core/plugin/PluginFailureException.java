package io.metarl.core.plugin;

/**
 * A plugin's code failed while the run was being built (its {@code create} threw an unexpected
 * exception or an {@link Error} such as {@link ExceptionInInitializerError}). The message names the
 * plugin, its class and the jar it came from, and the failure; the command line prints it with exit
 * code 2 and no stack trace (the user can remove or update the jar).
 */
public final class PluginFailureException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** {@code plugin} ({@code provider}'s class) failed with {@code cause} while building {@code what}. */
  public PluginFailureException(String what, String plugin, Object provider, Throwable cause) {
    super(what + ": plugin '" + plugin + "' (" + (provider == null ? "unknown class" : provider.getClass().getName())
        + " from " + (provider == null ? "an unknown jar" : PluginRegistry.sourceOf(provider.getClass()))
        + ") failed: " + describe(cause), cause);
  }

  private static String describe(Throwable t) {
    StringBuilder sb = new StringBuilder(t.toString());
    for (Throwable c = t.getCause(); c != null && c != t; c = c.getCause()) {
      sb.append(" (caused by ").append(c).append(')');
      if (c.getCause() == c) {
        break;
      }
    }
    return sb.toString();
  }
}
