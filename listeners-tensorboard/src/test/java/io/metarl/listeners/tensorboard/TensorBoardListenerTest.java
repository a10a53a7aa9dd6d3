package io.metarl.listeners.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metarl.api.train.EpisodeRecord;
import io.metarl.api.train.UpdateRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TensorBoardListenerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] METRICS =
      {"loss", "loss_policy", "loss_value", "entropy", "value_error", "grad_norm", "learning_rate"};

  @TempDir Path tmp;

  /** A point as the test expects it. */
  record Point(String tag, long step, double value) {}

  /** Plays a small RL²-like run: trials of 3 episodes, an update every 2 episodes. */
  private static List<Point> play(TensorBoardListener l, int episodes, int returnByIndex) {
    List<Point> expected = new ArrayList<>();
    long steps = 0;
    for (int i = 0; i < episodes; i++) {
      int length = 5 + i % 7;
      steps += length;
      int k = i % 3;
      double ret = Math.sin(i) * 10 + k;
      l.onEpisode(new EpisodeRecord(0, i % 2, i / 3, k, ret, length, steps));
      expected.add(new Point("episode/return", steps, ret));
      expected.add(new Point("episode/length", steps, length));
      if (k < returnByIndex) {
        expected.add(new Point("episode/return_by_index/" + k, steps, ret));
      }
      if (i % 2 == 1) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int j = 0; j < METRICS.length; j++) {
          m.put(METRICS[j], (i + 1) * 0.001 * (j + 1) - 0.002);
        }
        l.onUpdate(new UpdateRecord(i / 2 + 1, 0, steps, m));
        for (Map.Entry<String, Double> e : m.entrySet()) {
          expected.add(new Point("train/" + e.getKey(), steps, e.getValue()));
        }
      }
    }
    return expected;
  }

  private static Map<String, List<long[]>> byTag(List<EventFileDecoder.Event> events) {
    Map<String, List<long[]>> out = new HashMap<>();
    for (EventFileDecoder.Event e : events) {
      for (EventFileDecoder.Value v : e.values()) {
        out.computeIfAbsent(v.tag(), t -> new ArrayList<>())
            .add(new long[] {e.step(), Float.floatToRawIntBits(v.simpleValue())});
      }
    }
    return out;
  }

  private static Path eventFile(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> f = s.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents.")).toList();
      assertThat(f).hasSize(1);
      return f.get(0);
    }
  }

  @Test
  void everyScalarIsInTheEventFileAndInMetricsJsonl() throws Exception {
    Path dir = tmp.resolve("bandit-7");
    TensorBoardListener l = new TensorBoardListener(dir, "host.example", 3600, 2);
    double before = System.currentTimeMillis() / 1000.0;
    List<Point> expected = play(l, 30, 2);
    l.onEnd();
    double after = System.currentTimeMillis() / 1000.0 + 1;

    Path file = eventFile(dir);
    assertThat(file.getFileName().toString()).matches("events\\.out\\.tfevents\\.\\d{10}\\.host\\.example");
    EventFileDecoder.Decoded d = EventFileDecoder.read(file);
    assertThat(d.truncatedTail()).isFalse();
    assertThat(d.events().get(0).fileVersion()).isEqualTo("brain.Event:2");
    assertThat(d.events().get(0).values()).isEmpty();
    List<EventFileDecoder.Event> rest = d.events().subList(1, d.events().size());
    assertThat(rest).allSatisfy(e -> {
      assertThat(e.fileVersion()).isNull();
      assertThat(e.wallTime()).isBetween(before - 5, after);
    });
    // one event per call (30 episodes + 15 updates) plus the throughput point
    assertThat(rest).hasSize(30 + 15 + 1);

    Map<String, List<long[]>> tags = byTag(rest);
    for (Point p : expected) {
      assertThat(tags.get(p.tag())).as(p.tag())
          .anySatisfy(sv -> {
            assertThat(sv[0]).isEqualTo(p.step());
            assertThat((int) sv[1]).isEqualTo(Float.floatToRawIntBits((float) p.value()));
          });
    }
    long pointsInFile = tags.values().stream().mapToLong(List::size).sum();
    assertThat(pointsInFile).isEqualTo(expected.size() + 1);
    assertThat(tags.keySet()).contains("episode/return_by_index/0", "episode/return_by_index/1")
        .doesNotContain("episode/return_by_index/2");
    assertThat(tags.get("episode/return")).hasSize(30);
    assertThat(tags.get("train/grad_norm")).hasSize(15);
    long lastStep = expected.get(expected.size() - 1).step();
    assertThat(tags.get("time/env_steps_per_second")).singleElement().satisfies(sv -> {
      assertThat(sv[0]).isEqualTo(lastStep);
      assertThat(Float.intBitsToFloat((int) sv[1])).isPositive();
    });

    // metrics.jsonl: the same points with full double precision, strict JSON
    List<String> lines = Files.readAllLines(dir.resolve("metrics.jsonl"));
    assertThat(lines).hasSize(expected.size() + 1);
    List<Point> fromJson = new ArrayList<>();
    for (String line : lines) {
      JsonNode n = JSON.readTree(line);
      assertThat(n.get("wall_time").asDouble()).isBetween(before - 5, after);
      fromJson.add(new Point(n.get("tag").asText(), n.get("step").asLong(), n.get("value").asDouble()));
    }
    assertThat(fromJson.subList(0, expected.size())).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(fromJson.get(expected.size()).tag()).isEqualTo("time/env_steps_per_second");
  }

  @Test
  void aMemorylessRunHasNoByIndexSeriesAndEvaluationsAndRunJsonAreWritten() throws Exception {
    Path dir = tmp.resolve("run");
    TensorBoardListener l = new TensorBoardListener(dir, "host", 60, 4);
    l.onStart(new io.metarl.api.train.RunInfo("a2c", "cartpole", false, 100000,
        Map.of("agent.hidden", List.of(64, 64), "returns.gamma", 0.99),
        Map.of("commit", "abc", "dirty", false, "config_sha256", "00ff")));
    play(l, 6, 0);
    l.onEvaluation(new io.metarl.api.train.EvaluationRecord("a2c", false, 99, 100, 195.5, 1.25, Double.NaN));
    l.onEvaluation(new io.metarl.api.train.EvaluationRecord("gittins", true, 99, 100, 73.9, 0.14, 1.08));
    l.onEnd();
    Map<String, List<long[]>> tags = byTag(EventFileDecoder.read(eventFile(dir)).events());
    assertThat(tags.keySet()).noneMatch(t -> t.startsWith("episode/return_by_index/"));
    assertThat(tags.keySet()).contains("eval/a2c/mean_return", "eval/a2c/stderr", "baseline/gittins/mean_return",
        "baseline/gittins/mean_regret").doesNotContain("eval/a2c/mean_regret");
    assertThat(Float.intBitsToFloat((int) tags.get("eval/a2c/mean_return").get(0)[1])).isEqualTo(195.5f);
    assertThat(tags.get("baseline/gittins/mean_return").get(0)[0]).isEqualTo(99);
    JsonNode run = JSON.readTree(dir.resolve(TensorBoardListener.RUN_JSON).toFile());
    assertThat(run.get("agent").asText()).isEqualTo("a2c");
    assertThat(run.get("meta").asBoolean()).isFalse();
    assertThat(run.at("/hyperparameters/agent.hidden").toString()).isEqualTo("[64,64]");
    assertThat(run.at("/hyperparameters/returns.gamma").asDouble()).isEqualTo(0.99);
    assertThat(run.at("/provenance/commit").asText()).isEqualTo("abc");
  }

  @Test
  void aMetaRunKeepsItsByIndexSeries() throws Exception {
    Path dir = tmp.resolve("meta");
    TensorBoardListener l = new TensorBoardListener(dir, "host", 60, 2);
    l.onStart(new io.metarl.api.train.RunInfo("rl2", "cartpole", true, 3, Map.of(), Map.of()));
    play(l, 6, 2);
    l.onEnd();
    Map<String, List<long[]>> tags = byTag(EventFileDecoder.read(eventFile(dir)).events());
    assertThat(tags.keySet()).contains("episode/return_by_index/0", "episode/return_by_index/1");
  }

  @Test
  void aTruncatedLastRecordHidesOnlyItself() throws Exception {
    Path dir = tmp.resolve("killed-1");
    TensorBoardListener l = new TensorBoardListener(dir, "h", 3600, 0);
    List<Point> expected = play(l, 10, 0);
    l.onEnd();
    byte[] whole = Files.readAllBytes(eventFile(dir));
    EventFileDecoder.Decoded full = EventFileDecoder.decode(whole);
    int n = full.events().size();
    for (int cut = 1; cut <= 40; cut++) {
      byte[] part = java.util.Arrays.copyOf(whole, whole.length - cut);
      EventFileDecoder.Decoded d = EventFileDecoder.decode(part);
      assertThat(d.truncatedTail()).as("cut %d", cut).isTrue();
      assertThat(d.events()).as("cut %d", cut).hasSize(n - 1).isEqualTo(full.events().subList(0, n - 1));
    }
    // the complete records still carry every episode point
    Map<String, List<long[]>> tags = byTag(full.events().subList(0, n - 1));
    assertThat(tags.get("episode/return")).hasSize(10);
    assertThat(expected).hasSize(10 * 2 + 5 * METRICS.length);
  }

  @Test
  void pointsReachTheDiskWithinFlushEveryWithoutOnEnd() throws Exception {
    Path dir = tmp.resolve("live-1");
    TensorBoardListener l = new TensorBoardListener(dir, "h", 0.05, 1);
    try {
      l.onUpdate(new UpdateRecord(1, 0, 320, Map.of("loss", 0.5)));
      Path file = eventFile(dir);
      long deadline = System.nanoTime() + 5_000_000_000L;
      List<EventFileDecoder.Event> events = List.of();
      while (System.nanoTime() < deadline) {
        events = EventFileDecoder.read(file).events();
        if (events.size() >= 2) {
          break;
        }
        Thread.sleep(10);
      }
      assertThat(events).hasSizeGreaterThanOrEqualTo(2);
      assertThat(events.get(1).step()).isEqualTo(320);
      assertThat(events.get(1).values()).containsExactly(new EventFileDecoder.Value("train/loss", 0.5f));
      assertThat(Files.readAllLines(dir.resolve("metrics.jsonl")))
          .anySatisfy(s -> assertThat(s).startsWith("{\"tag\":\"train/loss\",\"step\":320,\"value\":0.5,"));
    } finally {
      l.onEnd();
    }
  }

  @Test
  void concurrentWorkersLoseNoPoint() throws Exception {
    Path dir = tmp.resolve("a3c-3");
    // a short flush interval so that flushes interleave with the writers
    TensorBoardListener l = new TensorBoardListener(dir, "h", 0.01, 3);
    int workers = 4;
    int perWorker = 20_000;
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      int worker = w;
      Thread t = new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        Map<String, Double> m = Map.of("loss", (double) worker, "entropy", 1.0);
        for (int i = 0; i < perWorker; i++) {
          long step = (long) i * workers + worker;
          l.onUpdate(new UpdateRecord(step, worker, step, m));
          l.onEpisode(new EpisodeRecord(worker, 0, i, i % 4, worker, 10, step));
        }
      });
      threads.add(t);
      t.start();
    }
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }
    l.onEnd();
    l.onUpdate(new UpdateRecord(0, 0, 1, Map.of("late", 1.0))); // ignored after the end
    assertThat(l.failure()).isNull();
    EventFileDecoder.Decoded d = EventFileDecoder.read(eventFile(dir));
    Map<String, List<long[]>> tags = byTag(d.events());
    int total = workers * perWorker;
    assertThat(tags.get("train/loss")).hasSize(total);
    assertThat(tags.get("train/entropy")).hasSize(total);
    assertThat(tags.get("episode/return")).hasSize(total);
    assertThat(tags.get("episode/length")).hasSize(total);
    assertThat(tags.get("episode/return_by_index/2")).hasSize(total / 4);
    assertThat(tags).doesNotContainKeys("train/late", "episode/return_by_index/3");
    // each worker's loss is its id: no point was mixed up with another worker's
    for (long[] sv : tags.get("train/loss")) {
      assertThat(Float.intBitsToFloat((int) sv[1])).isEqualTo((float) (sv[0] % workers));
    }
    try (Stream<String> lines = Files.lines(dir.resolve("metrics.jsonl"))) {
      assertThat(lines.filter(s -> !s.contains("env_steps_per_second")).count())
          .isEqualTo((long) total * (2 + 2) + 3L * total / 4);
    }
  }

  @Test
  void nonFiniteValuesAreNaNInTheEventFileAndNullInJson() throws Exception {
    Path dir = tmp.resolve("nan-1");
    TensorBoardListener l = new TensorBoardListener(dir, "h", 3600, 0);
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("loss", Double.NaN);
    m.put("grad_norm", Double.POSITIVE_INFINITY);
    m.put("missing", null);
    l.onUpdate(new UpdateRecord(1, 0, 40, m));
    l.onEnd();
    EventFileDecoder.Event e = EventFileDecoder.read(eventFile(dir)).events().get(1);
    assertThat(e.values()).extracting(EventFileDecoder.Value::tag).containsExactly("train/loss", "train/grad_norm");
    assertThat(e.values().get(0).simpleValue()).isNaN();
    assertThat(e.values().get(1).simpleValue()).isInfinite();
    List<String> lines = Files.readAllLines(dir.resolve("metrics.jsonl"));
    assertThat(JSON.readTree(lines.get(0)).get("value").isNull()).isTrue();
    assertThat(JSON.readTree(lines.get(1)).get("value").isNull()).isTrue();
  }

  @Test
  void aRerunThatTrainsReplacesTheRunsEarlierLogsOnly() throws Exception {
    Path dir = tmp.resolve("again-1");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("events.out.tfevents.0000000001.old"), "stale");
    Files.writeString(dir.resolve("metrics.jsonl"), "stale\n");
    Files.writeString(dir.resolve("notes.txt"), "keep");
    TensorBoardListener l = new TensorBoardListener(dir, "h", 3600, 0);
    l.onEpisode(new EpisodeRecord(0, 0, 0, 0, 1.0, 3, 3));
    l.onEnd();
    assertThat(dir.resolve("events.out.tfevents.0000000001.old")).doesNotExist();
    assertThat(dir.resolve("notes.txt")).hasContent("keep");
    assertThat(Files.readAllLines(dir.resolve("metrics.jsonl"))).hasSize(2); // return, length
    assertThat(EventFileDecoder.read(eventFile(dir)).events()).hasSize(2);
  }

  @Test
  void aListenerThatSeesNoPointLeavesTheDiskAlone() throws Exception {
    // e.g. `metarl config` or `metarl evaluate` wire the run's listeners without training
    Path dir = tmp.resolve("trained-1");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("events.out.tfevents.0000000001.old"), "the training's logs");
    TensorBoardListener l = new TensorBoardListener(dir, "h", 3600, 0);
    l.flush();
    l.onEnd();
    l.onEpisode(new EpisodeRecord(0, 0, 0, 0, 1.0, 3, 3)); // after the end: ignored
    assertThat(l.eventFile()).isNull();
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s).containsExactly(dir.resolve("events.out.tfevents.0000000001.old"));
    }
    TensorBoardListener fresh = new TensorBoardListener(tmp.resolve("a/b/c-1"), "h", 1, 0);
    fresh.onEnd();
    assertThat(tmp.resolve("a")).doesNotExist();
  }

  @Test
  void anUnwritableDirectoryIsRejectedUpFront() throws Exception {
    Path file = Files.writeString(tmp.resolve("plain-file"), "x");
    assertThatThrownBy(() -> new TensorBoardListener(file.resolve("run-1"), "h", 1, 0))
        .isInstanceOf(java.io.UncheckedIOException.class)
        .hasMessageContaining("plain-file");
  }

  @Test
  void hostNamesAreMadeSafeForFileNames() {
    assertThat(TensorBoardListener.sanitize("node-1.lab/x y")).isEqualTo("node-1.lab_x_y");
    assertThat(TensorBoardListener.sanitize("")).isEqualTo("localhost");
    assertThat(TensorBoardListener.sanitize(null)).isEqualTo("localhost");
  }
}
