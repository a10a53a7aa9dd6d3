package io.metarl.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.metarl.app.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The errors a user must get from a bad run file: key, file and line, expectation, exit code 2, no stack trace. */
class ConfigErrorsTest {
  @TempDir Path dir;

  private Path conf(String text) throws IOException {
    Path f = dir.resolve("run.conf");
    Files.writeString(f, text);
    return f;
  }

  private Cli.Result config(String text) throws IOException {
    return Cli.run("config", "--config", conf(text).toString());
  }

  private static void assertUserError(Cli.Result r) {
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
  }

  @Test
  void validFileIsPrintedResolved() throws IOException {
    Cli.Result r = config("metarl { environment { plugin = bandit-dependent, difficulty = hard }, agent { plugin = rl2 } }");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("difficulty").contains("hard").contains("learning-rate").contains("# valid");
  }

  @Test
  void unknownPluginNameListsKnownNamesAndSuggestsTheClosest() throws IOException {
    Cli.Result r = config("metarl {\n  environment { plugin = \"bandit-dependnet\" }\n}\n");
    assertUserError(r);
    assertThat(r.err()).contains("metarl.environment.plugin").contains("run.conf:2")
        .contains("did you mean 'bandit-dependent'").contains("bandit-independent");
  }

  @Test
  void unknownReturnEstimatorSuggestsGae() throws IOException {
    Cli.Result r = config("metarl { environment { plugin = bandit-dependent }, returns { plugin = gea } }");
    assertUserError(r);
    assertThat(r.err()).contains("metarl.returns.plugin").contains("did you mean 'gae'").contains("monte-carlo");
  }

  @Test
  void wrongTypesAndRangesNameKeyValueAndExpectation() throws IOException {
    Cli.Result r = config("""
        metarl {
          environment { plugin = bandit-dependent }
          agent.optimizer { learning-rate = -1 }
          returns { plugin = gae, gamma = 1.5 }
          training { trials = "many" }
        }
        """);
    assertUserError(r);
    assertThat(r.err()).contains("metarl.training.trials").contains("\"many\"").contains("expected a number").contains("run.conf:5");
    // Type errors are reported first; fix them and the ranges are checked.
    Cli.Result ranges = config("""
        metarl {
          environment { plugin = bandit-dependent }
          agent.optimizer { learning-rate = -1 }
        }
        """);
    assertUserError(ranges);
    assertThat(ranges.err()).contains("metarl.agent.optimizer.learning-rate").contains("-1").contains("> 0").contains("run.conf:3");
    Cli.Result gamma = config("metarl { environment { plugin = bandit-dependent }, returns { plugin = gae, gamma = 1.5 } }");
    assertUserError(gamma);
    assertThat(gamma.err()).contains("metarl.returns.gamma").contains("1.5").contains("[0.0, 1.0]");
  }

  @Test
  void aTopLevelOptimizerBlockIsRefusedSayingWhereItBelongs() throws IOException {
    Cli.Result r = config("metarl { environment { plugin = bandit-dependent }, optimizer { learning-rate = 1e-3 } }");
    assertUserError(r);
    assertThat(r.err()).contains("metarl.optimizer").contains("belongs to the agent").contains("agent.optimizer");
  }

  @Test
  void unknownKeyInPluginSectionIsRejectedWithSuggestion() throws IOException {
    Cli.Result r = config("metarl { environment { plugin = bandit-dependent }, returns { plugin = gae, lamda = 0.9 } }");
    assertUserError(r);
    assertThat(r.err()).contains("metarl.returns.lamda").contains("unknown key").contains("did you mean 'lambda'");
  }

  @Test
  void aSeparateTorsoWithAMetaMemoryIsRefusedNotIgnored() throws IOException {
    Cli.Result r = config("metarl { environment { plugin = bandit-dependent }, agent { plugin = rl2, shared-torso = false } }");
    assertUserError(r);
    assertThat(r.err()).contains("metarl.agent.shared-torso").contains("meta-memory").contains("value-coefficient");
  }

  @Test
  void unknownTopLevelKeyIsRejected() throws IOException {
    Cli.Result r = config("metarl { environment { plugin = bandit-dependent }, trainig { lanes = 4 } }");
    assertUserError(r);
    assertThat(r.err()).contains("metarl.trainig").contains("did you mean 'training'");
  }

  @Test
  void missingFileAndSyntaxErrorsNameTheFileAndLine() throws IOException {
    Cli.Result missing = Cli.run("config", "--config", dir.resolve("nope.conf").toString());
    assertUserError(missing);
    assertThat(missing.err()).contains("nope.conf").contains("not found");

    Cli.Result syntax = config("metarl {\n  environment { plugin = bandit-dependent \n  agent = { \n}\n");
    assertUserError(syntax);
    assertThat(syntax.err()).contains("run.conf:");

    Path unreadable = dir.resolve("a-directory.conf");
    Files.createDirectory(unreadable);
    Cli.Result notFile = Cli.run("config", "--config", unreadable.toString());
    assertUserError(notFile);
    assertThat(notFile.err()).contains("a-directory.conf");
  }

  @Test
  void settingsRejectedByAPluginNameTheFullKey() throws IOException {
    Cli.Result r = config("metarl {\n environment { plugin = bandit-dependent, difficulty = extreme }\n}");
    assertUserError(r);
    assertThat(r.err()).contains("metarl.environment.difficulty").contains("extreme").contains("run.conf:2");
  }

  @Test
  void policyLossPluginsAreCheckedLikeOtherPluginKinds() throws IOException {
    Cli.Result ok = config("metarl { environment { plugin = cartpole }, agent { plugin = a3c, policy-loss { plugin = a2c-pg } } }");
    assertThat(ok.code()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("policy-loss").contains("a2c-pg");

    Cli.Result unknown = config("metarl {\n environment { plugin = cartpole }\n agent { plugin = a2c, policy-loss { plugin = epgg } }\n}");
    assertUserError(unknown);
    assertThat(unknown.err()).contains("metarl.agent.policy-loss.plugin").contains("run.conf:3")
        .contains("unknown policy-loss plugin 'epgg'").contains("did you mean 'epg'").contains("a2c-pg");

    Cli.Result typo = config("metarl { environment { plugin = cartpole }, agent { plugin = rl2, policy-loss { plugin = epg, fille = x } } }");
    assertUserError(typo);
    assertThat(typo.err()).contains("metarl.agent.policy-loss.fille").contains("did you mean 'file'");

    Cli.Result ownKeys = config("metarl { environment { plugin = cartpole }, agent { plugin = a2c, policy-loss { entropy-coefficient = 0.1 } } }");
    assertUserError(ownKeys);
    assertThat(ownKeys.err()).contains("metarl.agent.policy-loss.entropy-coefficient").contains("takes no settings");

    Cli.Result notABlock = config("metarl { environment { plugin = cartpole }, agent { plugin = a2c, policy-loss = epg } }");
    assertUserError(notABlock);
    assertThat(notABlock.err()).contains("metarl.agent.policy-loss").contains("expected a block").contains("a2c-pg, epg");

    Cli.Result noFile = config("metarl {\n environment { plugin = cartpole }\n agent { plugin = a2c, policy-loss { plugin = epg } }\n}");
    assertUserError(noFile);
    assertThat(noFile.err()).contains("metarl.agent.policy-loss.file").contains("loss.json written by metarl epg evolve");

    Cli.Result missing = config("metarl {\n environment { plugin = cartpole }\n agent { plugin = a2c, policy-loss { plugin = epg, file = \"" + dir.resolve("none.json") + "\" } }\n}");
    assertUserError(missing);
    assertThat(missing.err()).contains("metarl.agent.policy-loss.file").contains("none.json").contains("does not exist")
        .contains("run.conf:3");

    Cli.Result noLossHere = config("metarl { environment { plugin = bandit-dependent }, agent { plugin = random, policy-loss { plugin = epg } } }");
    assertUserError(noLossHere);
    assertThat(noLossHere.err()).contains("metarl.agent.policy-loss.plugin").contains("unknown key");
  }

  @Test
  void verboseAddsTheStackTrace() throws IOException {
    Cli.Result r = Cli.run("config", "--verbose", "--config", conf("metarl { environment { plugin = nope } }").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("\tat ");
  }
}
