package io.metarl.app.cli;

/**
 * Bad input from the user (a missing file, a wrong option, an invalid config): printed as
 * {@code error: <message>} with exit code 2 and no stack trace unless {@code --verbose}.
 */
public final class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error with a complete, user-facing message. */
  public UserError(String message) {
    super(message);
  }

  /** An error with a complete, user-facing message and its cause (shown with --verbose). */
  public UserError(String message, Throwable cause) {
    super(message, cause);
  }
}
