package io.metarl.core.nn;

/**
 * The plain-Java {@link Float32Kernels}: the fallback where the Vector API is absent, and the
 * reference the Vector API implementation is tested against bit for bit.
 *
 * <p>The product uses register tiles of 4 rows of A x 4 columns of B, 16 independent
 * {@link Math#fma} chains (the JIT does not vectorise a loop whose accumulators live across the
 * reduction, and the chains keep the FP units busy), then 4 x 1 and 1 x 4 and 1 x 1 tiles for the
 * ragged edges; each element's chain is the same whatever tile it falls in. The nonlinearities are
 * loops over {@link Float32Math}. {@link Math#fma} is an intrinsic on x86 with FMA3 (2013 on) and on
 * AArch64; on a CPU without fused multiply-add the JDK computes it exactly in software, many times
 * slower, so float32 should not be chosen there (the JVM reports it: {@code -XX:+UseFMA}).
 */
final class ScalarFloat32Kernels implements Float32Kernels {
  static final ScalarFloat32Kernels INSTANCE = new ScalarFloat32Kernels();

  private ScalarFloat32Kernels() {}

  @Override
  public String name() {
    return "scalar";
  }

  @Override
  public void multiplyAdd(float[] a, int aOff, int ars, int acs, int m, float[] b, int bOff, int ldb, int n, int k,
      float[] c, int cOff, int ldc) {
    product(a, aOff, ars, acs, m, b, bOff, ldb, n, k, c, cOff, ldc);
  }

  /** {@link #multiplyAdd}, static: the Vector API implementation's ragged edges. */
  static void product(float[] a, int aOff, int ars, int acs, int m, float[] b, int bOff, int ldb, int n, int k,
      float[] c, int cOff, int ldc) {
    int r = 0;
    for (; r + 3 < m; r += 4) {
      int a0 = aOff + r * ars;
      int a1 = a0 + ars;
      int a2 = a1 + ars;
      int a3 = a2 + ars;
      int c0 = cOff + r * ldc;
      int c1 = c0 + ldc;
      int c2 = c1 + ldc;
      int c3 = c2 + ldc;
      int j = 0;
      for (; j + 3 < n; j += 4) {
        float s00 = c[c0 + j], s01 = c[c0 + j + 1], s02 = c[c0 + j + 2], s03 = c[c0 + j + 3];
        float s10 = c[c1 + j], s11 = c[c1 + j + 1], s12 = c[c1 + j + 2], s13 = c[c1 + j + 3];
        float s20 = c[c2 + j], s21 = c[c2 + j + 1], s22 = c[c2 + j + 2], s23 = c[c2 + j + 3];
        float s30 = c[c3 + j], s31 = c[c3 + j + 1], s32 = c[c3 + j + 2], s33 = c[c3 + j + 3];
        for (int i = 0; i < k; i++) {
          int bi = bOff + i * ldb + j;
          float u0 = b[bi], u1 = b[bi + 1], u2 = b[bi + 2], u3 = b[bi + 3];
          int ai = i * acs;
          float x = a[a0 + ai];
          s00 = Math.fma(x, u0, s00); s01 = Math.fma(x, u1, s01); s02 = Math.fma(x, u2, s02); s03 = Math.fma(x, u3, s03);
          x = a[a1 + ai];
          s10 = Math.fma(x, u0, s10); s11 = Math.fma(x, u1, s11); s12 = Math.fma(x, u2, s12); s13 = Math.fma(x, u3, s13);
          x = a[a2 + ai];
          s20 = Math.fma(x, u0, s20); s21 = Math.fma(x, u1, s21); s22 = Math.fma(x, u2, s22); s23 = Math.fma(x, u3, s23);
          x = a[a3 + ai];
          s30 = Math.fma(x, u0, s30); s31 = Math.fma(x, u1, s31); s32 = Math.fma(x, u2, s32); s33 = Math.fma(x, u3, s33);
        }
        c[c0 + j] = s00; c[c0 + j + 1] = s01; c[c0 + j + 2] = s02; c[c0 + j + 3] = s03;
        c[c1 + j] = s10; c[c1 + j + 1] = s11; c[c1 + j + 2] = s12; c[c1 + j + 3] = s13;
        c[c2 + j] = s20; c[c2 + j + 1] = s21; c[c2 + j + 2] = s22; c[c2 + j + 3] = s23;
        c[c3 + j] = s30; c[c3 + j + 1] = s31; c[c3 + j + 2] = s32; c[c3 + j + 3] = s33;
      }
      for (; j < n; j++) {
        float s0 = c[c0 + j], s1 = c[c1 + j], s2 = c[c2 + j], s3 = c[c3 + j];
        for (int i = 0; i < k; i++) {
          float u = b[bOff + i * ldb + j];
          int ai = i * acs;
          s0 = Math.fma(a[a0 + ai], u, s0);
          s1 = Math.fma(a[a1 + ai], u, s1);
          s2 = Math.fma(a[a2 + ai], u, s2);
          s3 = Math.fma(a[a3 + ai], u, s3);
        }
        c[c0 + j] = s0; c[c1 + j] = s1; c[c2 + j] = s2; c[c3 + j] = s3;
      }
    }
    // Remaining rows of A (fewer than 4; all of them for a single lane): 1 x 4 tiles, then 1 x 1.
    for (; r < m; r++) {
      int a0 = aOff + r * ars;
      int c0 = cOff + r * ldc;
      int j = 0;
      for (; j + 3 < n; j += 4) {
        float s0 = c[c0 + j], s1 = c[c0 + j + 1], s2 = c[c0 + j + 2], s3 = c[c0 + j + 3];
        for (int i = 0; i < k; i++) {
          int bi = bOff + i * ldb + j;
          float x = a[a0 + i * acs];
          s0 = Math.fma(x, b[bi], s0);
          s1 = Math.fma(x, b[bi + 1], s1);
          s2 = Math.fma(x, b[bi + 2], s2);
          s3 = Math.fma(x, b[bi + 3], s3);
        }
        c[c0 + j] = s0; c[c0 + j + 1] = s1; c[c0 + j + 2] = s2; c[c0 + j + 3] = s3;
      }
      for (; j < n; j++) {
        float s = c[c0 + j];
        for (int i = 0; i < k; i++) {
          s = Math.fma(a[a0 + i * acs], b[bOff + i * ldb + j], s);
        }
        c[c0 + j] = s;
      }
    }
  }

  @Override
  public void tanh(float[] x, int off, int len) {
    for (int i = off, end = off + len; i < end; i++) {
      x[i] = Float32Math.tanh(x[i]);
    }
  }

  @Override
  public void sigmoid(float[] x, int off, int len) {
    for (int i = off, end = off + len; i < end; i++) {
      x[i] = Float32Math.sigmoid(x[i]);
    }
  }

  @Override
  public void lstmCell(int units, int lanes, float[] gates, int gOff, float[] cPrev, int pOff, float[] cell,
      float[] tanhCell, float[] hidden, int sOff) {
    for (int l = 0; l < lanes; l++) {
      int go = gOff + 4 * units * l;
      int po = pOff + l * units;
      int so = sOff + l * units;
      for (int j = 0; j < units; j++) {
        cellElement(gates, go + j, units, cPrev, po + j, cell, tanhCell, hidden, so + j);
      }
    }
  }

  /** One element of {@link #lstmCell}: gates at {@code g}, {@code g + units}, ...; state at {@code p}, {@code s}. */
  static void cellElement(float[] gates, int g, int units, float[] cPrev, int p, float[] cell, float[] tanhCell,
      float[] hidden, int s) {
    float cn = gates[g + units] * cPrev[p] + gates[g] * gates[g + 2 * units];
    float tc = Float32Math.tanh(cn);
    cell[s] = cn;
    tanhCell[s] = tc;
    hidden[s] = gates[g + 3 * units] * tc;
  }
}
