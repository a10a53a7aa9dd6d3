package io.metarl.envs.gym.classic;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.metarl.api.plugin.InvalidSettingException;
import io.metarl.api.plugin.Settings;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A physical parameter of a task distribution: a fixed value {@code key = x} and an optional range
 * {@code key-range = [lo, hi]} from which each task draws its value uniformly ({@code []}: every task
 * uses the fixed value).
 *
 * @param key the setting's key, e.g. {@code length}
 * @param value the fixed value
 * @param low lower end of the range (equal to {@code value} when there is no range)
 * @param high upper end of the range (equal to {@code value} when there is no range)
 * @param ranged whether a range is set
 */
public record RangedParameter(String key, double value, double low, double high, boolean ranged) {

  /** What values a parameter accepts. */
  public enum Domain {
    /** A finite number {@code > 0}. */
    POSITIVE("a finite number > 0"),
    /** A finite number {@code >= 0}. */
    NON_NEGATIVE("a finite number >= 0"),
    /** Any finite number. */
    FINITE("a finite number");

    private final String text;

    Domain(String text) {
      this.text = text;
    }

    boolean accepts(double v) {
      return switch (this) {
        case POSITIVE -> v > 0 && !Double.isInfinite(v);
        case NON_NEGATIVE -> v >= 0 && !Double.isInfinite(v);
        case FINITE -> Double.isFinite(v);
      };
    }
  }

  /**
   * Reads {@code key} and {@code key-range} from a plugin section.
   *
   * @throws InvalidSettingException naming the key when the value or the range is invalid
   */
  public static RangedParameter read(Config c, String key, Domain domain) {
    double v = readFixed(c, key, domain);
    String rangeKey = key + "-range";
    String expected = "[] (fixed) or [lo, hi] with lo <= hi, each " + domain.text;
    List<Double> range;
    try {
      range = c.getDoubleList(rangeKey);
    } catch (ConfigException.WrongType e) {
      throw new InvalidSettingException(rangeKey, c.getValue(rangeKey).render(), expected);
    }
    if (range.isEmpty()) {
      return new RangedParameter(key, v, v, v, false);
    }
    if (range.size() != 2) {
      throw new InvalidSettingException(rangeKey, c.getValue(rangeKey).render(), expected);
    }
    double lo = range.get(0);
    double hi = range.get(1);
    if (!domain.accepts(lo) || !domain.accepts(hi) || !(lo <= hi)) {
      throw new InvalidSettingException(rangeKey, c.getValue(rangeKey).render(), expected);
    }
    return new RangedParameter(key, v, lo, hi, true);
  }

  /** Reads a plain number setting in {@code domain}. */
  public static double readFixed(Config c, String key, Domain domain) {
    double v = switch (domain) {
      case POSITIVE -> Settings.positive(c, key);
      case NON_NEGATIVE -> Settings.nonNegative(c, key);
      case FINITE -> Settings.doubleIn(c, key, -Double.MAX_VALUE, Double.MAX_VALUE);
    };
    return v;
  }

  /** This parameter's value for a new task: uniform in the range, or the fixed value. */
  public double sample(RandomGenerator rng) {
    return ranged ? low + (high - low) * rng.nextDouble() : value;
  }
}
