package io.metarl.api.plugin;

/**
 * A setting has a value outside what the plugin accepts. The engine adds the full key path, the file
 * and the line; the plugin says which key (relative to its section) and what it expected.
 */
public final class InvalidSettingException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String key;
  private final String value;
  private final String expected;

  /**
   * @param key the key relative to the plugin's section, e.g. {@code lambda}
   * @param value the offending value as written
   * @param expected what would have been accepted, e.g. {@code a number in [0, 1]}
   */
  public InvalidSettingException(String key, Object value, String expected) {
    super(key + " = " + value + ": expected " + expected);
    this.key = key;
    this.value = String.valueOf(value);
    this.expected = expected;
  }

  /** The key relative to the plugin's section. */
  public String key() {
    return key;
  }

  /** The offending value. */
  public String value() {
    return value;
  }

  /** What was expected. */
  public String expected() {
    return expected;
  }
}
