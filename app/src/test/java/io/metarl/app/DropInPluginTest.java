package io.metarl.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third-party environment jar that is not a Maven dependency of the app: compiled here against the
 * api alone, dropped into a plugins directory, and found by a fresh JVM running the CLI, which lists
 * it and trains on it by name.
 */
class DropInPluginTest {
  @TempDir Path dir;

  @Test
  void aJarDroppedIntoThePluginsDirectoryIsDiscoveredAndSelectable() throws Exception {
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    Path jar = buildPluginJar(plugins.resolve("chain-env.jar"));
    assertThat(jar).exists();

    Result listed = cli("--plugins-dir", plugins.toString(), "plugins");
    assertThat(listed.code).as(listed.output).isZero();
    assertThat(listed.output).containsPattern("(?m)^  chain\\s").contains("walk a chain to the goal").contains("chain-env.jar");

    Path conf = dir.resolve("chain.conf");
    Files.writeString(conf, """
        metarl {
          environment { plugin = chain, length = 4 }
          agent { plugin = a2c, hidden = [16] }
          agent.optimizer { type = adam, learning-rate = 0.01 }
          training { trials = 1, episodes-per-trial = 200, lanes = 4, rollout-length = 10, progress-interval = 0 }
          inference { trials = 4, episodes-per-trial = 1 }
        }
        """);
    Result trained = cli("--plugins-dir", plugins.toString(), "train", "--config", conf.toString(), "--out", dir.resolve("run").toString());
    assertThat(trained.code).as(trained.output).isZero();
    assertThat(dir.resolve("run/summary.json")).exists();
    assertThat(Files.readString(dir.resolve("run/summary.json"))).contains("\"chain\"");

    Files.writeString(conf, "metarl { environment { plugin = chain, length = 1 } }");
    Result invalid = cli("--plugins-dir", plugins.toString(), "config", "--config", conf.toString());
    assertThat(invalid.code).isEqualTo(2);
    assertThat(invalid.output).contains("metarl.environment.length").contains("an integer >= 2");

    Result without = cli("--plugins-dir", Files.createDirectories(dir.resolve("empty")).toString(), "plugins");
    assertThat(without.output).doesNotContainPattern("(?m)^  chain\\s");
  }

  private Path buildPluginJar(Path jar) throws IOException {
    Path src = dir.resolve("src/com/example/chain/ChainProvider.java");
    Files.createDirectories(src.getParent());
    try (InputStream in = getClass().getResourceAsStream("/dropin/ChainProvider.java")) {
      Files.write(src, in.readAllBytes());
    }
    Path classes = Files.createDirectories(dir.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int rc = javac.run(null, null, null, "-d", classes.toString(), "-cp", classPath(), "--release", "17", src.toString());
    assertThat(rc).as("javac exit code").isZero();
    try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os)) {
      try (Stream<Path> files = Files.walk(classes)) {
        for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
          out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
          out.write(Files.readAllBytes(f));
          out.closeEntry();
        }
      }
      out.putNextEntry(new JarEntry("META-INF/services/io.metarl.api.plugin.EnvironmentProvider"));
      out.write("com.example.chain.ChainProvider\n".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
      out.putNextEntry(new JarEntry("reference.conf"));
      out.write("metarl.plugins.chain { length = 5 }\n".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return jar;
  }

  private static String classPath() {
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null ? cp : System.getProperty("java.class.path");
  }

  private record Result(int code, String output) {}

  private Result cli(String... args) throws Exception {
    List<String> cmd = ForkedJvm.command("-cp", classPath(), "io.metarl.app.Main");
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(dir.toFile());
    pb.environment().put("OMP_NUM_THREADS", "1");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), out);
  }
}
