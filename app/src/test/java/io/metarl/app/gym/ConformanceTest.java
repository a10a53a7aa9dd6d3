package io.metarl.app.gym;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.metarl.app.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Replays the Gymnasium golden trajectories with the classic-control ports. The golden files are test
 * resources of this module ({@code app/src/test/resources/golden}), so the suite needs nothing outside
 * the repository.
 */
class ConformanceTest {

  /** The golden files' directory ({@code golden/} on the test class path). */
  static Path goldenDir() {
    try {
      var url = ConformanceTest.class.getResource("/golden/CartPole-v1.json");
      if (url == null) {
        return fail("golden/CartPole-v1.json is not on the test class path (app/src/test/resources/golden)");
      }
      return Path.of(url.toURI()).getParent();
    } catch (java.net.URISyntaxException e) {
      return fail(e.toString());
    }
  }

  @Test
  void everyGoldenFileReplaysWithinTolerance() throws IOException {
    Conformance.Report report = new Conformance().checkDirectory(goldenDir());
    System.out.print(report.format());
    assertThat(report.files()).extracting(Conformance.FileReport::env)
        .contains("CartPole-v0", "CartPole-v1", "Acrobot-v1", "MountainCar-v0", "MountainCarContinuous-v0",
            "Pendulum-v1");
    for (Conformance.FileReport f : report.files()) {
      assertThat(f.problems()).as(f.env()).isEmpty();
      assertThat(f.steps()).as(f.env()).isGreaterThan(100);
      assertThat(f.flagMismatches()).isZero();
      assertThat(f.maxStateDeviation()).isLessThanOrEqualTo(Conformance.TOLERANCE);
      assertThat(f.maxObservationDeviation()).isLessThanOrEqualTo(Conformance.TOLERANCE);
      assertThat(f.maxRewardDeviation()).isLessThanOrEqualTo(Conformance.TOLERANCE);
    }
    assertThat(report.passed()).isTrue();
  }

  private static int run(StringWriter out, StringWriter err, String... args) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void commandExitsZeroOnTheGoldenFiles() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertThat(run(out, err, "conformance", goldenDir().toString())).as(err.toString()).isZero();
    assertThat(out.toString()).contains("CartPole-v1").contains("conformance: ok");
  }

  @Test
  void commandExitsOneOnAMismatchAndTwoOnAMalformedFile(@TempDir Path dir) throws IOException {
    String good = Files.readString(goldenDir().resolve("CartPole-v0.json"));
    // flip the first recorded action of the first episode: the trajectory no longer matches
    int first = good.indexOf("\"action\"");
    int digit = good.indexOf(':', first) + 1;
    while (good.charAt(digit) == ' ') {
      digit++;
    }
    char a = good.charAt(digit);
    String tampered = good.substring(0, digit) + (a == '0' ? '1' : '0') + good.substring(digit + 1);
    Files.writeString(dir.resolve("CartPole-v0.json"), tampered);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertThat(run(out, err, "conformance", dir.toString())).isEqualTo(1);
    assertThat(out.toString()).contains("FAIL").contains("conformance: FAILED");

    Files.writeString(dir.resolve("Broken.json"), "{\"env\": \"CartPole-v1\", \"episodes\": [ {\"initial_state\": [");
    StringWriter err2 = new StringWriter();
    assertThat(run(new StringWriter(), err2, "conformance", dir.toString())).isEqualTo(2);
    assertThat(err2.toString()).contains("Broken.json");

    Files.delete(dir.resolve("Broken.json"));
    Files.writeString(dir.resolve("NoSteps.json"),
        "{\"env\": \"CartPole-v1\", \"episodes\": [ {\"initial_state\": [0, 0, 0, 0]} ]}");
    StringWriter err3 = new StringWriter();
    assertThat(run(new StringWriter(), err3, "conformance", dir.toString())).isEqualTo(2);
    assertThat(err3.toString()).contains("NoSteps.json").contains("steps");
  }
}
