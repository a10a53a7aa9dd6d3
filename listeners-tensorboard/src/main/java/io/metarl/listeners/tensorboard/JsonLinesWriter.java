package io.metarl.listeners.tensorboard;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes {@code metrics.jsonl}: one JSON object per point,
 * {@code {"tag":"train/loss","step":320,"value":0.4187,"wall_time":1732550400.123456}}, encoded
 * straight into a byte buffer: the {@code {"tag":"...","step":} prefix of each tag is escaped and
 * encoded once and cached, integers are written digit by digit, and a value is written as
 * {@link Double#toString(double)} writes it ({@code null} when it is NaN or infinite) with a shortcut
 * for whole numbers below 10^7, whose text is their digits and {@code .0}. The text is the same as
 * {@link StringBuilder#append(double)} gives; only the cost differs (no character encoder, no
 * allocation but for {@code Double.toString} of non-integral values).
 *
 * <p>Not thread-safe: the owner serialises calls.
 */
final class JsonLinesWriter implements Closeable {
  private static final int MARGIN = 128; // > the longest line after its prefix (3 numbers and 3 keys)
  private static final byte[] VALUE = bytes(",\"value\":");
  private static final byte[] WALL = bytes(",\"wall_time\":");
  private static final byte[] NULL = bytes("null");
  private static final long NEGATIVE_ZERO = Double.doubleToRawLongBits(-0.0);

  private final OutputStream out;
  private final byte[] buf;
  private int n;
  private final Map<String, byte[]> prefixes = new HashMap<>();

  /** @param out the destination, closed by {@link #close()}; written in blocks of {@code bufferSize} bytes */
  JsonLinesWriter(OutputStream out, int bufferSize) {
    this.out = out;
    this.buf = new byte[Math.max(bufferSize, 4 * MARGIN)];
  }

  /** Appends one line. */
  void point(String tag, long step, double value, double wallTime) throws IOException {
    byte[] prefix = prefixes.get(tag);
    if (prefix == null) {
      prefix = prefix(tag);
      prefixes.put(tag, prefix);
    }
    if (n + prefix.length + MARGIN > buf.length) {
      drain();
    }
    if (prefix.length + MARGIN > buf.length) { // an enormous tag: straight through
      out.write(prefix);
    } else {
      System.arraycopy(prefix, 0, buf, n, prefix.length);
      n += prefix.length;
    }
    digits(step);
    put(VALUE);
    if (!Double.isFinite(value)) {
      put(NULL);
    } else if (value == Math.rint(value) && Math.abs(value) < 1e7
        && Double.doubleToRawLongBits(value) != NEGATIVE_ZERO) {
      digits((long) value);
      buf[n++] = '.';
      buf[n++] = '0';
    } else {
      String s = Double.toString(value);
      for (int i = 0; i < s.length(); i++) {
        buf[n++] = (byte) s.charAt(i);
      }
    }
    put(WALL);
    long micros = Math.round(wallTime * 1e6);
    if (micros >= 0) {
      digits(micros / 1_000_000);
      buf[n++] = '.';
      long frac = micros % 1_000_000;
      for (long d = 100_000; d > 0; d /= 10) {
        buf[n++] = (byte) ('0' + (frac / d) % 10);
      }
    } else { // before 1970: the same text as the StringBuilder version (never happens with a real clock)
      String s = (micros / 1_000_000) + "." + "0".repeat(Math.max(0, 6 - Long.toString(micros % 1_000_000).length()))
          + (micros % 1_000_000);
      for (int i = 0; i < s.length(); i++) {
        buf[n++] = (byte) s.charAt(i);
      }
    }
    buf[n++] = '}';
    buf[n++] = '\n';
  }

  /** Writes the buffer and flushes the stream. */
  void flush() throws IOException {
    drain();
    out.flush();
  }

  @Override
  public void close() throws IOException {
    try {
      drain();
    } finally {
      out.close();
    }
  }

  private void drain() throws IOException {
    if (n > 0) {
      out.write(buf, 0, n);
      n = 0;
    }
  }

  private void put(byte[] b) {
    System.arraycopy(b, 0, buf, n, b.length);
    n += b.length;
  }

  private void digits(long v) {
    if (v < 0) {
      if (v == Long.MIN_VALUE) {
        put(bytes(Long.toString(v)));
        return;
      }
      buf[n++] = '-';
      v = -v;
    }
    int start = n;
    do {
      buf[n++] = (byte) ('0' + (v % 10));
      v /= 10;
    } while (v != 0);
    for (int i = start, j = n - 1; i < j; i++, j--) {
      byte t = buf[i];
      buf[i] = buf[j];
      buf[j] = t;
    }
  }

  /** {@code {"tag":"<tag, escaped>","step":} in UTF-8. */
  static byte[] prefix(String tag) {
    StringBuilder sb = new StringBuilder(tag.length() + 20).append("{\"tag\":\"");
    escape(sb, tag);
    return sb.append("\",\"step\":").toString().getBytes(StandardCharsets.UTF_8);
  }

  /** JSON string escaping of {@code "}, {@code \} and control characters. */
  static void escape(StringBuilder sb, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
