package io.metarl.core.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The choice of {@link Float32Kernels} at class initialisation, in fresh JVMs (the choice is made
 * once per JVM): the Vector API with {@code --add-modules jdk.incubator.vector}, the plain-Java
 * fallback without it (the {@link NoClassDefFoundError} is caught) or when forced by
 * {@code -Dmetarl.float32.kernels=scalar}, and a clear failure when {@code vector} is required but
 * absent. Also pins the JDK's one-line stderr warning that comes with the module, which launchers
 * filter and tests comparing stderr must expect.
 */
class Float32KernelChoiceTest {
  static final String WARNING = "WARNING: Using incubator modules: jdk.incubator.vector";

  record Run(int code, String out, String err) {}

  private static Run probe(String... jvmArgs) throws Exception {
    String classPath = location(Float32Kernels.class) + File.pathSeparator + location(Float32KernelChoiceProbe.class);
    return run(classPath, Float32KernelChoiceProbe.class, jvmArgs);
  }

  private static Run run(String classPath, Class<?> main, String... jvmArgs) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of(jvmArgs));
    cmd.add("-cp");
    cmd.add(classPath);
    cmd.add(main.getName());
    Process p = new ProcessBuilder(cmd).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  private static String location(Class<?> c) throws URISyntaxException {
    return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  @Test
  void withTheModuleTheVectorApiIsChosen() throws Exception {
    Run r = probe("--add-modules", "jdk.incubator.vector");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("vector-").contains("Vector API available");
    assertThat(r.err().strip()).isEqualTo(WARNING);
  }

  @Test
  void withoutTheModuleTheScalarFallbackIsChosen() throws Exception {
    Run r = probe();
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("scalar\n").contains("NoClassDefFoundError").contains("--add-modules");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void thePropertyForcesTheFallbackOrRequiresTheVectorApi() throws Exception {
    Run forced = probe("--add-modules", "jdk.incubator.vector", "-D" + Float32KernelChoice.PROPERTY + "=scalar");
    assertThat(forced.out()).startsWith("scalar\n").contains("forced");
    Run required = probe("-D" + Float32KernelChoice.PROPERTY + "=vector");
    assertThat(required.code()).isNotZero();
    assertThat(required.err()).contains("ExceptionInInitializerError").contains("=vector, but Vector API unavailable");
  }

  @Test
  void theParityChecksPassWithEightFloatVectors() throws Exception {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Run r = run(classPath, Float32KernelsParityProbe.class, "--add-modules", "jdk.incubator.vector",
        "-XX:MaxVectorSize=32");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("vector-").endsWith("ok\n");
  }
}
