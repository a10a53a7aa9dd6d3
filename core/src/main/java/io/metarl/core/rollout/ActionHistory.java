package io.metarl.core.rollout;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/** The actions of a lane's current episode, for exact resume by replay (a growable array). */
final class ActionHistory {
  private final int width;
  private float[] values = new float[64];
  private int size;

  ActionHistory(int width) {
    this.width = width;
  }

  void add(int action) {
    ensure();
    values[size++] = action;
  }

  void add(float[] action) {
    ensure();
    System.arraycopy(action, 0, values, size * width, width);
    size++;
  }

  private void ensure() {
    if ((size + 1) * width > values.length) {
      values = Arrays.copyOf(values, values.length * 2 + width);
    }
  }

  void clear() {
    size = 0;
  }

  int size() {
    return size;
  }

  int discrete(int k) {
    return (int) values[k];
  }

  float[] continuous(int k) {
    return Arrays.copyOfRange(values, k * width, (k + 1) * width);
  }

  void write(DataOutputStream out) throws IOException {
    out.writeInt(size);
    for (int i = 0; i < size * width; i++) {
      out.writeFloat(values[i]);
    }
  }

  void read(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 100_000_000) {
      throw new IOException("corrupt action history length " + n);
    }
    size = 0;
    values = new float[Math.max(64, n * width)];
    for (int i = 0; i < n * width; i++) {
      values[i] = in.readFloat();
    }
    size = n;
  }
}
