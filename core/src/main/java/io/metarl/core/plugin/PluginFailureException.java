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

  /**
   * Runs {@code body} (a call into plugin {@code plugin}'s code): an unexpected exception or an
   * {@link Error} other than running out of memory comes back as a {@link PluginFailureException};
   * a setting it refuses ({@code InvalidSettingException}) and configuration errors pass unchanged.
   */
  public static <T> T guard(String what, String plugin, Object provider, java.util.function.Supplier<T> body) {
    try {
      return body.get();
    } catch (VirtualMachineError e) {
      throw e;
    } catch (io.metarl.api.plugin.InvalidSettingException | com.typesafe.config.ConfigException
        | io.metarl.core.config.ConfigValidationException | UnknownPluginException | PluginFailureException e) {
      throw e;
    } catch (RuntimeException | LinkageError | AssertionError e) {
      throw new PluginFailureException(what, plugin, provider, e);
    }
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
