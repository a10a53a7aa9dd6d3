package io.metarl.core.train;

/**
 * Training stopped on a {@link StopRequest} after an update whose checkpoint was written; the message
 * names the checkpoint and says how to resume.
 */
public final class TrainingStopped extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int exitCode;

  /** A stop with its user-facing message and the exit code to end with. */
  public TrainingStopped(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  /** 130 after SIGINT, 143 after SIGTERM. */
  public int exitCode() {
    return exitCode;
  }
}
