package io.metarl.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./metarl} launcher gives the JVM {@code --add-modules jdk.incubator.vector} (core's float32
 * kernels) when the Java runtime has the module, and drops exactly the JVM's one-line warning about it
 * from stderr: the rest of stderr, stdout and the exit code come through unchanged. The launcher is
 * copied into a temporary directory beside a stand-in {@code app/target/metarl-app.jar}
 * ({@link LauncherVectorProbe}), so it finds nothing to build.
 */
class LauncherVectorModuleTest {
  private static final Path LAUNCHER = Path.of("..", "metarl");

  record Result(int code, String out, String err) {}

  private static Result run(Path root, Path javaBin) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("metarl").toString(), "3");
    pb.environment().put("PATH", javaBin + ":" + pb.environment().getOrDefault("PATH", "/usr/bin:/bin"));
    pb.environment().remove("METARL_JAVA_OPTS");
    Process p = pb.start();
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
    String out = read(p.getInputStream());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), out, err.get(60, TimeUnit.SECONDS));
  }

  private static String read(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The launcher and a stand-in application jar under {@code root}. */
  private static void install(Path root) throws Exception {
    Files.copy(LAUNCHER, root.resolve("metarl"));
    Path jar = root.resolve("app/target/metarl-app.jar");
    Files.createDirectories(jar.getParent());
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, LauncherVectorProbe.class.getName());
    String entry = LauncherVectorProbe.class.getName().replace('.', '/') + ".class";
    try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os, manifest);
        InputStream cls = LauncherVectorProbe.class.getClassLoader().getResourceAsStream(entry)) {
      out.putNextEntry(new JarEntry(entry));
      cls.transferTo(out);
      out.closeEntry();
    }
  }

  private static boolean bash() {
    return Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash"));
  }

  @Test
  void theModuleIsAddedAndOnlyItsWarningDropped(@TempDir Path root) throws Exception {
    assumeTrue(bash());
    install(root);
    Result r = run(root, Path.of(System.getProperty("java.home"), "bin"));
    assertThat(r.code()).as(r.err()).isEqualTo(3);
    assertThat(r.out()).isEqualTo("vector=true\n");
    assertThat(r.err()).isEqualTo("probe: a line on stderr\n");
  }

  @Test
  void aRuntimeWithoutTheModuleStartsWithoutTheFlag(@TempDir Path root) throws Exception {
    assumeTrue(bash());
    install(root);
    // A Java "home" whose release file lists no incubator module, its bin/java a wrapper (not a link,
    // which the launcher would follow to the real runtime's release file).
    Path home = root.resolve("jre");
    Files.createDirectories(home.resolve("bin"));
    Files.writeString(home.resolve("release"), "JAVA_VERSION=\"17\"\nMODULES=\"java.base java.logging\"\n");
    Path java = home.resolve("bin/java");
    Files.writeString(java, "#!/usr/bin/env bash\nexec \"" + Path.of(System.getProperty("java.home"), "bin", "java")
        + "\" \"$@\"\n");
    assertThat(java.toFile().setExecutable(true)).isTrue();
    Result r = run(root, home.resolve("bin"));
    assertThat(r.code()).as(r.err()).isEqualTo(3);
    assertThat(r.out()).isEqualTo("vector=false\n");
    assertThat(r.err()).isEqualTo("probe: a line on stderr\n");
  }
}
