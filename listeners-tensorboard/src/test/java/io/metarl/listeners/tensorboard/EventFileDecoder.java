package io.metarl.listeners.tensorboard;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

  /**
   * A summary value that carries plugin data instead of a scalar: its metadata's plugin name and
   * content, and its tensor (the serialized TensorProto, or null when absent).
   */
  record PluginValue(String tag, String plugin, byte[] content, byte[] tensor) {}

  /** One decoded Event: its scalars in {@code values}, its plugin-data values in {@code pluginValues}. */
  record Event(double wallTime, long step, String fileVersion, List<Value> values, List<PluginValue> pluginValues) {}

  /** A decoded {@code HParamsPluginData}: version, which data it holds and that data's fields. */
  record HParams(int version, String kind, Map<String, Object> hparams, String groupName, double startTimeSecs,
      int status, double endTimeSecs) {}

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
    List<PluginValue> plugins = new ArrayList<>();
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
        summary(b, r.pos, r.pos + len, values, plugins);
        r.pos += len;
      } else {
        r.skip(wire);
      }
    }
    return new Event(wall, step, version, values, plugins);
  }

  private static void summary(byte[] b, int from, int to, List<Value> out, List<PluginValue> plugins) {
    Reader r = new Reader(b, from, to);
    while (r.more()) {
      long key = r.varint();
      if (key == ((1 << 3) | 2)) {
        int len = (int) r.varint();
        Object v = value(b, r.pos, r.pos + len);
        if (v instanceof Value scalar) {
          out.add(scalar);
        } else {
          plugins.add((PluginValue) v);
        }
        r.pos += len;
      } else {
        r.skip((int) (key & 7));
      }
    }
    if (r.pos != to) {
      throw new IllegalStateException("summary overruns its length");
    }
  }

  private static Object value(byte[] b, int from, int to) {
    Reader r = new Reader(b, from, to);
    String tag = null;
    float v = Float.NaN;
    boolean seen = false;
    byte[] tensor = null;
    String plugin = null;
    byte[] content = null;
    while (r.more()) {
      long key = r.varint();
      int field = (int) (key >>> 3);
      int wire = (int) (key & 7);
      if (field == 1 && wire == 2) {
        tag = r.string();
      } else if (field == 2 && wire == 5) {
        v = Float.intBitsToFloat(r.fixed32());
        seen = true;
      } else if (field == 8 && wire == 2) {
        tensor = r.bytes();
      } else if (field == 9 && wire == 2) { // SummaryMetadata { PluginData plugin_data = 1 { plugin_name = 1; content = 2 } }
        byte[] meta = r.bytes();
        Reader m = new Reader(meta, 0, meta.length);
        while (m.more()) {
          long k = m.varint();
          if (k == ((1 << 3) | 2)) {
            byte[] pd = m.bytes();
            Reader p = new Reader(pd, 0, pd.length);
            while (p.more()) {
              long pk = p.varint();
              if (pk == ((1 << 3) | 2)) {
                plugin = p.string();
              } else if (pk == ((2 << 3) | 2)) {
                content = p.bytes();
              } else {
                p.skip((int) (pk & 7));
              }
            }
          } else {
            m.skip((int) (k & 7));
          }
        }
      } else {
        r.skip(wire);
      }
    }
    if (tag == null || r.pos != to) {
      throw new IllegalStateException("malformed Summary.Value");
    }
    if (seen) {
      return new Value(tag, v);
    }
    if (plugin == null) {
      throw new IllegalStateException("Summary.Value " + tag + " has neither a simple value nor plugin data");
    }
    return new PluginValue(tag, plugin, content == null ? new byte[0] : content, tensor);
  }

  /**
   * Decodes an hparams plugin's content ({@code HParamsPluginData}: version = 1, session_start_info = 3
   * {hparams = 1 (map entries {key = 1, google.protobuf.Value value = 2 {number 2 | string 3 | bool 4}}),
   * group_name = 4, start_time_secs = 5}, session_end_info = 4 {status = 1, end_time_secs = 2}).
   */
  static HParams hparams(byte[] content) {
    Reader r = new Reader(content, 0, content.length);
    int version = 0;
    String kind = null;
    Map<String, Object> hp = new LinkedHashMap<>();
    String group = "";
    double start = 0;
    int status = 0;
    double end = 0;
    while (r.more()) {
      long key = r.varint();
      int field = (int) (key >>> 3);
      if (field == 1 && (key & 7) == 0) {
        version = (int) r.varint();
      } else if (field == 3 && (key & 7) == 2) {
        kind = "session_start_info";
        byte[] info = r.bytes();
        Reader s = new Reader(info, 0, info.length);
        while (s.more()) {
          long k = s.varint();
          int f = (int) (k >>> 3);
          if (f == 1 && (k & 7) == 2) {
            byte[] entry = s.bytes();
            Reader e = new Reader(entry, 0, entry.length);
            String name = null;
            Object value = null;
            while (e.more()) {
              long ek = e.varint();
              if (ek == ((1 << 3) | 2)) {
                name = e.string();
              } else if (ek == ((2 << 3) | 2)) {
                byte[] val = e.bytes();
                Reader vr = new Reader(val, 0, val.length);
                while (vr.more()) {
                  long vk = vr.varint();
                  if (vk == ((2 << 3) | 1)) {
                    value = Double.longBitsToDouble(vr.fixed64());
                  } else if (vk == ((3 << 3) | 2)) {
                    value = vr.string();
                  } else if (vk == ((4 << 3) | 0)) {
                    value = vr.varint() != 0;
                  } else {
                    throw new IllegalStateException("unexpected google.protobuf.Value field " + (vk >>> 3));
                  }
                }
              } else {
                e.skip((int) (ek & 7));
              }
            }
            if (name == null || value == null) {
              throw new IllegalStateException("hparams map entry without key or value");
            }
            hp.put(name, value);
          } else if (f == 4 && (k & 7) == 2) {
            group = s.string();
          } else if (f == 5 && (k & 7) == 1) {
            start = Double.longBitsToDouble(s.fixed64());
          } else {
            s.skip((int) (k & 7));
          }
        }
      } else if (field == 4 && (key & 7) == 2) {
        kind = "session_end_info";
        byte[] info = r.bytes();
        Reader s = new Reader(info, 0, info.length);
        while (s.more()) {
          long k = s.varint();
          if (k == ((1 << 3) | 0)) {
            status = (int) s.varint();
          } else if (k == ((2 << 3) | 1)) {
            end = Double.longBitsToDouble(s.fixed64());
          } else {
            s.skip((int) (k & 7));
          }
        }
      } else {
        r.skip((int) (key & 7));
      }
    }
    return new HParams(version, kind, hp, group, start, status, end);
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

    byte[] bytes() {
      int len = (int) varint();
      if (len < 0 || pos + len > end) {
        throw new IllegalStateException("length-delimited field overruns its message");
      }
      byte[] out = java.util.Arrays.copyOfRange(b, pos, pos + len);
      pos += len;
      return out;
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
