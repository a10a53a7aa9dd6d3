package io.metarl.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken plugins (issue 21): a provider whose {@code name()} is null, one whose {@code create()} throws
 * an {@link Error}, one declared but missing, and a corrupt jar are each named with jar and class, in
 * every command, with exit 2 and no Guice trace where the broken plugin is used.
 */
class PluginFailuresTest {
  @TempDir Path dir;
  private Path plugins;

  private static final String NULL_NAME = """
      package com.example.bad;
      public final class NullNameProvider implements io.metarl.api.plugin.EnvironmentProvider {
        public String name() { return null; }
        public io.metarl.api.task.TaskDistribution create(com.typesafe.config.Config c, io.metarl.api.plugin.PluginContext x) {
          throw new IllegalStateException("never called");
        }
      }
      """;
  private static final String EXPLODING = """
      package com.example.bad;
      public final class ExplodingProvider implements io.metarl.api.plugin.EnvironmentProvider {
        public String name() { return "exploding"; }
        public io.metarl.api.task.TaskDistribution create(com.typesafe.config.Config c, io.metarl.api.plugin.PluginContext x) {
          throw new ExceptionInInitializerError("static state of the simulator failed");
        }
      }
      """;

  @BeforeEach
  void jars() throws Exception {
    plugins = Files.createDirectories(dir.resolve("plugins"));
    Path src = Files.createDirectories(dir.resolve("src/com/example/bad"));
    Files.writeString(src.resolve("NullNameProvider.java"), NULL_NAME);
    Files.writeString(src.resolve("ExplodingProvider.java"), EXPLODING);
    Path classes = Files.createDirectories(dir.resolve("classes"));
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), "-cp", cp,
        "--release", "17", src.resolve("NullNameProvider.java").toString(), src.resolve("ExplodingProvider.java").toString());
    assertThat(rc).isZero();
    try (OutputStream os = Files.newOutputStream(plugins.resolve("bad-plugins.jar")); JarOutputStream out = new JarOutputStream(os)) {
      try (Stream<Path> files = Files.walk(classes)) {
        for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
          out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
          out.write(Files.readAllBytes(f));
          out.closeEntry();
        }
      }
      out.putNextEntry(new JarEntry("META-INF/services/io.metarl.api.plugin.EnvironmentProvider"));
      out.write("com.example.bad.NullNameProvider\ncom.example.bad.ExplodingProvider\ncom.example.bad.MissingProvider\n"
          .getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    Files.write(plugins.resolve("corrupt.jar"), "PK\u0003\u0004 this is not a zip".getBytes(StandardCharsets.ISO_8859_1));
  }

  @AfterEach
  void restore() {
    Plugins.setDirectory(null);
  }

  private Cli.Result cli(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--plugins-dir";
    all[1] = plugins.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return Cli.run(all);
  }

  private static void assertNamedWithoutTrace(Cli.Result r) {
    assertThat(r.err()).contains("NullNameProvider").contains("name() returned null").contains("bad-plugins.jar")
        .contains("com.example.bad.MissingProvider").contains("corrupt.jar").contains("not a valid jar")
        .doesNotContain("\tat ").doesNotContain("internal error");
  }

  @Test
  void everyCommandNamesTheBrokenPluginsAndTheOthersStillWork() throws Exception {
    Cli.Result listed = cli("plugins");
    assertThat(listed.code()).as(listed.err()).isZero();
    assertThat(listed.out()).contains("exploding").contains("cartpole");
    assertNamedWithoutTrace(listed);

    Path conf = Files.writeString(dir.resolve("ok.conf"), "metarl { environment { plugin = cartpole } }");
    Cli.Result config = cli("config", "--config", conf.toString());
    assertThat(config.code()).as(config.err()).isZero();
    assertNamedWithoutTrace(config);
  }

  @Test
  void aCreateThatThrowsAnErrorIsOneLineNamingJarAndClass() throws Exception {
    Path conf = Files.writeString(dir.resolve("x.conf"), "metarl { environment { plugin = exploding } }");
    for (String command : new String[] {"config", "train"}) {
      Cli.Result r = command.equals("config") ? cli("config", "--config", conf.toString())
          : cli("train", "--config", conf.toString(), "--out", dir.resolve("run").toString());
      assertThat(r.code()).as(r.err()).isEqualTo(2);
      assertThat(r.err()).contains("plugin 'exploding' (com.example.bad.ExplodingProvider from")
          .contains("bad-plugins.jar").contains("ExceptionInInitializerError: static state of the simulator failed")
          .doesNotContain("\tat ").doesNotContain("Guice").doesNotContain("internal error");
      assertThat(r.err().lines().filter(l -> l.startsWith("error:")).count()).isEqualTo(1);
      assertThat(r.err().lines().count()).isLessThan(10);
    }
    assertThat(dir.resolve("run/summary.json")).doesNotExist();
    Cli.Result env = cli("evaluate", "--env", "exploding");
    assertThat(env.code()).as(env.err()).isEqualTo(2);
    assertThat(env.err()).contains("com.example.bad.ExplodingProvider").doesNotContain("\tat ");
  }

  @Test
  void aNameThatFailedToLoadIsExplainedWhereItIsUsed() throws Exception {
    Path conf = Files.writeString(dir.resolve("m.conf"), "metarl { environment { plugin = missing } }");
    Cli.Result r = cli("train", "--config", conf.toString(), "--out", dir.resolve("run").toString());
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("unknown environment plugin 'missing'").contains("failed to load")
        .contains("com.example.bad.MissingProvider").doesNotContain("\tat ");
    assertThat(dir.resolve("run")).doesNotExist();
  }
}
