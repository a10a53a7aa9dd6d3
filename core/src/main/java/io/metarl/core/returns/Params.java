package io.metarl.core.returns;

import java.util.Map;

/** Checked reads of parameter changes for {@code withParameters}. */
final class Params {
  private Params() {}

  static double get(Map<String, Double> changes, String name, double current) {
    for (String k : changes.keySet()) {
      if (!k.equals("gamma") && !k.equals("lambda")) {
        throw new IllegalArgumentException("unknown return-estimator parameter '" + k + "', expected gamma or lambda");
      }
    }
    Double v = changes.get(name);
    if (v == null) {
      return current;
    }
    if (!(v >= 0 && v <= 1)) {
      throw new IllegalArgumentException(name + " = " + v + ": expected a number in [0, 1]");
    }
    return v;
  }

  static void only(Map<String, Double> changes, String allowed) {
    for (String k : changes.keySet()) {
      if (!k.equals(allowed)) {
        throw new IllegalArgumentException("this estimator has no parameter '" + k + "', only " + allowed);
      }
    }
  }
}
