package io.metarl.core.nn;

/**
 * Chooses the {@link Float32Kernels} implementation once, when this class is initialised: the Vector
 * API one ({@link VectorFloat32Kernels}) if {@code jdk.incubator.vector} can be loaded and the machine
 * has vectors of at least 4 floats, else the plain-Java one ({@link ScalarFloat32Kernels}). The system
 * property {@value #PROPERTY} overrides it: {@code scalar} forces the fallback, {@code vector} requires
 * the Vector API (and fails this class's initialisation without it), {@code auto} (the default)
 * decides as above. Both give bit-identical results, so the choice changes speed, not numbers.
 *
 * <p>Without {@code --add-modules jdk.incubator.vector} the incubator module is not in the boot layer
 * and the first use of a {@code jdk.incubator.vector} class throws {@link NoClassDefFoundError}; a
 * module that cannot read it would get {@link IllegalAccessError}. Both are {@link LinkageError}s, which
 * is what is caught.
 */
final class Float32KernelChoice {
  /** The system property that overrides the choice: {@code auto}, {@code vector} or {@code scalar}. */
  static final String PROPERTY = "metarl.float32.kernels";
  /** The chosen kernels. */
  static final Float32Kernels BEST;
  /** Why they were chosen, for logs and benchmark reports. */
  static final String REASON;

  static {
    String wanted = System.getProperty(PROPERTY, "auto");
    Float32Kernels chosen = ScalarFloat32Kernels.INSTANCE;
    String reason;
    if (wanted.equals("scalar")) {
      reason = "scalar forced by -D" + PROPERTY + "=scalar";
    } else if (wanted.equals("auto") || wanted.equals("vector")) {
      Float32Kernels vector = null;
      try {
        vector = VectorFloat32Kernels.create();
        reason = vector != null ? "Vector API available" : "Vector API available, but vectors hold fewer than 4 floats";
      } catch (LinkageError e) {
        reason = "Vector API unavailable (start the JVM with --add-modules jdk.incubator.vector): " + e;
      }
      if (vector != null) {
        chosen = vector;
      } else if (wanted.equals("vector")) {
        throw new IllegalStateException("-D" + PROPERTY + "=vector, but " + reason);
      }
    } else {
      throw new IllegalStateException("-D" + PROPERTY + " must be auto, vector or scalar, not " + wanted);
    }
    BEST = chosen;
    REASON = reason;
  }

  private Float32KernelChoice() {}
}
