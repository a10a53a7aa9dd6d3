package io.metarl.listeners.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.metarl.api.train.EpisodeRecord;
import io.metarl.api.train.EvaluationRecord;
import io.metarl.api.train.RunInfo;
import io.metarl.api.train.UpdateRecord;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TensorBoard's hparams plugin data: the encoding against golden bytes from the official protobuf
 * library, and what a run writes, read back with the tests' own decoder.
 *
 * <p>The golden bytes were produced with tensorboard 2.21.0's generated classes and protobuf 7.36
 * (Python), {@code SerializeToString(deterministic=True)} (map entries sorted by key):
 *
 * <pre>
 * info = plugin_data_pb2.SessionStartInfo(group_name="rl2 on bandit-dependent 0123456789ab", start_time_secs=1700000000.5)
 * for k, v in HPARAMS.items():   # the map of {@link #HPARAMS}, Python values
 *     lv = struct_pb2.ListValue(); lv.append(v); info.hparams[k].CopyFrom(lv.values[0])
 * plugin_data_pb2.HParamsPluginData(version=0, session_start_info=info)
 * plugin_data_pb2.HParamsPluginData(version=0, session_end_info=plugin_data_pb2.SessionEndInfo(
 *     status=api_pb2.STATUS_SUCCESS, end_time_secs=1700000100.25))
 * s = summary_pb2.Summary(); s.value.add(tag=metadata.SESSION_START_INFO_TAG, tensor=metadata.NULL_TENSOR,
 *     metadata=summary_pb2.SummaryMetadata(plugin_data=summary_pb2.SummaryMetadata.PluginData(
 *         plugin_name="hparams", content=START)))
 * event_pb2.Event(wall_time=1700000000.5, summary=s)
 * </pre>
 */
class HParamsTest {
  @TempDir Path tmp;

  private static final Map<String, Object> HPARAMS = new LinkedHashMap<>();

  static {
    HPARAMS.put("agent.plugin", "rl2");
    HPARAMS.put("returns.gamma", 0.99);
    HPARAMS.put("training.lanes", 16);
    HPARAMS.put("agent.shared-torso", true);
    HPARAMS.put("agent.hidden", List.of()); // a list: written as its string form, "[]"
    HPARAMS.put("agent.entropy-coefficient", 0.0);
    HPARAMS.put("agent.normalize-advantages", false);
    HPARAMS.put("environment.name", "");
  }

  private static final String GROUP = "rl2 on bandit-dependent 0123456789ab";
  private static final String START = "1a91020a260a196167656e742e656e74726f70792d636f656666696369656e741209110000000000"
      + "0000000a140a0c6167656e742e68696464656e12041a025b5d0a200a1a6167656e742e6e6f726d616c697a652d616476616e74616765"
      + "73120220000a150a0c6167656e742e706c7567696e12051a03726c320a180a126167656e742e7368617265642d746f72736f12022001"
      + "0a160a10656e7669726f6e6d656e742e6e616d6512021a000a1a0a0d72657475726e732e67616d6d61120911ae47e17a14aeef3f0a1b"
      + "0a0e747261696e696e672e6c616e657312091100000000000030402224726c32206f6e2062616e6469742d646570656e64656e742030"
      + "31323334353637383961622900002040fc54d941";
  private static final String END = "220b08011100001059fc54d941";
  private static final String START_EVENT = "0900002040fc54d9412acf020acc020a1c5f68706172616d735f2f73657373696f6e5f73"
      + "746172745f696e666f42060801120212004aa3020aa0020a0768706172616d731294021a91020a260a196167656e742e656e74726f70"
      + "792d636f656666696369656e7412091100000000000000000a140a0c6167656e742e68696464656e12041a025b5d0a200a1a6167656e"
      + "742e6e6f726d616c697a652d616476616e7461676573120220000a150a0c6167656e742e706c7567696e12051a03726c320a180a1261"
      + "67656e742e7368617265642d746f72736f120220010a160a10656e7669726f6e6d656e742e6e616d6512021a000a1a0a0d7265747572"
      + "6e732e67616d6d61120911ae47e17a14aeef3f0a1b0a0e747261696e696e672e6c616e657312091100000000000030402224726c3220"
      + "6f6e2062616e6469742d646570656e64656e74203031323334353637383961622900002040fc54d941";
  private static final String END_EVENT = "0900001059fc54d9412a420a400a1a5f68706172616d735f2f73657373696f6e5f656e645f"
      + "696e666f42060801120212004a1a0a180a0768706172616d73120d220b08011100001059fc54d941";

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }

  /** The data of the single TFRecord in {@code record}, its CRCs checked by the decoder. */
  private static byte[] recordData(byte[] record) {
    EventFileDecoder.decode(record); // checks both CRCs and the protobuf
    int n = (int) ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
    assertThat(record).hasSize(12 + n + 4);
    return java.util.Arrays.copyOfRange(record, 12, 12 + n);
  }

  @Test
  void pluginDataMatchesTheOfficialProtobufLibrarysBytes() {
    assertThat(EventFileWriter.sessionStartInfo(HPARAMS, GROUP, 1700000000.5)).isEqualTo(hex(START));
    assertThat(EventFileWriter.sessionEndInfo(EventFileWriter.STATUS_SUCCESS, 1700000100.25)).isEqualTo(hex(END));
  }

  @Test
  void wholeEventsMatchTheOfficialProtobufLibrarysBytes() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EventFileWriter w = new EventFileWriter(out);
    w.writeSessionStartInfo(1700000000.5, HPARAMS, GROUP, 1700000000.5);
    assertThat(recordData(out.toByteArray())).isEqualTo(hex(START_EVENT));
    out.reset();
    w.writeSessionEndInfo(1700000100.25, EventFileWriter.STATUS_SUCCESS, 1700000100.25);
    assertThat(recordData(out.toByteArray())).isEqualTo(hex(END_EVENT));
  }

  @Test
  void theDecoderReadsTheSessionBack() {
    EventFileDecoder.HParams h = EventFileDecoder.hparams(hex(START));
    assertThat(h.version()).isZero();
    assertThat(h.kind()).isEqualTo("session_start_info");
    assertThat(h.groupName()).isEqualTo(GROUP);
    assertThat(h.startTimeSecs()).isEqualTo(1700000000.5);
    assertThat(h.hparams()).containsEntry("agent.plugin", "rl2").containsEntry("returns.gamma", 0.99)
        .containsEntry("training.lanes", 16.0).containsEntry("agent.shared-torso", true)
        .containsEntry("agent.hidden", "[]").containsEntry("agent.normalize-advantages", false).hasSize(8);
    EventFileDecoder.HParams end = EventFileDecoder.hparams(hex(END));
    assertThat(end.kind()).isEqualTo("session_end_info");
    assertThat(end.status()).isEqualTo(1);
    assertThat(end.endTimeSecs()).isEqualTo(1700000100.25);
  }

  private static RunInfo info(double gamma, String commit) {
    Map<String, Object> hp = new LinkedHashMap<>();
    hp.put("agent.hidden", List.of(64, 64));
    hp.put("returns.gamma", gamma);
    hp.put("training.lanes", 16);
    hp.put("environment.difficulty", "medium");
    return new RunInfo("rl2", "bandit-dependent", true, 1, hp, Map.of("commit", commit));
  }

  private static Path eventFile(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith(TensorBoardListener.EVENTS_PREFIX)).findFirst().orElseThrow();
    }
  }

  /** 150 episodes with returns 0..149, an update after each 10th, then (optionally) an evaluation. */
  private static void play(TensorBoardListener l, boolean evaluate) {
    long steps = 0;
    for (int i = 0; i < 150; i++) {
      steps += 100;
      l.onEpisode(new EpisodeRecord(0, i % 4, i, 0, i, 100, steps));
      if (i % 10 == 9) {
        l.onUpdate(new UpdateRecord(i / 10 + 1, 0, steps, Map.of("loss", 0.5)));
      }
    }
    if (evaluate) {
      l.onEvaluation(new EvaluationRecord("rl2", false, steps, 1000, 72.5, 0.2, 2.4));
    }
    l.onEnd();
  }

  @Test
  void aRunWritesItsSessionItsFinalMetricAndItsEnd() throws Exception {
    Path dir = tmp.resolve("rl2-1");
    TensorBoardListener l = new TensorBoardListener(dir, "h", 3600, 2);
    RunInfo run = info(0.9, "abc");
    l.onStart(run);
    double before = System.currentTimeMillis() / 1000.0;
    play(l, true);
    List<EventFileDecoder.Event> events = EventFileDecoder.read(eventFile(dir)).events();
    assertThat(events.get(0).fileVersion()).isEqualTo(EventFileWriter.FILE_VERSION);
    EventFileDecoder.Event first = events.get(1);
    assertThat(first.values()).isEmpty();
    assertThat(first.pluginValues()).hasSize(1);
    EventFileDecoder.PluginValue start = first.pluginValues().get(0);
    assertThat(start.tag()).isEqualTo(EventFileWriter.SESSION_START_INFO_TAG);
    assertThat(start.plugin()).isEqualTo("hparams");
    assertThat(start.tensor()).isEqualTo(hex("080112021200"));
    EventFileDecoder.HParams h = EventFileDecoder.hparams(start.content());
    assertThat(h.kind()).isEqualTo("session_start_info");
    assertThat(h.hparams()).containsEntry("agent.hidden", "[64, 64]").containsEntry("returns.gamma", 0.9)
        .containsEntry("training.lanes", 16.0).containsEntry("environment.difficulty", "medium")
        .containsEntry("agent.plugin", "rl2").containsEntry("environment.plugin", "bandit-dependent").hasSize(6);
    assertThat(h.groupName()).isEqualTo(TensorBoardListener.sessionGroup(run)).startsWith("rl2 on bandit-dependent ");
    assertThat(h.startTimeSecs()).isCloseTo(before, within(60.0));

    // the final metric: the mean of the last 100 returns (50..149), at the last step, before the end info
    List<float[]> finals = events.stream().flatMap(e -> e.values().stream()
        .filter(v -> v.tag().equals(TensorBoardListener.FINAL_TAG)).map(v -> new float[] {e.step(), v.simpleValue()}))
        .toList();
    assertThat(finals).hasSize(1);
    assertThat(finals.get(0)[0]).isEqualTo(15000f);
    assertThat(finals.get(0)[1]).isEqualTo(99.5f);
    EventFileDecoder.Event last = events.get(events.size() - 1);
    assertThat(last.pluginValues()).hasSize(1);
    assertThat(last.pluginValues().get(0).tag()).isEqualTo(EventFileWriter.SESSION_END_INFO_TAG);
    EventFileDecoder.HParams end = EventFileDecoder.hparams(last.pluginValues().get(0).content());
    assertThat(end.status()).isEqualTo(EventFileWriter.STATUS_SUCCESS);
    assertThat(end.endTimeSecs()).isGreaterThanOrEqualTo(h.startTimeSecs());
    // metrics.jsonl has the final metric too (plugin data is not a point)
    assertThat(Files.readAllLines(dir.resolve(TensorBoardListener.JSONL)))
        .anyMatch(s -> s.startsWith("{\"tag\":\"final/mean_return_last_100\",\"step\":15000,\"value\":99.5,"))
        .noneMatch(s -> s.contains("_hparams_"));
  }

  @Test
  void aRunThatStopsBeforeItsEvaluationHasNoEndStatus() throws Exception {
    Path dir = tmp.resolve("stopped-1");
    TensorBoardListener l = new TensorBoardListener(dir, "h", 3600, 0);
    l.onStart(info(0.9, "abc"));
    play(l, false);
    List<EventFileDecoder.Event> events = EventFileDecoder.read(eventFile(dir)).events();
    assertThat(events.stream().flatMap(e -> e.pluginValues().stream()).map(EventFileDecoder.PluginValue::tag))
        .containsExactly(EventFileWriter.SESSION_START_INFO_TAG);
  }

  @Test
  void withoutOnStartThereIsNoSessionAndNoFinalMetric() throws Exception {
    Path dir = tmp.resolve("bare-1");
    TensorBoardListener l = new TensorBoardListener(dir, "h", 3600, 0);
    play(l, true);
    List<EventFileDecoder.Event> events = EventFileDecoder.read(eventFile(dir)).events();
    assertThat(events).allMatch(e -> e.pluginValues().isEmpty());
    assertThat(events).noneMatch(e -> e.values().stream().anyMatch(v -> v.tag().equals(TensorBoardListener.FINAL_TAG)));
  }

  @Test
  void seedsOfOneConfigurationShareTheirGroupOtherSettingsDoNot() {
    assertThat(TensorBoardListener.sessionGroup(info(0.9, "abc"))).isEqualTo(TensorBoardListener.sessionGroup(info(0.9, "def")));
    assertThat(TensorBoardListener.sessionGroup(info(0.9, "abc"))).isNotEqualTo(TensorBoardListener.sessionGroup(info(0.95, "abc")));
  }

  @Test
  void nonFiniteAndNullHyperparametersAreWrittenAsStringsOrLeftOut() {
    Map<String, Object> hp = new LinkedHashMap<>();
    hp.put("a", Double.NaN);
    hp.put("b", null);
    hp.put("c", Double.POSITIVE_INFINITY);
    hp.put("d", 3L);
    EventFileDecoder.HParams h = EventFileDecoder.hparams(EventFileWriter.sessionStartInfo(hp, "", 0));
    assertThat(h.hparams()).containsExactly(Map.entry("a", "NaN"), Map.entry("c", "Infinity"), Map.entry("d", 3.0));
    assertThat(h.groupName()).isEmpty();
  }
}
