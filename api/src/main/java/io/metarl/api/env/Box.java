package io.metarl.api.env;

import java.util.Arrays;

/**
 * A box of real vectors {@code low[i] <= x[i] <= high[i]} (bounds may be infinite), flattened
 * row-major from {@link #shape()}.
 */
public final class Box implements Space {
  private final float[] low;
  private final float[] high;
  private final int[] shape;

  /**
   * Creates a box.
   *
   * @param low lower bound per component
   * @param high upper bound per component, {@code >= low}
   * @param shape the shape; its product must equal {@code low.length}
   */
  public Box(float[] low, float[] high, int... shape) {
    if (low.length != high.length) {
      throw new IllegalArgumentException(
          "Box bounds differ in length: " + low.length + " vs " + high.length);
    }
    int size = 1;
    for (int d : shape) {
      if (d < 1) {
        throw new IllegalArgumentException("Box shape must be positive, got " + Arrays.toString(shape));
      }
      size *= d;
    }
    if (size != low.length) {
      throw new IllegalArgumentException(
          "Box shape " + Arrays.toString(shape) + " does not match " + low.length + " bounds");
    }
    for (int i = 0; i < low.length; i++) {
      if (!(low[i] <= high[i])) {
        throw new IllegalArgumentException("Box bound " + i + ": low " + low[i] + " > high " + high[i]);
      }
    }
    this.low = low.clone();
    this.high = high.clone();
    this.shape = shape.clone();
  }

  /** A one-dimensional box of {@code size} components, all within {@code [low, high]}. */
  public static Box of(float low, float high, int size) {
    float[] lo = new float[size];
    float[] hi = new float[size];
    Arrays.fill(lo, low);
    Arrays.fill(hi, high);
    return new Box(lo, hi, size);
  }

  /** A one-dimensional box with the given bounds. */
  public static Box of(float[] low, float[] high) {
    return new Box(low, high, low.length);
  }

  /** Lower bounds (a copy). */
  public float[] low() {
    return low.clone();
  }

  /** Upper bounds (a copy). */
  public float[] high() {
    return high.clone();
  }

  /** Lower bound of component {@code i}. */
  public float low(int i) {
    return low[i];
  }

  /** Upper bound of component {@code i}. */
  public float high(int i) {
    return high[i];
  }

  /** The shape (a copy). */
  public int[] shape() {
    return shape.clone();
  }

  @Override
  public int flatSize() {
    return low.length;
  }

  /** True when every component of {@code x} lies within its bounds (NaN never does). */
  public boolean contains(float[] x) {
    if (x.length != low.length) {
      return false;
    }
    for (int i = 0; i < x.length; i++) {
      if (!(x[i] >= low[i] && x[i] <= high[i])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Box b
        && Arrays.equals(low, b.low)
        && Arrays.equals(high, b.high)
        && Arrays.equals(shape, b.shape);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(low) + Arrays.hashCode(high)) + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return "Box(low=" + Arrays.toString(low) + ", high=" + Arrays.toString(high) + ", shape="
        + Arrays.toString(shape) + ")";
  }
}
