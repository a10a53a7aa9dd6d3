package io.metarl.listeners.tensorboard;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * Writes TensorBoard event files: a sequence of TFRecords, each holding one serialized
 * {@code tensorflow.Event} protocol buffer, encoded by hand (no protobuf or TensorFlow dependency).
 *
 * <p>Record framing (TFRecord, as in TensorFlow's {@code tensorflow/core/lib/io/record_writer.cc}):
 * {@code uint64 length} (little-endian), {@code uint32 masked_crc32c(length bytes)}, {@code data},
 * {@code uint32 masked_crc32c(data)}, where {@code masked(c) = ((c >>> 15) | (c << 17)) + 0xa282ead8}.
 *
 * <p>Messages written (field numbers from {@code tensorflow/core/util/event.proto} and
 * {@code tensorflow/core/framework/summary.proto}):
 *
 * <pre>
 * Event   { double wall_time = 1; int64 step = 2; string file_version = 3; Summary summary = 5; }
 * Summary { repeated Value value = 1; }
 * Value   { string tag = 1; float simple_value = 2; }
 * </pre>
 *
 * <p>TensorBoard's hparams plugin (field numbers from {@code tensorboard/plugins/hparams/plugin_data.proto}
 * and {@code api.proto}, {@code google/protobuf/struct.proto}, {@code tensorflow/core/framework/tensor.proto}
 * and {@code tensor_shape.proto}) reads a session from two summary values whose metadata names the
 * plugin and carries a serialized {@code HParamsPluginData} as its content, written as
 * {@code tensorboard.plugins.hparams.summary} writes them (with its {@code NULL_TENSOR}, an empty float
 * vector, as the value):
 *
 * <pre>
 * Value             { string tag = 1; TensorProto tensor = 8; SummaryMetadata metadata = 9; }
 * SummaryMetadata   { PluginData plugin_data = 1; }
 * PluginData        { string plugin_name = 1; bytes content = 2; }           // "hparams"
 * TensorProto       { DataType dtype = 1; TensorShapeProto tensor_shape = 2; } // DT_FLOAT = 1, shape [0]
 * TensorShapeProto  { repeated Dim dim = 2; }  Dim { int64 size = 1; }
 * HParamsPluginData { int32 version = 1; oneof data { SessionStartInfo session_start_info = 3;
 *                                                     SessionEndInfo session_end_info = 4; } }
 * SessionStartInfo  { map&lt;string, google.protobuf.Value&gt; hparams = 1; string group_name = 4;
 *                     double start_time_secs = 5; }
 * SessionEndInfo    { Status status = 1; double end_time_secs = 2; }        // STATUS_SUCCESS = 1
 * google.protobuf.Value { oneof kind { double number_value = 2; string string_value = 3; bool bool_value = 4; } }
 * </pre>
 *
 * <p>The first record of a file must be the {@code file_version = "brain.Event:2"} event: with
 * version 2 TensorBoard purges orphaned data only on explicit restart markers, never because a step
 * went backwards (steps from concurrent A3C workers can arrive slightly out of order). A
 * {@code simple_value} summary is what TensorBoard's scalar dashboard reads (it migrates it to the
 * scalars plugin itself). The byte layout was checked against golden bytes produced by the
 * official Python protobuf library (tensorboard_logger's {@code test_serialization}).
 *
 * <p>Not thread-safe: the owner serialises calls.
 */
public final class EventFileWriter implements Closeable {
  /** The version string of the first event. */
  public static final String FILE_VERSION = "brain.Event:2";

  /** Name of TensorBoard's hparams plugin, in a summary's metadata. */
  public static final String HPARAMS_PLUGIN = "hparams";
  /** Tag of the summary that starts an hparams session (the run's hyperparameters). */
  public static final String SESSION_START_INFO_TAG = "_hparams_/session_start_info";
  /** Tag of the summary that ends an hparams session (its status). */
  public static final String SESSION_END_INFO_TAG = "_hparams_/session_end_info";
  /** {@code tensorboard.hparams.Status.STATUS_SUCCESS}. */
  public static final int STATUS_SUCCESS = 1;
  /** {@code tensorboard.hparams.Status.STATUS_FAILURE}. */
  public static final int STATUS_FAILURE = 2;

  private static final int MASK_DELTA = 0xa282ead8;
  /** TensorBoard's hparams {@code NULL_TENSOR}: {@code TensorProto{dtype: DT_FLOAT, tensor_shape {dim {size: 0}}}}. */
  private static final byte[] NULL_TENSOR = {0x08, 0x01, 0x12, 0x02, 0x12, 0x00};

  private final OutputStream out;
  private final CRC32C crc = new CRC32C();
  private final byte[] header = new byte[12];
  private final byte[] footer = new byte[4];
  private final Map<String, byte[]> tagBytes = new HashMap<>();
  private byte[] buf = new byte[256];
  private int len;

  /**
   * @param out the destination; it should be buffered, and is closed by {@link #close()}
   */
  public EventFileWriter(OutputStream out) {
    this.out = out;
  }

  /** Writes the mandatory first event, {@code file_version = "brain.Event:2"} at step 0. */
  public void writeFileVersion(double wallTime) throws IOException {
    byte[] version = FILE_VERSION.getBytes(StandardCharsets.UTF_8);
    len = 0;
    ensure(9 + 1 + 5 + version.length);
    putTag(1, 1);
    putDouble(wallTime);
    putTag(3, 2);
    putVarint(version.length);
    putBytes(version);
    writeRecord();
  }

  /** Writes one event with a single scalar. */
  public void writeScalar(double wallTime, long step, String tag, float value) throws IOException {
    writeScalars(wallTime, step, new String[] {tag}, new float[] {value}, 0, 1);
  }

  /**
   * Writes one event whose summary holds the scalars {@code tags[from..to)} with {@code values[from..to)},
   * all at the same wall time and step.
   */
  public void writeScalars(double wallTime, long step, String[] tags, float[] values, int from, int to)
      throws IOException {
    int summaryLen = 0;
    for (int i = from; i < to; i++) {
      int v = valueSize(tag(tags[i]).length);
      summaryLen += 1 + varintSize(v) + v;
    }
    len = 0;
    ensure(9 + 11 + 1 + 5 + summaryLen);
    putTag(1, 1);
    putDouble(wallTime);
    if (step != 0) {
      putTag(2, 0);
      putVarint(step);
    }
    putTag(5, 2);
    putVarint(summaryLen);
    for (int i = from; i < to; i++) {
      byte[] t = tag(tags[i]);
      putTag(1, 2);
      putVarint(valueSize(t.length));
      putTag(1, 2);
      putVarint(t.length);
      putBytes(t);
      putTag(2, 5);
      putFloat(values[i]);
    }
    writeRecord();
  }

  /**
   * Writes the hparams plugin's session start: the run's hyperparameters ({@code null} values are left
   * out; numbers, booleans and strings keep their type, anything else, e.g. a list, is written as its
   * string form), the session group (runs that differ only in their seed share one) and the start time.
   */
  public void writeSessionStartInfo(double wallTime, Map<String, ?> hparams, String groupName, double startTimeSecs)
      throws IOException {
    writePluginSummary(wallTime, 0, SESSION_START_INFO_TAG, HPARAMS_PLUGIN, sessionStartInfo(hparams, groupName, startTimeSecs));
  }

  /** Writes the hparams plugin's session end: {@link #STATUS_SUCCESS} or {@link #STATUS_FAILURE}, and the end time. */
  public void writeSessionEndInfo(double wallTime, int status, double endTimeSecs) throws IOException {
    writePluginSummary(wallTime, 0, SESSION_END_INFO_TAG, HPARAMS_PLUGIN, sessionEndInfo(status, endTimeSecs));
  }

  /**
   * Writes one event whose summary holds one value {@code tag} with the null tensor as its value and
   * metadata naming {@code plugin} with {@code content}.
   */
  public void writePluginSummary(double wallTime, long step, String tag, String plugin, byte[] content)
      throws IOException {
    Proto metadata = new Proto().message(1, new Proto().string(1, plugin).bytes(2, content));
    Proto value = new Proto().string(1, tag).bytes(8, NULL_TENSOR).message(9, metadata);
    Proto event = new Proto().fixed64(1, Double.doubleToRawLongBits(wallTime));
    if (step != 0) {
      event.varint(2, step);
    }
    event.message(5, new Proto().message(1, value));
    ensure(event.n);
    System.arraycopy(event.b, 0, buf, 0, event.n);
    len = event.n;
    writeRecord();
  }

  /** A serialized {@code HParamsPluginData} (version 0) holding a {@code SessionStartInfo}. */
  static byte[] sessionStartInfo(Map<String, ?> hparams, String groupName, double startTimeSecs) {
    Proto info = new Proto();
    for (Map.Entry<String, ?> e : new TreeMap<>(hparams).entrySet()) {
      Object v = e.getValue();
      if (v == null) {
        continue;
      }
      Proto value = new Proto();
      if (v instanceof Boolean b) {
        value.varintAlways(4, b ? 1 : 0);
      } else if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
        value.fixed64Always(2, Double.doubleToRawLongBits(n.doubleValue()));
      } else {
        value.stringAlways(3, String.valueOf(v));
      }
      info.message(1, new Proto().stringAlways(1, e.getKey()).message(2, value));
    }
    info.string(4, groupName == null ? "" : groupName);
    info.fixed64(5, Double.doubleToRawLongBits(startTimeSecs));
    return new Proto().message(3, info).toBytes();
  }

  /** A serialized {@code HParamsPluginData} (version 0) holding a {@code SessionEndInfo}. */
  static byte[] sessionEndInfo(int status, double endTimeSecs) {
    Proto info = new Proto().varint(1, status).fixed64(2, Double.doubleToRawLongBits(endTimeSecs));
    return new Proto().message(4, info).toBytes();
  }

  /** Flushes the underlying stream. */
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }

  /** The masked CRC32C of {@code b[off..off+n)} as TFRecord stores it. */
  public static int maskedCrc32c(byte[] b, int off, int n) {
    CRC32C c = new CRC32C();
    c.update(b, off, n);
    return mask((int) c.getValue());
  }

  private static int mask(int crc) {
    return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
  }

  private void writeRecord() throws IOException {
    long n = len;
    for (int i = 0; i < 8; i++) {
      header[i] = (byte) (n >>> (8 * i));
    }
    crc.reset();
    crc.update(header, 0, 8);
    putInt(header, 8, mask((int) crc.getValue()));
    crc.reset();
    crc.update(buf, 0, len);
    putInt(footer, 0, mask((int) crc.getValue()));
    out.write(header, 0, 12);
    out.write(buf, 0, len);
    out.write(footer, 0, 4);
  }

  private byte[] tag(String tag) {
    byte[] b = tagBytes.get(tag);
    if (b == null) {
      b = tag.getBytes(StandardCharsets.UTF_8);
      tagBytes.put(tag, b);
    }
    return b;
  }

  private static int valueSize(int tagLen) {
    return 1 + varintSize(tagLen) + tagLen + 1 + 4;
  }

  static int varintSize(long v) {
    int n = 1;
    while ((v & ~0x7FL) != 0) {
      v >>>= 7;
      n++;
    }
    return n;
  }

  private void ensure(int n) {
    if (buf.length < n) {
      buf = new byte[Math.max(n, 2 * buf.length)];
    }
  }

  private void putTag(int field, int wireType) {
    buf[len++] = (byte) ((field << 3) | wireType);
  }

  private void putVarint(long v) {
    while ((v & ~0x7FL) != 0) {
      buf[len++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[len++] = (byte) v;
  }

  private void putDouble(double d) {
    long bits = Double.doubleToRawLongBits(d);
    for (int i = 0; i < 8; i++) {
      buf[len++] = (byte) (bits >>> (8 * i));
    }
  }

  private void putFloat(float f) {
    putInt(buf, len, Float.floatToRawIntBits(f));
    len += 4;
  }

  private void putBytes(byte[] b) {
    System.arraycopy(b, 0, buf, len, b.length);
    len += b.length;
  }

  /**
   * A protobuf message under construction, for the few messages written once per run (the hparams
   * summaries): fields are appended in the order called; nested messages are encoded first and copied
   * in with their length. Like proto3's serializer it leaves out fields at their default value (0,
   * empty), except through the {@code ...Always} methods, for members of a {@code oneof} and map entries.
   */
  static final class Proto {
    byte[] b = new byte[32];
    int n;

    Proto varint(int field, long v) {
      return v == 0 ? this : varintAlways(field, v);
    }

    Proto varintAlways(int field, long v) {
      key(field, 0);
      raw(v);
      return this;
    }

    Proto fixed64(int field, long bits) {
      return bits == 0 ? this : fixed64Always(field, bits);
    }

    Proto fixed64Always(int field, long bits) {
      key(field, 1);
      grow(8);
      for (int i = 0; i < 8; i++) {
        b[n++] = (byte) (bits >>> (8 * i));
      }
      return this;
    }

    Proto string(int field, String s) {
      return s.isEmpty() ? this : stringAlways(field, s);
    }

    Proto stringAlways(int field, String s) {
      return bytesAlways(field, s.getBytes(StandardCharsets.UTF_8));
    }

    Proto bytes(int field, byte[] v) {
      return v.length == 0 ? this : bytesAlways(field, v);
    }

    Proto bytesAlways(int field, byte[] v) {
      key(field, 2);
      raw(v.length);
      grow(v.length);
      System.arraycopy(v, 0, b, n, v.length);
      n += v.length;
      return this;
    }

    /** A sub-message; written even when empty (its presence is information). */
    Proto message(int field, Proto m) {
      return bytesAlways(field, m.toBytes());
    }

    byte[] toBytes() {
      return Arrays.copyOf(b, n);
    }

    private void key(int field, int wire) {
      raw(((long) field << 3) | wire);
    }

    private void raw(long v) {
      grow(10);
      while ((v & ~0x7FL) != 0) {
        b[n++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      b[n++] = (byte) v;
    }

    private void grow(int k) {
      if (n + k > b.length) {
        b = Arrays.copyOf(b, Math.max(n + k, 2 * b.length));
      }
    }
  }

  private static void putInt(byte[] b, int off, int v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >>> 8);
    b[off + 2] = (byte) (v >>> 16);
    b[off + 3] = (byte) (v >>> 24);
  }
}
