package io.metarl.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a JVM that a test starts: this JVM's {@code java}, with
 * {@code --add-modules jdk.incubator.vector} when this JVM has that module (surefire's {@code argLine}
 * gives it, as the {@code ./metarl} launcher does), so that forked runs use the same float32 kernels as
 * the test JVM. Such a JVM prints {@code WARNING: Using incubator modules: jdk.incubator.vector} on
 * stderr first; the tests here search their merged output rather than compare it whole.
 */
public final class ForkedJvm {
  private ForkedJvm() {}

  /** The JVM's arguments as the module goes: empty, or {@code --add-modules jdk.incubator.vector}. */
  public static List<String> moduleArgs() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
        ? List.of("--add-modules", "jdk.incubator.vector") : List.of();
  }

  /** {@code java [--add-modules jdk.incubator.vector] args...}, as a mutable list. */
  public static List<String> command(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(moduleArgs());
    cmd.addAll(List.of(args));
    return cmd;
  }
}
