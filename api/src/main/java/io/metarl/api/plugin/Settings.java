package io.metarl.api.plugin;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.Arrays;

/**
 * Typed, range-checked reads of a plugin's section. Each method throws
 * {@link InvalidSettingException} naming the key, the value and the expectation; nothing is clamped.
 */
public final class Settings {
  private Settings() {}

  /** An integer {@code >= min}. */
  public static int intAtLeast(Config c, String key, int min) {
    int v;
    try {
      v = c.getInt(key);
    } catch (ConfigException.WrongType e) {
      throw new InvalidSettingException(key, raw(c, key), "an integer >= " + min);
    }
    if (v < min) {
      throw new InvalidSettingException(key, v, "an integer >= " + min);
    }
    return v;
  }

  /** A number in {@code [min, max]}. */
  public static double doubleIn(Config c, String key, double min, double max) {
    double v = number(c, key, "a number in [" + min + ", " + max + "]");
    if (!(v >= min && v <= max)) {
      throw new InvalidSettingException(key, v, "a number in [" + min + ", " + max + "]");
    }
    return v;
  }

  /** A number {@code > 0}. */
  public static double positive(Config c, String key) {
    double v = number(c, key, "a number > 0");
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new InvalidSettingException(key, v, "a finite number > 0");
    }
    return v;
  }

  /** A number {@code >= 0}. */
  public static double nonNegative(Config c, String key) {
    double v = number(c, key, "a number >= 0");
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new InvalidSettingException(key, v, "a finite number >= 0");
    }
    return v;
  }

  /** One of the given words. */
  public static String oneOf(Config c, String key, String... allowed) {
    String v = c.getString(key);
    if (Arrays.asList(allowed).contains(v)) {
      return v;
    }
    throw new InvalidSettingException(key, v, "one of " + String.join(", ", allowed));
  }

  private static double number(Config c, String key, String expected) {
    try {
      return c.getDouble(key);
    } catch (ConfigException.WrongType e) {
      throw new InvalidSettingException(key, raw(c, key), expected);
    }
  }

  private static String raw(Config c, String key) {
    return c.getValue(key).render();
  }
}
