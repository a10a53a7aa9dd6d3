package io.metarl.core.nn;

/**
 * Runs {@link Float32KernelsTest}'s parity checks in a JVM of its own and prints the kernels' name and
 * {@code ok}: {@link Float32KernelChoiceTest} starts it with narrower vectors
 * ({@code -XX:MaxVectorSize=32}, AVX2's 8 floats), whose products take the 4 x 3-vector tile that the
 * 16-float vectors of the build machine never reach.
 */
public final class Float32KernelsParityProbe {
  private Float32KernelsParityProbe() {}

  /** Entry point. */
  public static void main(String[] args) {
    Float32KernelsTest test = new Float32KernelsTest();
    test.multiplyAddIsTheNaiveFusedChainBitForBitAndWithinTheBoundOfFloat64();
    test.multiplyAddCoversEveryReductionLengthAtTheNetworksShapes();
    test.lstmStepMatchesTheFloat64StepWithinThePropagatedBound();
    test.tanhAndSigmoidAreAccurateAndIdenticalInBothImplementations();
    System.out.println(Float32Kernels.best().name());
    System.out.println("ok");
  }
}
