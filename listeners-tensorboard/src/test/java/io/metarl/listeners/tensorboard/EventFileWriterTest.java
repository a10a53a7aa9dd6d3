package io.metarl.listeners.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventFileWriterTest {

  /**
   * Golden bytes from tensorboard_logger's {@code tests/test_tensorboard_logger.py::test_serialization}
   * (TeamHG-Memex/tensorboard_logger @ 5d59b7e), serialized there by the official Python protobuf
   * library and its TFRecord writer: the file-version event, then {@code v/1 = 1.5} at step 1 and
   * {@code v/22 = 16.0} at step 2, all with wall_time 256.5.
   */
  private static final String GOLDEN =
      "1800000000000000a37f4b220900000000000870401a0d627261696e2e4576656e743a32bc98212b"
          + "19000000000000008bf1082809000000000008704010012a0c0a0a0a03762f31150000c03f2cecc087"
          + "1a00000000000000129bd82d09000000000008704010022a0d0a0b0a04762f323215000080418fa3b688";

  @Test
  void bytesEqualThoseOfTheOfficialProtobufWriter() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (EventFileWriter w = new EventFileWriter(out)) {
      w.writeFileVersion(256.5);
      w.writeScalar(256.5, 1, "v/1", 1.5f);
      w.writeScalar(256.5, 2, "v/22", 16.0f);
    }
    assertThat(HexFormat.of().formatHex(out.toByteArray())).isEqualTo(GOLDEN);
  }

  @Test
  void testDecoderCrcMatchesTheStandardCheckValueAndReadsTheGoldenFile() {
    // The CRC-32C check value of "123456789" (RFC 3720 / the Castagnoli catalogue).
    byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
    assertThat(EventFileDecoder.crc32c(check, 0, check.length)).isEqualTo(0xE3069283);
    assertThat(EventFileWriter.maskedCrc32c(check, 0, check.length))
        .isEqualTo(EventFileDecoder.masked(0xE3069283));

    EventFileDecoder.Decoded d = EventFileDecoder.decode(HexFormat.of().parseHex(GOLDEN));
    assertThat(d.truncatedTail()).isFalse();
    assertThat(d.events()).hasSize(3);
    assertThat(d.events().get(0).fileVersion()).isEqualTo("brain.Event:2");
    assertThat(d.events().get(2).values()).containsExactly(new EventFileDecoder.Value("v/22", 16.0f));
    assertThat(d.events().get(2).step()).isEqualTo(2);
  }

  @Test
  void multiValueEventsAndExtremeStepsRoundTrip() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String[] tags = {"a", "train/loss", "ünï/cødé", "x".repeat(300)};
    float[] values = {-0.0f, 1e-30f, Float.NaN, Float.POSITIVE_INFINITY};
    EventFileWriter w = new EventFileWriter(out);
    w.writeFileVersion(1.7e9);
    w.writeScalars(1.7e9 + 0.25, Long.MAX_VALUE, tags, values, 0, 4);
    w.writeScalars(3.0, -5, tags, values, 1, 2);
    w.writeScalars(4.0, 0, tags, values, 0, 0);
    w.flush();
    List<EventFileDecoder.Event> ev = EventFileDecoder.decode(out.toByteArray()).events();
    assertThat(ev).hasSize(4);
    assertThat(ev.get(0).wallTime()).isEqualTo(1.7e9);
    assertThat(ev.get(0).step()).isZero();
    EventFileDecoder.Event e = ev.get(1);
    assertThat(e.wallTime()).isCloseTo(1.7e9 + 0.25, within(1e-9));
    assertThat(e.step()).isEqualTo(Long.MAX_VALUE);
    assertThat(e.values()).extracting(EventFileDecoder.Value::tag).containsExactly(tags);
    assertThat(Float.floatToRawIntBits(e.values().get(0).simpleValue())).isEqualTo(Float.floatToRawIntBits(-0.0f));
    assertThat(e.values().get(1).simpleValue()).isEqualTo(1e-30f);
    assertThat(e.values().get(2).simpleValue()).isNaN();
    assertThat(e.values().get(3).simpleValue()).isEqualTo(Float.POSITIVE_INFINITY);
    assertThat(ev.get(2).step()).isEqualTo(-5);
    assertThat(ev.get(2).values()).containsExactly(new EventFileDecoder.Value("train/loss", 1e-30f));
    assertThat(ev.get(3).values()).isEmpty();
  }
}
