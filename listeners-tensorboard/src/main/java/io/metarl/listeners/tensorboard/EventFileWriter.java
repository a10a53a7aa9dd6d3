package io.metarl.listeners.tensorboard;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
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

  private static final int MASK_DELTA = 0xa282ead8;

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

  private static void putInt(byte[] b, int off, int v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >>> 8);
    b[off + 2] = (byte) (v >>> 16);
    b[off + 3] = (byte) (v >>> 24);
  }
}
