package io.metarl.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.metarl.app.Cli;
import io.metarl.app.Plugins;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginsCommandTest {
  @TempDir Path dir;

  @AfterEach
  void restore() {
    Plugins.setDirectory(null);
  }

  @Test
  void listsEveryKindWithItsJar() {
    Cli.Result r = Cli.run("plugins");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("returns:").contains("gae").contains("monte-carlo").contains("n-step").contains("lambda-return")
        .contains("agent:").contains("a2c").contains("a3c").contains("rl2").contains("environment:").contains("bandit-dependent");
  }

  @Test
  void aBrokenProviderIsNamedWithItsJarAndTheOthersStillLoad() throws IOException {
    Path plugins = dir.resolve("plugins");
    Files.createDirectories(plugins);
    Path jar = plugins.resolve("broken-env.jar");
    try (OutputStream os = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(os)) {
      j.putNextEntry(new JarEntry("META-INF/services/io.metarl.api.plugin.EnvironmentProvider"));
      j.write("com.example.MissingProvider\n".getBytes(StandardCharsets.UTF_8));
      j.closeEntry();
    }
    Cli.Result r = Cli.run("--plugins-dir", plugins.toString(), "plugins");
    assertThat(r.code()).isZero();
    assertThat(r.err()).contains("com.example.MissingProvider").contains("broken-env.jar");
    assertThat(r.out()).contains("bandit-dependent").contains("gae");
  }
}
