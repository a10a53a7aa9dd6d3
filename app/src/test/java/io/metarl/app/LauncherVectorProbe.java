package io.metarl.app;

/**
 * Stands in for the application in {@link LauncherVectorModuleTest}: says on stdout whether the JVM
 * resolved {@code jdk.incubator.vector}, writes one line of its own on stderr, and exits with the
 * code given as its argument.
 */
public final class LauncherVectorProbe {
  private LauncherVectorProbe() {}

  /** Entry point. */
  public static void main(String[] args) {
    System.out.println("vector=" + ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
    System.err.println("probe: a line on stderr");
    System.exit(Integer.parseInt(args[0]));
  }
}
