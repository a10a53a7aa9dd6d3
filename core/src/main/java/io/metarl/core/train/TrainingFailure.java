package io.metarl.core.train;

/**
 * Training stopped: a non-finite loss, gradient or parameter, or another failure inside an update. The
 * message names the update, the environment step and the term; checkpoints written before are intact.
 */
public final class TrainingFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure with a complete message. */
  public TrainingFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
