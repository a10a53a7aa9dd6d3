package io.metarl.extensions.epg;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/** Exact, compact text encoding of {@code double[]}: Base64 of IEEE-754 little-endian bytes. */
final class Codec {
  private Codec() {}

  static byte[] bytes(double[] v) {
    ByteBuffer b = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (double d : v) {
      b.putDouble(d);
    }
    return b.array();
  }

  static double[] fromBytes(byte[] raw) {
    if (raw.length % 8 != 0) {
      throw new IllegalArgumentException("not a whole number of doubles: " + raw.length + " bytes");
    }
    ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    double[] v = new double[raw.length / 8];
    for (int i = 0; i < v.length; i++) {
      v[i] = b.getDouble();
    }
    return v;
  }

  static String encode(double[] v) {
    return Base64.getEncoder().encodeToString(bytes(v));
  }

  static double[] decode(String s) {
    return fromBytes(Base64.getDecoder().decode(s));
  }
}
