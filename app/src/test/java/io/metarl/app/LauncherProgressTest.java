package io.metarl.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@code ./metarl} launcher's first build shows its progress: one line per module (from Maven's
 * own "Building ..." lines), a line per 100 downloads, Maven's errors, and the total, and nothing else.
 * Its {@code build_progress} filter is fed a real Maven log of {@code -pl app -am} (16 modules) here;
 * the launcher itself is not run, because it installs into ~/.m2.
 */
class LauncherProgressTest {
  private static final Path LAUNCHER = Path.of("..", "metarl");

  private static List<String> progress(String mavenOutput) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("bash", "-c", "source \"$1\"; build_progress", "bash", LAUNCHER.toString())
        .redirectErrorStream(true).start();
    Thread writer = new Thread(() -> {
      try (var in = p.getOutputStream()) {
        in.write(mavenOutput.getBytes(StandardCharsets.UTF_8));
      } catch (IOException ignored) {
        // the filter ended early: its output says why
      }
    });
    writer.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    writer.join();
    assertThat(p.exitValue()).as(out).isZero();
    return out.lines().toList();
  }

  @Test
  void oneLinePerModuleAndTheTotal() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash")));
    String log = Files.readString(Path.of("src/test/resources/launcher/maven-build.log"));
    List<String> lines = progress(log);
    assertThat(lines).hasSize(17);
    assertThat(lines.subList(0, 16)).allSatisfy(l -> assertThat(l).matches("metarl: building \\S+ +\\(\\d+/16, \\d+s\\)"));
    assertThat(lines.get(1)).startsWith("metarl: building api ");
    assertThat(lines.get(15)).startsWith("metarl: building app ");
    assertThat(lines.get(16)).matches("metarl: built in \\d+s");
  }

  @Test
  void downloadsAreCountedAndErrorsShown() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash")));
    StringBuilder first = new StringBuilder();
    for (int i = 0; i < 250; i++) {
      first.append("[INFO] Downloading from central: https://repo.maven.apache.org/maven2/x/").append(i).append(".jar\n");
      first.append("[INFO] Downloaded from central: https://repo.maven.apache.org/maven2/x/").append(i).append(".jar (1 kB at 9 kB/s)\n");
    }
    first.append("[INFO] Building metarl core 0.1.0-SNAPSHOT                               [4/16]\n");
    first.append("[ERROR] /home/user/metarl/core/src/main/java/X.java:[3,1] class, interface, enum, or record expected\n");
    first.append("[INFO] BUILD FAILURE\n");
    List<String> lines = progress(first.toString());
    assertThat(lines).containsExactly(
        "metarl: downloading dependencies into ~/.m2 (first build only) ...",
        lines.get(1), lines.get(2),
        lines.get(3),
        "[ERROR] /home/user/metarl/core/src/main/java/X.java:[3,1] class, interface, enum, or record expected");
    assertThat(lines.get(1)).matches("metarl: downloaded 100 files \\(\\d+s\\)");
    assertThat(lines.get(2)).matches("metarl: downloaded 200 files \\(\\d+s\\)");
    assertThat(lines.get(3)).matches("metarl: building core +\\(4/16, \\d+s\\)");
  }
}
