package io.metarl.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training process killed with SIGKILL at random moments (also during checkpoint writes) and resumed
 * with {@code train --resume} ends with exactly the results of an uninterrupted run.
 */
class ResumeAfterKillTest {
  @TempDir Path dir;

  private Path config() throws Exception {
    return config("""
        metarl {
          seed = 5
          environment { plugin = cartpole, version = v0 }
          agent { plugin = a2c, hidden = [32] }
          agent.optimizer { type = rmsprop, learning-rate = 7e-4 }
          training { trials = 1, episodes-per-trial = 100000, env-steps = 150000, lanes = 8, rollout-length = 5,
                     progress-interval = 0, checkpoint-every = 20, checkpoints-kept = 2 }
          inference { trials = 10, episodes-per-trial = 1, mode = greedy }
        }
        """);
  }

  private Path config(String text) throws Exception {
    Path conf = dir.resolve("run.conf");
    Files.writeString(conf, text);
    return conf;
  }

  /**
   * PPO with observation normalisation and reward scaling: the statistics (saved beside the
   * parameters), the reward scaler's running return and the minibatch shuffling generator all come
   * back from the checkpoint, so the resumed run is the uninterrupted one, bit for bit.
   */
  @Test
  void ppoWithNormalisationKilledOnceThenResumedGivesTheUninterruptedResults() throws Exception {
    check(1, config("""
        metarl {
          seed = 6
          environment { plugin = pendulum }
          agent { plugin = ppo, hidden = [16], epochs = 3, minibatches = 4,
                  normalize { observations = true, rewards = true, gamma = 0.9 } }
          returns { plugin = gae, gamma = 0.9, lambda = 0.95 }
          training { trials = 1, episodes-per-trial = 100000, env-steps = 60000, lanes = 4, rollout-length = 64,
                     progress-interval = 0, checkpoint-every = 10, checkpoints-kept = 2 }
          inference { trials = 10, episodes-per-trial = 1, mode = greedy }
        }
        """));
  }

  @Test
  void killedOnceThenResumedGivesTheUninterruptedResults() throws Exception {
    check(1, config());
  }

  @Test
  @Tag("slow")
  void killedFiveTimesThenResumedGivesTheUninterruptedResults() throws Exception {
    check(5, config());
  }

  private void check(int kills, Path conf) throws Exception {
    Path reference = dir.resolve("reference");
    assertThat(run(List.of("train", "--config", conf.toString(), "--out", reference.toString()), null, 0)).isZero();
    Path killed = dir.resolve("killed");
    SplittableRandom rng = new SplittableRandom(kills);
    List<String> first = List.of("train", "--config", conf.toString(), "--out", killed.toString());
    int resumes = 0;
    int code = run(first, killed, rng.nextInt(1500));
    for (int k = 1; code != 0; k++) {
      // Each further attempt is killed again (while training or while writing a checkpoint) until the
      // kill budget is spent; then it runs to the end.
      long delay = k < kills ? rng.nextInt(1500) : -1;
      code = run(List.of("train", "--resume", killed.toString()), k < kills ? killed : null, delay);
      resumes++;
    }
    assertThat(resumes).isGreaterThanOrEqualTo(1);
    assertThat(Files.readAllLines(killed.resolve("episodes.csv"))).isEqualTo(Files.readAllLines(reference.resolve("episodes.csv")));
    assertThat(Files.readAllLines(killed.resolve("updates.csv"))).isEqualTo(Files.readAllLines(reference.resolve("updates.csv")));
    var json = new ObjectMapper();
    assertThat(json.readTree(killed.resolve("summary.json").toFile()).path("inference"))
        .isEqualTo(json.readTree(reference.resolve("summary.json").toFile()).path("inference"));
  }

  /** The newest checkpoint's name, or "" when there is none. */
  private static String newest(Path run) throws Exception {
    Path root = run.resolve("checkpoints");
    if (!Files.isDirectory(root)) {
      return "";
    }
    try (var s = Files.list(root)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("update-") && !n.contains(".tmp-"))
          .max(String::compareTo).orElse("");
    }
  }

  /**
   * Runs the CLI in a fresh JVM. With {@code watch} set, waits until a checkpoint newer than the one
   * present at the start appears in it, then kills the process with SIGKILL after {@code delayMillis}.
   * Returns the exit code, -1 if killed.
   */
  private int run(List<String> args, Path watch, long delayMillis) throws Exception {
    List<String> cmd = ForkedJvm.command("-cp",
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")), "io.metarl.app.Main");
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("log-" + System.nanoTime()).toFile());
    pb.environment().put("OMP_NUM_THREADS", "1");
    String before = watch == null ? "" : newest(watch);
    Process p = pb.start();
    if (watch != null && delayMillis >= 0) {
      while (p.isAlive() && newest(watch).compareTo(before) <= 0) {
        Thread.sleep(20);
      }
      if (p.waitFor(delayMillis, TimeUnit.MILLISECONDS)) {
        return p.exitValue();
      }
      p.destroyForcibly(); // SIGKILL
      p.waitFor();
      return -1;
    }
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    return p.exitValue();
  }
}
