package io.metarl.app;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process and captures its output. */
public final class Cli {
  /** Exit code and the two streams. */
  public record Result(int code, String out, String err) {}

  private Cli() {}

  /** Runs {@code metarl args...}. */
  public static Result run(String... args) {
    var cl = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Result(code, out.toString(), err.toString());
  }
}
