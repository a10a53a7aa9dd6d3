package io.metarl.app.bandit;

import static org.assertj.core.api.Assertions.assertThat;

import io.metarl.app.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code metarl bandit-behaviour}: a trained agent beside baselines on the same held-out tasks. */
class BanditBehaviourCommandTest {
  @TempDir Path dir;

  private Path conf(String name, int arms) throws Exception {
    Path conf = dir.resolve(name + ".conf");
    Files.writeString(conf, """
        metarl {
          environment { plugin = bandit-independent, arms = %d, horizon = 20 }
          agent { plugin = rl2, memory { units = 8 } }
          training { trials = 80, episodes-per-trial = 1, lanes = 8, rollout-length = 10, progress-interval = 0 }
          inference { trials = 16, episodes-per-trial = 1, lanes = 8 }
        }
        """.formatted(arms));
    return conf;
  }

  @Test
  void comparesAnAgentWithBaselinesOnTheSameTasks() throws Exception {
    Path run = dir.resolve("run");
    Cli.Result t = Cli.run("train", "--config", conf("a", 4).toString(), "--out", run.toString());
    assertThat(t.code()).as(t.err()).isZero();
    String[] args = {"bandit-behaviour", "--checkpoint", run.resolve("checkpoint").toString(),
        "--baselines", "gittins,random", "--set", "gittins.discount=0.9", "--tasks", "50", "--seed", "4"};
    Cli.Result r = Cli.run(args);
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("50 held-out tasks (seed 4)").contains("best@end");
    String[] lines = r.out().strip().split("\n");
    assertThat(lines).hasSize(5);
    assertThat(lines[2]).startsWith("run ");
    assertThat(lines[3]).startsWith("gittins discount=0.9");
    assertThat(lines[4]).startsWith("random");
    // random pulls nearly every one of 4 arms in 20 pulls; Gittins mostly plays its empirical best at
    // the end (not always: its index is a posterior's, not the empirical mean), random a quarter of the time
    double randomArms = Double.parseDouble(lines[4].substring(28).trim().split("\\s+")[2]);
    assertThat(randomArms).isGreaterThan(3.5);
    double gittinsEmp = Double.parseDouble(lines[3].substring(28).trim().split("\\s+")[5]);
    double randomEmp = Double.parseDouble(lines[4].substring(28).trim().split("\\s+")[5]);
    assertThat(gittinsEmp).isGreaterThan(0.9);
    assertThat(randomEmp).isLessThan(0.5);
    // same seed, same figures
    assertThat(Cli.run(args).out()).isEqualTo(r.out());
  }

  @Test
  void badInputIsAUserError() throws Exception {
    Cli.Result none = Cli.run("bandit-behaviour");
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).contains("--checkpoint");
    Cli.Result nothing = Cli.run("bandit-behaviour", "--config", conf("b", 3).toString());
    assertThat(nothing.code()).isEqualTo(2);
    assertThat(nothing.err()).contains("--baselines");
    Cli.Result mode = Cli.run("bandit-behaviour", "--config", conf("c", 3).toString(), "--baselines", "random", "--mode", "wild");
    assertThat(mode.code()).isEqualTo(2);
    assertThat(mode.err()).contains("--mode wild");
    Cli.Result set = Cli.run("bandit-behaviour", "--config", conf("d", 3).toString(), "--baselines", "random",
        "--set", "gittins.discount=0.9");
    assertThat(set.code()).isEqualTo(2);
    assertThat(set.err()).contains("gittins is not among --baselines");
    Cli.Result unknown = Cli.run("bandit-behaviour", "--config", conf("e", 3).toString(), "--baselines", "nope");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("--baselines nope").contains("unknown agent plugin");
    assertThat(unknown.out()).doesNotContain("policy"); // refused before anything is played
    Cli.Result badKey = Cli.run("bandit-behaviour", "--config", conf("f", 3).toString(), "--baselines", "gittins",
        "--set", "gittins.bogus=1");
    assertThat(badKey.code()).isEqualTo(2);
    assertThat(badKey.err()).contains("--baselines gittins with --set bogus=1").contains("bogus");
    Cli.Result orphanSet = Cli.run("bandit-behaviour", "--checkpoint", dir.resolve("none").toString(), "--set", "gittins.discount=0.9");
    assertThat(orphanSet.code()).isEqualTo(2);
    assertThat(orphanSet.err()).contains("--set configures --baselines");
    Path cart = dir.resolve("cart.conf");
    Files.writeString(cart, "metarl { environment { plugin = cartpole } }\n");
    Cli.Result notBandit = Cli.run("bandit-behaviour", "--config", cart.toString(), "--baselines", "random");
    assertThat(notBandit.code()).isEqualTo(2);
  }
}
