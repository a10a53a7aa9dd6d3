package io.metarl.envs.bandit;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.metarl.api.plugin.InvalidSettingException;
import java.util.List;

/** Reads of bandit settings that {@link io.metarl.api.plugin.Settings} does not offer. */
public final class BanditSettings {
  private BanditSettings() {}

  /** A list of at least {@code minSize} numbers, each in {@code [0, 1]}. */
  public static double[] probabilities(Config c, String key, int minSize) {
    String expected = "a list of at least " + minSize + " probabilities, each in [0, 1]";
    List<Double> list;
    try {
      list = c.getDoubleList(key);
    } catch (ConfigException.WrongType e) {
      throw new InvalidSettingException(key, c.getValue(key).render(), expected);
    }
    if (list.size() < minSize) {
      throw new InvalidSettingException(key, list, expected);
    }
    double[] p = new double[list.size()];
    for (int i = 0; i < p.length; i++) {
      double v = list.get(i);
      if (!(v >= 0 && v <= 1)) {
        throw new InvalidSettingException(key, list, expected + " (element " + i + " is " + v + ")");
      }
      p[i] = v;
    }
    return p;
  }

  /** Any integer that fits a long. */
  public static long anyLong(Config c, String key) {
    try {
      return c.getLong(key);
    } catch (ConfigException.WrongType e) {
      throw new InvalidSettingException(key, c.getValue(key).render(), "an integer");
    }
  }

  /** Exactly {@code value}. */
  public static int exactly(Config c, String key, int value, String why) {
    int v;
    try {
      v = c.getInt(key);
    } catch (ConfigException.WrongType e) {
      throw new InvalidSettingException(key, c.getValue(key).render(), value + " (" + why + ")");
    }
    if (v != value) {
      throw new InvalidSettingException(key, v, value + " (" + why + ")");
    }
    return v;
  }
}
