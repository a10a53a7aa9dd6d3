package io.metarl.core.train;

/**
 * A run directory cannot be used as asked: it exists and was not created by this run, another process
 * holds it, or it is not a run directory at all. The message says what to do instead; the command line
 * prints it with exit code 2 (bad input).
 */
public final class RunDirectoryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error with a complete, user-facing message. */
  public RunDirectoryException(String message) {
    super(message);
  }
}
