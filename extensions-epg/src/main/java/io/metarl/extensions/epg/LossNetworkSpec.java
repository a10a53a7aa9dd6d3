package io.metarl.extensions.epg;

import java.util.SplittableRandom;

/**
 * The shape of the evolved loss network L_phi and the layout of phi. A buffer row is
 * {@code [features (F), policy output (P), memory (M)]} of width {@code D = F + P + M}, where the
 * features are the normalised observation, the action (one-hot or continuous), the reward and the
 * done flag.
 *
 * <p>phi's layout: conv1 weights {@code [c1][k1][D]} and biases, conv2 weights {@code [c2][k2][c1]}
 * and biases, context weights {@code [context][c2]} and biases, head-1 weights {@code [hidden][F +
 * context + P + M]} and biases, head-2 weights {@code [hidden]} and bias, then the memory's initial
 * pre-activation ({@code M} values; the memory is {@code tanh} of it).
 *
 * @param features F: observation + action + 2
 * @param policyOutputs P: action probabilities, or mean and log-std
 * @param memory M: learned memory size (32 in the paper)
 * @param buffer N: steps in the temporal-convolution buffer
 * @param conv1Channels first convolution's output channels (16)
 * @param conv1Kernel its kernel (6)
 * @param conv1Stride its stride (5)
 * @param conv2Channels second convolution's output channels (32)
 * @param conv2Kernel its kernel (4)
 * @param conv2Stride its stride (2)
 * @param context context width after the linear layer (32)
 * @param hidden per-sample head's hidden width (16)
 * @param leakySlope negative slope of the leaky ReLUs (0.2, Chainer's default)
 */
public record LossNetworkSpec(
    int features, int policyOutputs, int memory, int buffer,
    int conv1Channels, int conv1Kernel, int conv1Stride,
    int conv2Channels, int conv2Kernel, int conv2Stride,
    int context, int hidden, double leakySlope) {

  /** Checks that the sizes are positive and the buffer is long enough for both convolutions. */
  public LossNetworkSpec {
    if (features < 1 || policyOutputs < 1 || memory < 0 || conv1Channels < 1 || conv1Kernel < 1
        || conv1Stride < 1 || conv2Channels < 1 || conv2Kernel < 1 || conv2Stride < 1 || context < 1
        || hidden < 1) {
      throw new IllegalArgumentException("loss network sizes must be positive: " + this);
    }
    int t1 = (buffer - conv1Kernel) / conv1Stride + 1;
    if (buffer < conv1Kernel || t1 < conv2Kernel) {
      throw new IllegalArgumentException("buffer " + buffer + " is too short for the convolutions: needs at least "
          + (conv1Kernel + (conv2Kernel - 1) * conv1Stride) + " steps");
    }
  }

  /** D: width of a buffer row. */
  public int rowSize() {
    return features + policyOutputs + memory;
  }

  /** Length of the first convolution's output. */
  public int length1() {
    return (buffer - conv1Kernel) / conv1Stride + 1;
  }

  /** Length of the second convolution's output. */
  public int length2() {
    return (length1() - conv2Kernel) / conv2Stride + 1;
  }

  /** Width of the head's input: features, context, policy output, memory. */
  public int headInput() {
    return features + context + policyOutputs + memory;
  }

  int w1() {
    return 0;
  }

  int b1() {
    return conv1Channels * conv1Kernel * rowSize();
  }

  int w2() {
    return b1() + conv1Channels;
  }

  int b2() {
    return w2() + conv2Channels * conv2Kernel * conv1Channels;
  }

  int wc() {
    return b2() + conv2Channels;
  }

  int bc() {
    return wc() + context * conv2Channels;
  }

  int w3() {
    return bc() + context;
  }

  int b3() {
    return w3() + hidden * headInput();
  }

  int w4() {
    return b3() + hidden;
  }

  int b4() {
    return w4() + hidden;
  }

  /** Offset of the memory's initial pre-activation in phi. */
  public int memoryOffset() {
    return b4() + 1;
  }

  /** Size of phi. */
  public int parameterCount() {
    return memoryOffset() + memory;
  }

  /**
   * Initial phi: LeCun-normal weights ({@code std = 1/sqrt(fan_in)}, Chainer's default for its links),
   * zero biases, memory pre-activations N(0, 0.01^2).
   */
  public double[] initialParameters(SplittableRandom rng) {
    double[] p = new double[parameterCount()];
    fill(p, w1(), b1(), conv1Kernel * rowSize(), rng);
    fill(p, w2(), b2(), conv2Kernel * conv1Channels, rng);
    fill(p, wc(), bc(), conv2Channels, rng);
    fill(p, w3(), b3(), headInput(), rng);
    fill(p, w4(), b4(), hidden, rng);
    for (int i = memoryOffset(); i < parameterCount(); i++) {
      p[i] = 0.01 * Stats.gaussian(rng);
    }
    return p;
  }

  private static void fill(double[] p, int from, int to, int fanIn, SplittableRandom rng) {
    double s = 1.0 / Math.sqrt(fanIn);
    for (int i = from; i < to; i++) {
      p[i] = s * Stats.gaussian(rng);
    }
  }
}
