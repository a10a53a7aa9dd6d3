package io.metarl.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A research extension is a drop-in jar like any plugin: a fresh JVM whose class path lacks the
 * meta-gradient extension does not know it; with its jar in the plugins directory it lists it and
 * accepts a run that enables it.
 */
class DropInExtensionTest {
  @TempDir Path dir;

  @Test
  void theMetaGradientJarDroppedIntoPluginsIsDiscoveredAndUsable() throws Exception {
    String full = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> entries = List.of(full.split(File.pathSeparator));
    List<String> extension = entries.stream().filter(e -> e.contains("extensions-metagradient")).toList();
    assertThat(extension).as("the extension is on the test class path").isNotEmpty();
    String without = entries.stream().filter(e -> !e.contains("extensions-metagradient"))
        .collect(Collectors.joining(File.pathSeparator));
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    Path jar = plugins.resolve("metarl-extensions-metagradient.jar");
    Path source = Path.of(extension.get(0));
    if (Files.isDirectory(source)) {
      jarDirectory(source, jar);
    } else {
      Files.copy(source, jar);
    }
    Path conf = dir.resolve("run.conf");
    Files.writeString(conf, """
        metarl {
          environment { plugin = cartpole }
          agent { plugin = a2c }
          extensions = [metagradient]
          metagradient { learn = [gamma] }
        }
        """);
    Path empty = Files.createDirectories(dir.resolve("empty"));

    String listedWithout = cli(without, "--plugins-dir", empty.toString(), "plugins");
    assertThat(listedWithout).doesNotContainPattern("(?m)^  metagradient\\s");
    String rejected = cli(without, "--plugins-dir", empty.toString(), "config", "--config", conf.toString());
    assertThat(rejected).contains("unknown extension plugin 'metagradient'");

    String listed = cli(without, "--plugins-dir", plugins.toString(), "plugins");
    assertThat(listed).containsPattern("(?m)^  metagradient\\s").contains("metarl-extensions-metagradient.jar");
    String valid = cli(without, "--plugins-dir", plugins.toString(), "config", "--config", conf.toString());
    assertThat(valid).contains("# valid").contains("metagradient");
  }

  private static void jarDirectory(Path classes, Path jar) throws Exception {
    try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os);
        Stream<Path> files = Files.walk(classes)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
        out.write(Files.readAllBytes(f));
        out.closeEntry();
      }
    }
  }

  private String cli(String classPath, String... args) throws Exception {
    List<String> cmd = ForkedJvm.command("-cp", classPath, "io.metarl.app.Main");
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(dir.toFile());
    pb.environment().put("OMP_NUM_THREADS", "1");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return out;
  }
}
