package io.metarl.runner.spark;

import java.io.Serial;

/**
 * A unit failed on every attempt Spark gave it. The message names the unit, the attempts and the last
 * error (the first line Spark reported for the last attempt); Spark's own exception is attached as a
 * suppressed exception (its message carries the stack traces).
 */
public final class UnitFailedException extends RuntimeException {
  @Serial
  private static final long serialVersionUID = 1L;

  private UnitFailedException(String message) {
    super(message);
  }

  static UnitFailedException of(String unit, int attempts, Throwable t) {
    String reason = String.valueOf(t.getMessage());
    int i = reason.indexOf("most recent failure: ");
    if (i >= 0) {
      String rest = reason.substring(i + "most recent failure: ".length());
      int colon = rest.indexOf("): ");
      if (colon >= 0) {
        rest = rest.substring(colon + 3);
      }
      int nl = rest.indexOf('\n');
      reason = nl >= 0 ? rest.substring(0, nl) : rest;
      UnitFailedException e = new UnitFailedException(unit + " failed on all " + attempts + " attempts (spark.task.maxFailures); last error: " + reason);
      e.addSuppressed(t);
      return e;
    }
    UnitFailedException e = new UnitFailedException(unit + " failed: " + t);
    e.addSuppressed(t);
    return e;
  }
}
