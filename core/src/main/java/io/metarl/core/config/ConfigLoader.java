package io.metarl.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a run's HOCON file and layers it over every plugin jar's {@code reference.conf} (Typesafe
 * Config's convention: defaults live only in {@code reference.conf}). Problems come back as
 * {@link ConfigValidationException}s naming the file and line.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /**
   * Parses {@code file} (HOCON) and then {@code overrides} ({@code key=value} strings from the command
   * line, which win over the file).
   */
  public static Config parseUser(Path file, List<String> overrides) {
    Config user = ConfigFactory.empty();
    if (file != null) {
      if (!Files.exists(file)) {
        throw new ConfigValidationException(new ConfigProblem("--config", "file not found: " + file, file.toString()));
      }
      if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
        throw new ConfigValidationException(new ConfigProblem("--config", "not a readable file: " + file, file.toString()));
      }
      try {
        user = ConfigFactory.parseFile(file.toFile(),
            ConfigParseOptions.defaults().setAllowMissing(false).setSyntax(ConfigSyntax.CONF));
      } catch (ConfigException e) {
        throw new ConfigValidationException(new ConfigProblem(file.toString(), syntaxMessage(e), ConfigProblem.describe(e.origin())));
      }
    }
    for (String o : overrides) {
      int eq = o.indexOf('=');
      if (eq <= 0) {
        throw new ConfigValidationException(new ConfigProblem("--set", "expected key=value, got '" + o + "'", "command line"));
      }
      String key = o.substring(0, eq).trim();
      String value = o.substring(eq + 1).trim();
      try {
        Config one = ConfigFactory.parseString(key + " = " + value,
            ConfigParseOptions.defaults().setOriginDescription("command line --set " + o));
        user = one.withFallback(user);
      } catch (ConfigException e) {
        throw new ConfigValidationException(new ConfigProblem("--set", syntaxMessage(e), "command line"));
      }
    }
    return user;
  }

  /** The user's configuration over all {@code reference.conf} files visible to {@code loader}, resolved. */
  public static Config merge(Config user, ClassLoader loader) {
    Config reference = ConfigFactory.defaultReference(loader);
    try {
      return user.withFallback(reference).resolve();
    } catch (ConfigException e) {
      throw new ConfigValidationException(new ConfigProblem("(substitution)", syntaxMessage(e), ConfigProblem.describe(e.origin())));
    }
  }

  private static String syntaxMessage(ConfigException e) {
    String m = e.getMessage();
    // Typesafe prefixes messages with the origin; we print the origin separately.
    if (e.origin() != null) {
      String prefix = e.origin().description() + ": ";
      if (m.startsWith(prefix)) {
        m = m.substring(prefix.length());
      }
    }
    return m;
  }
}
