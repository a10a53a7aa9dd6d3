package io.metarl.app.cli;

import io.metarl.core.train.StopRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * SIGTERM (what a cluster scheduler sends) and SIGINT (Ctrl-C) during {@code train}: the first one asks
 * the training to stop after its current update and write a checkpoint ({@link StopRequest}); a second
 * one, or one outside the training loop (while the run is built or evaluated), ends the process at once,
 * as without this handler. Installed only by the real command line
 * ({@link #enable()} from {@code main}), never inside a test JVM, and only while training runs.
 */
final class StopSignals implements AutoCloseable {
  private static volatile boolean enabled;
  private final List<Object[]> previous = new ArrayList<>();

  private StopSignals() {}

  /** Lets {@link #install()} take over the signals (called by the command line's main). */
  static void enable() {
    enabled = true;
  }

  /** Takes over SIGTERM and SIGINT until {@link #close()}; does nothing unless enabled. */
  static StopSignals install() {
    StopSignals s = new StopSignals();
    if (enabled) {
      s.take("TERM", 143);
      s.take("INT", 130);
    }
    return s;
  }

  @SuppressWarnings("removal")
  private void take(String name, int code) {
    try {
      sun.misc.Signal signal = new sun.misc.Signal(name);
      sun.misc.SignalHandler[] old = new sun.misc.SignalHandler[1];
      old[0] = sun.misc.Signal.handle(signal, sig -> {
        if (StopRequest.requested()) {
          Runtime.getRuntime().halt(code); // a second signal: stop now
        }
        if (!StopRequest.training()) {
          System.exit(code); // not inside the training loop (setup, final evaluation): as without this handler
        }
        System.err.println("\nSIG" + name + ": finishing the current update and writing a checkpoint "
            + "(send it again to stop at once)");
        StopRequest.request("SIG" + name, code);
      });
      previous.add(new Object[] {signal, old[0]});
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      // the signal is not available here (or already taken by the JVM): leave it as it is
    }
  }

  /** Restores the previous handlers. */
  @Override
  public void close() {
    for (Object[] p : previous) {
      sun.misc.Signal.handle((sun.misc.Signal) p[0], (sun.misc.SignalHandler) p[1]);
    }
    previous.clear();
  }
}
