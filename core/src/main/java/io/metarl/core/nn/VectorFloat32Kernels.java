package io.metarl.core.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Float32Kernels} on the JDK's Vector API ({@code jdk.incubator.vector}, JEP 414 in Java 17),
 * with the machine's preferred vector width ({@code FloatVector.SPECIES_PREFERRED}: 16 floats with
 * AVX-512, 8 with AVX2). The only class that names the incubator module: loading it fails with a
 * {@link LinkageError} where the JVM was started without {@code --add-modules jdk.incubator.vector},
 * and {@link Float32KernelChoice} then falls back to {@link ScalarFloat32Kernels}.
 *
 * <p>The product's register tile is 4 rows of A x {@code W} vectors of B and C ({@code 4W}
 * accumulators live across the whole reduction; each loaded B vector is used 4 times, each broadcast
 * element of A {@code W} times): {@code W = 4} where a vector holds 16 floats or more (AVX-512 and
 * SVE-512 have 32 vector registers), else {@code W = 3} (AVX2 has 16: 12 accumulators, 3 loads and a
 * broadcast; a 4 x 4 tile spilled and ran at 52 GFLOP/s against 72), and for a remainder of 3 vectors
 * with wide ones (the 48 outputs of the LSTM(48)'s backward products). Then 4 x 1-vector tiles, 1-row
 * tiles for the remaining rows, and {@link ScalarFloat32Kernels#product} for the columns left over,
 * which computes the same chains. Lane-wise {@code fma}, {@code mul}, {@code add}, {@code div} are
 * specified as Java's scalar operations ({@link Math#fma} for {@code fma}), so every result equals the
 * scalar implementation's bit for bit.
 */
final class VectorFloat32Kernels implements Float32Kernels {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final boolean WIDE = L >= 16;
  private static final FloatVector R_HI = FloatVector.broadcast(S, Float32Math.R_MAX);
  private static final FloatVector R_LO = FloatVector.broadcast(S, -Float32Math.R_MAX);

  private VectorFloat32Kernels() {}

  /** The kernels, or null where the preferred vector holds fewer than 4 floats (no useful SIMD). */
  static Float32Kernels create() {
    return L >= 4 ? new VectorFloat32Kernels() : null;
  }

  @Override
  public String name() {
    return "vector-" + S.vectorBitSize();
  }

  @Override
  public void multiplyAdd(float[] a, int aOff, int ars, int acs, int m, float[] b, int bOff, int ldb, int n, int k,
      float[] c, int cOff, int ldc) {
    int r = 0;
    for (; r + 3 < m; r += 4) {
      int a0 = aOff + r * ars;
      int c0 = cOff + r * ldc;
      int j = 0;
      if (WIDE) {
        for (; j + 4 * L <= n; j += 4 * L) {
          tile4x4(a, a0, ars, acs, b, bOff + j, ldb, k, c, c0 + j, ldc);
        }
      }
      for (; j + 3 * L <= n; j += 3 * L) { // all of it with narrow vectors; 48 columns (LSTM(48)'s dh, dWh) with wide
        tile4x3(a, a0, ars, acs, b, bOff + j, ldb, k, c, c0 + j, ldc);
      }
      for (; j + L <= n; j += L) {
        tile4x1(a, a0, ars, acs, b, bOff + j, ldb, k, c, c0 + j, ldc);
      }
      if (j < n) {
        ScalarFloat32Kernels.product(a, a0, ars, acs, 4, b, bOff + j, ldb, n - j, k, c, c0 + j, ldc);
      }
    }
    for (; r < m; r++) {
      int a0 = aOff + r * ars;
      int c0 = cOff + r * ldc;
      int j = 0;
      for (; j + 4 * L <= n; j += 4 * L) {
        tile1x4(a, a0, acs, b, bOff + j, ldb, k, c, c0 + j);
      }
      for (; j + L <= n; j += L) {
        FloatVector s = FloatVector.fromArray(S, c, c0 + j);
        for (int i = 0; i < k; i++) {
          s = FloatVector.broadcast(S, a[a0 + i * acs]).fma(FloatVector.fromArray(S, b, bOff + i * ldb + j), s);
        }
        s.intoArray(c, c0 + j);
      }
      if (j < n) {
        ScalarFloat32Kernels.product(a, a0, ars, acs, 1, b, bOff + j, ldb, n - j, k, c, c0 + j, ldc);
      }
    }
  }

  private static void tile4x4(float[] a, int a0, int ars, int acs, float[] b, int b0, int ldb, int k, float[] c,
      int c0, int ldc) {
    int a1 = a0 + ars;
    int a2 = a1 + ars;
    int a3 = a2 + ars;
    int c1 = c0 + ldc;
    int c2 = c1 + ldc;
    int c3 = c2 + ldc;
    FloatVector s00 = FloatVector.fromArray(S, c, c0), s01 = FloatVector.fromArray(S, c, c0 + L);
    FloatVector s02 = FloatVector.fromArray(S, c, c0 + 2 * L), s03 = FloatVector.fromArray(S, c, c0 + 3 * L);
    FloatVector s10 = FloatVector.fromArray(S, c, c1), s11 = FloatVector.fromArray(S, c, c1 + L);
    FloatVector s12 = FloatVector.fromArray(S, c, c1 + 2 * L), s13 = FloatVector.fromArray(S, c, c1 + 3 * L);
    FloatVector s20 = FloatVector.fromArray(S, c, c2), s21 = FloatVector.fromArray(S, c, c2 + L);
    FloatVector s22 = FloatVector.fromArray(S, c, c2 + 2 * L), s23 = FloatVector.fromArray(S, c, c2 + 3 * L);
    FloatVector s30 = FloatVector.fromArray(S, c, c3), s31 = FloatVector.fromArray(S, c, c3 + L);
    FloatVector s32 = FloatVector.fromArray(S, c, c3 + 2 * L), s33 = FloatVector.fromArray(S, c, c3 + 3 * L);
    for (int i = 0; i < k; i++) {
      int bi = b0 + i * ldb;
      int ai = i * acs;
      FloatVector u0 = FloatVector.fromArray(S, b, bi), u1 = FloatVector.fromArray(S, b, bi + L);
      FloatVector u2 = FloatVector.fromArray(S, b, bi + 2 * L), u3 = FloatVector.fromArray(S, b, bi + 3 * L);
      FloatVector x = FloatVector.broadcast(S, a[a0 + ai]);
      s00 = x.fma(u0, s00); s01 = x.fma(u1, s01); s02 = x.fma(u2, s02); s03 = x.fma(u3, s03);
      x = FloatVector.broadcast(S, a[a1 + ai]);
      s10 = x.fma(u0, s10); s11 = x.fma(u1, s11); s12 = x.fma(u2, s12); s13 = x.fma(u3, s13);
      x = FloatVector.broadcast(S, a[a2 + ai]);
      s20 = x.fma(u0, s20); s21 = x.fma(u1, s21); s22 = x.fma(u2, s22); s23 = x.fma(u3, s23);
      x = FloatVector.broadcast(S, a[a3 + ai]);
      s30 = x.fma(u0, s30); s31 = x.fma(u1, s31); s32 = x.fma(u2, s32); s33 = x.fma(u3, s33);
    }
    s00.intoArray(c, c0); s01.intoArray(c, c0 + L); s02.intoArray(c, c0 + 2 * L); s03.intoArray(c, c0 + 3 * L);
    s10.intoArray(c, c1); s11.intoArray(c, c1 + L); s12.intoArray(c, c1 + 2 * L); s13.intoArray(c, c1 + 3 * L);
    s20.intoArray(c, c2); s21.intoArray(c, c2 + L); s22.intoArray(c, c2 + 2 * L); s23.intoArray(c, c2 + 3 * L);
    s30.intoArray(c, c3); s31.intoArray(c, c3 + L); s32.intoArray(c, c3 + 2 * L); s33.intoArray(c, c3 + 3 * L);
  }

  private static void tile4x3(float[] a, int a0, int ars, int acs, float[] b, int b0, int ldb, int k, float[] c,
      int c0, int ldc) {
    int a1 = a0 + ars;
    int a2 = a1 + ars;
    int a3 = a2 + ars;
    int c1 = c0 + ldc;
    int c2 = c1 + ldc;
    int c3 = c2 + ldc;
    FloatVector s00 = FloatVector.fromArray(S, c, c0), s01 = FloatVector.fromArray(S, c, c0 + L);
    FloatVector s02 = FloatVector.fromArray(S, c, c0 + 2 * L);
    FloatVector s10 = FloatVector.fromArray(S, c, c1), s11 = FloatVector.fromArray(S, c, c1 + L);
    FloatVector s12 = FloatVector.fromArray(S, c, c1 + 2 * L);
    FloatVector s20 = FloatVector.fromArray(S, c, c2), s21 = FloatVector.fromArray(S, c, c2 + L);
    FloatVector s22 = FloatVector.fromArray(S, c, c2 + 2 * L);
    FloatVector s30 = FloatVector.fromArray(S, c, c3), s31 = FloatVector.fromArray(S, c, c3 + L);
    FloatVector s32 = FloatVector.fromArray(S, c, c3 + 2 * L);
    for (int i = 0; i < k; i++) {
      int bi = b0 + i * ldb;
      int ai = i * acs;
      FloatVector u0 = FloatVector.fromArray(S, b, bi), u1 = FloatVector.fromArray(S, b, bi + L);
      FloatVector u2 = FloatVector.fromArray(S, b, bi + 2 * L);
      FloatVector x = FloatVector.broadcast(S, a[a0 + ai]);
      s00 = x.fma(u0, s00); s01 = x.fma(u1, s01); s02 = x.fma(u2, s02);
      x = FloatVector.broadcast(S, a[a1 + ai]);
      s10 = x.fma(u0, s10); s11 = x.fma(u1, s11); s12 = x.fma(u2, s12);
      x = FloatVector.broadcast(S, a[a2 + ai]);
      s20 = x.fma(u0, s20); s21 = x.fma(u1, s21); s22 = x.fma(u2, s22);
      x = FloatVector.broadcast(S, a[a3 + ai]);
      s30 = x.fma(u0, s30); s31 = x.fma(u1, s31); s32 = x.fma(u2, s32);
    }
    s00.intoArray(c, c0); s01.intoArray(c, c0 + L); s02.intoArray(c, c0 + 2 * L);
    s10.intoArray(c, c1); s11.intoArray(c, c1 + L); s12.intoArray(c, c1 + 2 * L);
    s20.intoArray(c, c2); s21.intoArray(c, c2 + L); s22.intoArray(c, c2 + 2 * L);
    s30.intoArray(c, c3); s31.intoArray(c, c3 + L); s32.intoArray(c, c3 + 2 * L);
  }

  private static void tile4x1(float[] a, int a0, int ars, int acs, float[] b, int b0, int ldb, int k, float[] c,
      int c0, int ldc) {
    int a1 = a0 + ars;
    int a2 = a1 + ars;
    int a3 = a2 + ars;
    FloatVector s0 = FloatVector.fromArray(S, c, c0);
    FloatVector s1 = FloatVector.fromArray(S, c, c0 + ldc);
    FloatVector s2 = FloatVector.fromArray(S, c, c0 + 2 * ldc);
    FloatVector s3 = FloatVector.fromArray(S, c, c0 + 3 * ldc);
    for (int i = 0; i < k; i++) {
      FloatVector u = FloatVector.fromArray(S, b, b0 + i * ldb);
      int ai = i * acs;
      s0 = FloatVector.broadcast(S, a[a0 + ai]).fma(u, s0);
      s1 = FloatVector.broadcast(S, a[a1 + ai]).fma(u, s1);
      s2 = FloatVector.broadcast(S, a[a2 + ai]).fma(u, s2);
      s3 = FloatVector.broadcast(S, a[a3 + ai]).fma(u, s3);
    }
    s0.intoArray(c, c0);
    s1.intoArray(c, c0 + ldc);
    s2.intoArray(c, c0 + 2 * ldc);
    s3.intoArray(c, c0 + 3 * ldc);
  }

  private static void tile1x4(float[] a, int a0, int acs, float[] b, int b0, int ldb, int k, float[] c, int c0) {
    FloatVector s0 = FloatVector.fromArray(S, c, c0);
    FloatVector s1 = FloatVector.fromArray(S, c, c0 + L);
    FloatVector s2 = FloatVector.fromArray(S, c, c0 + 2 * L);
    FloatVector s3 = FloatVector.fromArray(S, c, c0 + 3 * L);
    for (int i = 0; i < k; i++) {
      int bi = b0 + i * ldb;
      FloatVector x = FloatVector.broadcast(S, a[a0 + i * acs]);
      s0 = x.fma(FloatVector.fromArray(S, b, bi), s0);
      s1 = x.fma(FloatVector.fromArray(S, b, bi + L), s1);
      s2 = x.fma(FloatVector.fromArray(S, b, bi + 2 * L), s2);
      s3 = x.fma(FloatVector.fromArray(S, b, bi + 3 * L), s3);
    }
    s0.intoArray(c, c0);
    s1.intoArray(c, c0 + L);
    s2.intoArray(c, c0 + 2 * L);
    s3.intoArray(c, c0 + 3 * L);
  }

  @Override
  public void tanh(float[] x, int off, int len) {
    int end = off + len;
    int i = off;
    for (; i + L <= end; i += L) {
      FloatVector q = expm1Scaled(FloatVector.fromArray(S, x, i), Float32Math.TANH_SCALE);
      q.div(q.add(2f)).intoArray(x, i);
    }
    for (; i < end; i++) {
      x[i] = Float32Math.tanh(x[i]);
    }
  }

  @Override
  public void sigmoid(float[] x, int off, int len) {
    int end = off + len;
    int i = off;
    for (; i + L <= end; i += L) {
      FloatVector q = expm1Scaled(FloatVector.fromArray(S, x, i), Float32Math.SIGMOID_SCALE);
      FloatVector.broadcast(S, 1f).div(q.add(2f)).intoArray(x, i);
    }
    for (; i < end; i++) {
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
      int j = 0;
      for (; j + L <= units; j += L) {
        FloatVector in = FloatVector.fromArray(S, gates, go + j);
        FloatVector forget = FloatVector.fromArray(S, gates, go + units + j);
        FloatVector g = FloatVector.fromArray(S, gates, go + 2 * units + j);
        FloatVector out = FloatVector.fromArray(S, gates, go + 3 * units + j);
        FloatVector cn = forget.mul(FloatVector.fromArray(S, cPrev, po + j)).add(in.mul(g));
        FloatVector q = expm1Scaled(cn, Float32Math.TANH_SCALE);
        FloatVector tc = q.div(q.add(2f));
        cn.intoArray(cell, so + j);
        tc.intoArray(tanhCell, so + j);
        out.mul(tc).intoArray(hidden, so + j);
      }
      for (; j < units; j++) {
        ScalarFloat32Kernels.cellElement(gates, go + j, units, cPrev, po + j, cell, tanhCell, hidden, so + j);
      }
    }
  }

  /** {@link Float32Math#expm1Scaled}, lane by lane, operation for operation. */
  private static FloatVector expm1Scaled(FloatVector x, float scale) {
    FloatVector r = x.mul(scale);
    // The clamp as compare-and-blend: the same values as Math.min/max (NaN stays NaN; the bounds are
    // not zero, so signed zeros cannot differ), in 2 instructions where Java's min/max semantics take
    // about 4 on x86 (10 % of the function, measured).
    r = r.blend(R_HI, r.compare(VectorOperators.GT, R_HI));
    r = r.blend(R_LO, r.compare(VectorOperators.LT, R_LO));
    FloatVector p = FloatVector.broadcast(S, Float32Math.C9).fma(r, FloatVector.broadcast(S, Float32Math.C8));
    p = p.fma(r, FloatVector.broadcast(S, Float32Math.C7));
    p = p.fma(r, FloatVector.broadcast(S, Float32Math.C6));
    p = p.fma(r, FloatVector.broadcast(S, Float32Math.C5));
    p = p.fma(r, FloatVector.broadcast(S, Float32Math.C4));
    p = p.fma(r, FloatVector.broadcast(S, Float32Math.C3));
    p = p.fma(r, FloatVector.broadcast(S, Float32Math.C2));
    p = p.fma(r, FloatVector.broadcast(S, 1f));
    FloatVector q = p.mul(r);
    q = q.fma(q, q.add(q));
    q = q.fma(q, q.add(q));
    return q.fma(q, q.add(q));
  }
}
