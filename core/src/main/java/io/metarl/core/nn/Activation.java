package io.metarl.core.nn;

/** Hidden-layer activations, with derivatives expressed through the activation's output. */
public enum Activation {
  /** Hyperbolic tangent. */
  TANH {
    @Override
    double apply(double x) {
      return ActorCriticNetwork.tanh(x);
    }

    @Override
    double derivativeFromOutput(double y) {
      return 1 - y * y;
    }
  },
  /** Rectified linear unit. */
  RELU {
    @Override
    double apply(double x) {
      return x > 0 ? x : 0;
    }

    @Override
    double derivativeFromOutput(double y) {
      return y > 0 ? 1 : 0;
    }
  };

  abstract double apply(double x);

  abstract double derivativeFromOutput(double y);

  /** Parses {@code tanh} or {@code relu}. */
  public static Activation parse(String s) {
    return valueOf(s.toUpperCase(java.util.Locale.ROOT));
  }
}
