package io.metarl.benchmarks;

/**
 * One measured figure beside the baseline measured in the same run; {@code ratio = value /
 * baselineValue} (above 1: ours is faster than the baseline).
 *
 * @param name what was measured, e.g. {@code policy.lstm48.lanes16}
 * @param value the measured rate
 * @param unit its unit, e.g. {@code lane-steps/s}
 * @param baselineName what the baseline is
 * @param baselineValue the baseline's rate, in the same unit
 * @param ratio {@code value / baselineValue}
 */
public record Figure(String name, double value, String unit, String baselineName, double baselineValue, double ratio) {

  /** A figure whose ratio is computed. */
  public static Figure of(String name, double value, String unit, String baselineName, double baselineValue) {
    return new Figure(name, value, unit, baselineName, baselineValue, baselineValue > 0 ? value / baselineValue : Double.NaN);
  }
}
