package io.metarl.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.metarl.app.Cli;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** `metarl help CMD`, the root's command list in whole sentences, and suggestions for typos. */
class HelpTest {
  @Test
  void helpCommandShowsTheCommandsUsage() {
    Cli.Result r = Cli.run("help", "train");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("Usage: metarl train").contains("--init-from=DIR");
    assertThat(r.err()).doesNotContain("Did you mean");
    Cli.Result e = Cli.run("help", "evaluate");
    assertThat(e.out()).contains("--success-threshold=R");
  }

  @Test
  void rootCommandListEndsEverySummaryWithItsSentence() {
    Cli.Result r = Cli.run("--help");
    assertThat(r.code()).isZero();
    String list = r.out().substring(r.out().indexOf("Commands:\n") + "Commands:\n".length());
    List<String> summaries = new ArrayList<>();
    for (String line : list.split("\n")) {
      if (line.matches("  \\S.*")) {
        summaries.add(line.trim().replaceFirst("^\\S+\\s+", ""));
      } else if (!line.isBlank()) {
        summaries.set(summaries.size() - 1, summaries.get(summaries.size() - 1) + " " + line.trim());
      }
    }
    assertThat(summaries).hasSizeGreaterThanOrEqualTo(12);
    assertThat(summaries).allSatisfy(s -> assertThat(s).matches(".*[.)]$"));
    assertThat(r.out()).contains("evaluate").contains("help");
  }

  @Test
  void typosAreAnsweredWithTheCommandMeant() {
    assertThat(Cli.run("trian").err()).contains("Did you mean: metarl train");
    assertThat(Cli.run("hlep").err()).contains("Did you mean: metarl help");
  }
}
