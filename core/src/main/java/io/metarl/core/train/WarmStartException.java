package io.metarl.core.train;

import java.io.IOException;

/**
 * {@code training.init-from} names something that cannot start this run: not a checkpoint, a corrupt
 * one, or one whose network has another shape. The message names the key, the directory and the cause.
 */
public final class WarmStartException extends IOException {
  private static final long serialVersionUID = 1L;

  WarmStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
