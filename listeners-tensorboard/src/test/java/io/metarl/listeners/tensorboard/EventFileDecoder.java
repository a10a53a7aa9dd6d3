package io.metarl.listeners.tensorboard;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An event-file reader written for the tests, independent of the production encoder: its own
 * table-driven CRC32C (Castagnoli, reflected polynomial 0x82F63B78), its own TFRecord framing and a
 * generic protobuf wire-format walker. It rejects a record whose length or data CRC does not match,
 * and stops (reporting it) at a final record that is cut short, as TensorBoard's reader does.
 */
final class EventFileDecoder {
  private static final int[] TABLE = new int[256];

  static {
    for (int n = 0; n < 256; n++) {
      int c = n;
      for (int k = 0; k < 8; k++) {
        c = (c & 1) != 0 ? (c >>> 1) ^ 0x82F63B78 : c >>> 1;
      }
      TABLE[n] = c;
    }
  }

  private EventFileDecoder() {}

  /** One scalar value of a summary. */
  record Value(String tag, float simpleValue) {}

  /** One decoded Event. */
  record Event(double wallTime, long step, String fileVersion, List<Value> values) {}

  /** The events and whether the file ended inside a record. */
  record Decoded(List<Event> events, boolean truncatedTail, long bytesRead) {}

  /** CRC32C of {@code b[off..off+n)}. */
  static int crc32c(byte[] b, int off, int n) {
    int c = ~0;
    for (int i = off; i < off + n; i++) {
      c = TABLE[(c ^ b[i]) & 0xFF] ^ (c >>> 8);
    }
    return ~c;
  }

  static int masked(int crc) {
    return Integer.rotateRight(crc, 15) + 0xa282ead8;
  }

  static Decoded read(Path file) throws IOException {
    return decode(Files.readAllBytes(file));
  }

  /**
   * Decodes every complete record.
   *
   * @throws IllegalStateException on a CRC mismatch or malformed protobuf
   */
  static Decoded decode(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    List<Event> events = new ArrayList<>();
    int pos = 0;
    while (pos < bytes.length) {
      if (bytes.length - pos < 12) {
        return new Decoded(events, true, pos);
      }
      long length = b.getLong(pos);
      int lengthCrc = b.getInt(pos + 8);
      if (lengthCrc != masked(crc32c(bytes, pos, 8))) {
        throw new IllegalStateException("length CRC mismatch at byte " + pos);
      }
      if (length < 0 || length > Integer.MAX_VALUE || bytes.length - pos - 12 < length + 4) {
        return new Decoded(events, true, pos);
      }
      int n = (int) length;
      int dataCrc = b.getInt(pos + 12 + n);
      if (dataCrc != masked(crc32c(bytes, pos + 12, n))) {
        throw new IllegalStateException("data CRC mismatch at byte " + pos);
      }
      events.add(event(bytes, pos + 12, pos + 12 + n));
      pos += 12 + n + 4;
    }
    return new Decoded(events, false, pos);
  }

  private static Event event(byte[] b, int from, int to) {
    double wall = 0;
    long step = 0;
    String version = null;
    List<Value> values = new ArrayList<>();
    Reader r = new Reader(b, from, to);
    while (r.more()) {
      long key = r.varint();
      int field = (int) (key >>> 3);
      int wire = (int) (key & 7);
      if (field == 1 && wire == 1) {
        wall = Double.longBitsToDouble(r.fixed64());
      } else if (field == 2 && wire == 0) {
        step = r.varint();
      } else if (field == 3 && wire == 2) {
        version = r.string();
      } else if (field == 5 && wire == 2) {
        int len = (int) r.varint();
        summary(b, r.pos, r.pos + len, values);
        r.pos += len;
      } else {
        r.skip(wire);
      }
    }
    return new Event(wall, step, version, values);
  }

  private static void summary(byte[] b, int from, int to, List<Value> out) {
    Reader r = new Reader(b, from, to);
    while (r.more()) {
      long key = r.varint();
      if (key == ((1 << 3) | 2)) {
        int len = (int) r.varint();
        out.add(value(b, r.pos, r.pos + len));
        r.pos += len;
      } else {
        r.skip((int) (key & 7));
      }
    }
    if (r.pos != to) {
      throw new IllegalStateException("summary overruns its length");
    }
  }

  private static Value value(byte[] b, int from, int to) {
    Reader r = new Reader(b, from, to);
    String tag = null;
    float v = Float.NaN;
    boolean seen = false;
    while (r.more()) {
      long key = r.varint();
      int field = (int) (key >>> 3);
      int wire = (int) (key & 7);
      if (field == 1 && wire == 2) {
        tag = r.string();
      } else if (field == 2 && wire == 5) {
        v = Float.intBitsToFloat(r.fixed32());
        seen = true;
      } else {
        r.skip(wire);
      }
    }
    if (tag == null || !seen || r.pos != to) {
      throw new IllegalStateException("malformed Summary.Value");
    }
    return new Value(tag, v);
  }

  private static final class Reader {
    final byte[] b;
    final int end;
    int pos;

    Reader(byte[] b, int from, int to) {
      this.b = b;
      this.pos = from;
      this.end = to;
    }

    boolean more() {
      return pos < end;
    }

    long varint() {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (pos >= end) {
          throw new IllegalStateException("varint overruns its message");
        }
        int x = b[pos++] & 0xFF;
        v |= (long) (x & 0x7F) << shift;
        if ((x & 0x80) == 0) {
          return v;
        }
      }
      throw new IllegalStateException("varint longer than 10 bytes");
    }

    long fixed64() {
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v |= (long) (b[pos++] & 0xFF) << (8 * i);
      }
      return v;
    }

    int fixed32() {
      int v = 0;
      for (int i = 0; i < 4; i++) {
        v |= (b[pos++] & 0xFF) << (8 * i);
      }
      return v;
    }

    String string() {
      int len = (int) varint();
      String s = new String(b, pos, len, StandardCharsets.UTF_8);
      pos += len;
      return s;
    }

    void skip(int wire) {
      switch (wire) {
        case 0 -> varint();
        case 1 -> pos += 8;
        case 2 -> pos += (int) varint();
        case 5 -> pos += 4;
        default -> throw new IllegalStateException("unsupported wire type " + wire);
      }
    }
  }
}
