package io.metarl.app.epg;

import static org.assertj.core.api.Assertions.assertThat;

import io.metarl.app.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agent.policy-loss.plugin = epg} end to end: a loss evolved for one epoch on CartPole trains
 * {@code a2c} through {@code metarl train}; the updates are the evolved loss's (not a2c-pg's), the
 * same seed reproduces the run bit for bit, and a loss evolved for other spaces is refused naming the
 * key, the file and the mismatch.
 */
class PolicyLossTrainTest {
  static final String EVOLVE = """
      metarl {
        seed = 3
        environment { plugin = cartpole }
        epg {
          loss { buffer = 32 }
          inner { lifetime = 128, update-every = 32, minibatch = 16, eval-episodes = 1 }
          outer { epochs = 1, population = 2, workers = 1 }
        }
      }
      """;

  static String train(String policyLoss) {
    return """
        metarl {
          seed = 5
          environment { plugin = cartpole }
          agent { plugin = a2c, hidden = [16], policy-loss { %s } }
          agent.optimizer { type = adam, learning-rate = 1e-3 }
          training { env-steps = 320, episodes-per-trial = 100000, lanes = 4, rollout-length = 8, progress-interval = 0 }
          inference { trials = 2, episodes-per-trial = 1 }
        }
        """.formatted(policyLoss);
  }

  @Test
  void a2cTrainsOnCartPoleWithAnEvolvedLoss(@TempDir Path dir) throws IOException {
    Path evolveConf = dir.resolve("evolve.conf");
    Files.writeString(evolveConf, EVOLVE);
    Cli.Result evolved = Cli.run("epg", "evolve", "--config", evolveConf.toString(), "--out", dir.resolve("evolve").toString());
    assertThat(evolved.code()).as(evolved.err()).isZero();
    Path loss = dir.resolve("evolve/loss.json");
    assertThat(loss).isNotEmptyFile();

    String epg = "plugin = epg, file = \"" + loss + "\"";
    Path conf = dir.resolve("train.conf");
    Files.writeString(conf, train(epg));
    Cli.Result first = Cli.run("train", "--config", conf.toString(), "--out", dir.resolve("epg-1").toString());
    assertThat(first.code()).as(first.err()).isZero();
    Cli.Result second = Cli.run("train", "--config", conf.toString(), "--out", dir.resolve("epg-2").toString());
    assertThat(second.code()).as(second.err()).isZero();
    Path confPg = dir.resolve("pg.conf");
    Files.writeString(confPg, train("plugin = a2c-pg"));
    Cli.Result pg = Cli.run("train", "--config", confPg.toString(), "--out", dir.resolve("pg").toString());
    assertThat(pg.code()).as(pg.err()).isZero();

    List<String> updates = Files.readAllLines(dir.resolve("epg-1/updates.csv"));
    assertThat(updates).hasSize(1 + 320 / (4 * 8));
    assertThat(Files.readAllLines(dir.resolve("epg-1/episodes.csv")).size()).isGreaterThan(5);
    // Same seed, same run, bit for bit.
    assertThat(Files.readAllLines(dir.resolve("epg-2/updates.csv"))).isEqualTo(updates);
    assertThat(Files.readAllLines(dir.resolve("epg-2/episodes.csv")))
        .isEqualTo(Files.readAllLines(dir.resolve("epg-1/episodes.csv")));
    // The policy was trained by the evolved loss: its loss differs from a2c-pg's from the first update on
    // (same seed, same initial weights, same first rollout).
    List<String> pgUpdates = Files.readAllLines(dir.resolve("pg/updates.csv"));
    int col = List.of(updates.get(0).split(",")).indexOf("loss_policy");
    assertThat(col).isPositive();
    assertThat(updates.get(0)).isEqualTo(pgUpdates.get(0));
    for (int u = 1; u < updates.size(); u++) {
      double epgLoss = Double.parseDouble(updates.get(u).split(",")[col]);
      double pgLoss = Double.parseDouble(pgUpdates.get(u).split(",")[col]);
      assertThat(epgLoss).as("update %d", u).isFinite().isNotEqualTo(pgLoss);
    }
    assertThat(Files.readAllLines(dir.resolve("epg-1/episodes.csv")))
        .isNotEqualTo(Files.readAllLines(dir.resolve("pg/episodes.csv")));

    // A loss evolved for CartPole on a continuous-action environment: refused, naming key, file, mismatch.
    Path pendulum = dir.resolve("pendulum.conf");
    Files.writeString(pendulum, train(epg).replace("plugin = cartpole", "plugin = pendulum"));
    Cli.Result wrong = Cli.run("train", "--config", pendulum.toString(), "--out", dir.resolve("wrong").toString());
    assertThat(wrong.code()).isEqualTo(2);
    assertThat(wrong.err()).contains("metarl.agent.policy-loss.file").contains(loss.toString())
        .contains("evolved for 4 observations and 2 discrete actions").contains("pendulum.conf:4");
  }
}
