package io.metarl.core.nn;

/** Prints the chosen float32 kernels' name and the reason, one per line (run by {@code Float32KernelChoiceTest}). */
public final class Float32KernelChoiceProbe {
  private Float32KernelChoiceProbe() {}

  /** Entry point. */
  public static void main(String[] args) {
    System.out.println(Float32Kernels.best().name());
    System.out.println(Float32KernelChoice.REASON);
  }
}
