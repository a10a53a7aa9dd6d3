package io.metarl.core.train;

/**
 * A request to stop training early, set by a signal handler (SIGTERM from a scheduler, SIGINT from
 * Ctrl-C). A running {@link TrainingJob} sees it after the current update, writes a resumable
 * checkpoint and ends with {@link TrainingStopped}. Process-wide: one request stops every job.
 */
public final class StopRequest {
  private static volatile String signal;
  private static volatile int exitCode;
  private static volatile boolean training;

  private StopRequest() {}

  /** Requests a stop; {@code name} is the signal (e.g. SIGTERM), {@code code} the exit code to end with. */
  public static void request(String name, int code) {
    exitCode = code;
    signal = name;
  }

  /** Whether a stop was requested. */
  public static boolean requested() {
    return signal != null;
  }

  /** The signal that requested the stop, or null. */
  public static String signal() {
    return signal;
  }

  /** The exit code the stop asks for (128 + the signal's number). */
  public static int exitCode() {
    return exitCode;
  }

  /** Whether a training loop is running now, one that will see a request after its current update. */
  public static boolean training() {
    return training;
  }

  /** Set by {@link TrainingJob} around its training loop. */
  static void training(boolean running) {
    training = running;
  }

  /** Forgets a request (tests). */
  public static void clear() {
    signal = null;
    exitCode = 0;
  }
}
