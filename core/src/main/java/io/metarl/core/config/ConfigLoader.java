package io.metarl.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
      String text;
      try {
        if (Files.size(file) > 4L * ConfigLimits.MAX_CHARS) {
          throw new ConfigValidationException(new ConfigProblem("--config", "the file is " + Files.size(file)
              + " bytes long; the limit is 1 MiB (" + ConfigLimits.MAX_CHARS + " characters): a run file is a few kilobytes",
              file.toString()));
        }
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (java.nio.charset.MalformedInputException e) {
        throw new ConfigValidationException(new ConfigProblem("--config", "not a UTF-8 text file", file.toString()));
      } catch (IOException e) {
        throw new ConfigValidationException(new ConfigProblem("--config", "cannot read " + file + ": " + e, file.toString()));
      }
      limits(text, file.toString());
      try {
        user = ConfigFactory.parseFile(file.toFile(),
            ConfigParseOptions.defaults().setAllowMissing(false).setSyntax(ConfigSyntax.CONF));
      } catch (ConfigException e) {
        throw new ConfigValidationException(new ConfigProblem(file.toString(), syntaxMessage(e), ConfigProblem.describe(e.origin())));
      } catch (StackOverflowError e) {
        throw tooDeep(file.toString());
      }
    }
    for (String o : overrides) {
      int eq = o.indexOf('=');
      if (eq <= 0) {
        throw new ConfigValidationException(new ConfigProblem("--set", "expected key=value, got '" + o + "'", "command line"));
      }
      String key = o.substring(0, eq).trim();
      String value = o.substring(eq + 1).trim();
      limits(o, "command line --set");
      try {
        Config one = ConfigFactory.parseString(key + " = " + value,
            ConfigParseOptions.defaults().setOriginDescription("command line --set " + o));
        user = one.withFallback(user);
      } catch (ConfigException e) {
        throw new ConfigValidationException(new ConfigProblem("--set", syntaxMessage(e), "command line"));
      } catch (StackOverflowError e) {
        throw tooDeep("command line --set");
      }
    }
    return user;
  }

  /**
   * Parses configuration text from elsewhere (a checkpoint's manifest), within the same limits as a
   * run file.
   *
   * @param origin what to name in messages (e.g. the manifest's path)
   */
  public static Config parseText(String text, String origin) {
    limits(text, origin);
    try {
      return ConfigFactory.parseString(text, ConfigParseOptions.defaults().setOriginDescription(origin));
    } catch (ConfigException e) {
      throw new ConfigValidationException(new ConfigProblem(origin, syntaxMessage(e), ConfigProblem.describe(e.origin())));
    } catch (StackOverflowError e) {
      throw tooDeep(origin);
    }
  }

  private static void limits(CharSequence text, String origin) {
    String problem = ConfigLimits.check(text);
    if (problem != null) {
      throw new ConfigValidationException(new ConfigProblem("(limits)", problem, origin));
    }
  }

  private static ConfigValidationException tooDeep(String origin) {
    return new ConfigValidationException(new ConfigProblem("(limits)", "the configuration nests too deeply to be read "
        + "(an included file may nest blocks at most " + ConfigLimits.MAX_DEPTH + " levels deep)", origin));
  }

  /**
   * The user's configuration with its own substitutions resolved (against itself over the
   * references, then the environment), as the validator reads it.
   */
  public static Config resolveUser(Config user, ClassLoader loader) {
    try {
      return user.resolveWith(user.withFallback(ConfigFactory.defaultReference(loader)));
    } catch (ConfigException e) {
      throw new ConfigValidationException(new ConfigProblem("(substitution)", syntaxMessage(e), ConfigProblem.describe(e.origin())));
    } catch (StackOverflowError e) {
      throw tooDeep("(substitution)");
    }
  }

  /** The user's configuration over all {@code reference.conf} files visible to {@code loader}, resolved. */
  public static Config merge(Config user, ClassLoader loader) {
    ConfigValue top = user.root().get("metarl");
    if (top != null && top.valueType() != com.typesafe.config.ConfigValueType.OBJECT) {
      throw new ConfigValidationException(ConfigProblem.at("metarl", top.render() + " is not a block: a run file holds "
          + "one block metarl { ... } (e.g. metarl { seed = 1, environment { plugin = cartpole } })", top.origin()));
    }
    Config reference = ConfigFactory.defaultReference(loader);
    unprefixedOverrides(user, reference);
    try {
      return user.withFallback(reference).resolve();
    } catch (ConfigException e) {
      throw new ConfigValidationException(new ConfigProblem("(substitution)", syntaxMessage(e), ConfigProblem.describe(e.origin())));
    } catch (StackOverflowError e) {
      throw tooDeep("(substitution)");
    }
  }

  /**
   * A {@code --set} key written without the {@code metarl.} prefix ({@code --set training.lanes=4})
   * lands outside the run's block: refused with the key it was meant to be, when that key exists
   * ({@code metarl.training.lanes}). A suggestion rather than a silent rewrite: {@code --set} keys are
   * full paths everywhere (run files, experiment files), and a guessed prefix would hide typos.
   */
  private static void unprefixedOverrides(Config user, Config reference) {
    List<ConfigProblem> problems = new java.util.ArrayList<>();
    for (var e : user.root().entrySet()) {
      String top = e.getKey();
      ConfigValue v = e.getValue();
      String origin = v.origin() == null ? "" : v.origin().description();
      if (top.equals("metarl") || !origin.startsWith("command line --set ")) {
        continue;
      }
      String given = origin.substring("command line --set ".length()).replaceFirst(": [0-9]+(-[0-9]+)?$", "");
      int eq = given.indexOf('=');
      String key = eq > 0 ? given.substring(0, eq).trim() : top;
      String meant = "metarl." + key;
      boolean known;
      try {
        known = reference.hasPathOrNull(meant) || reference.hasPathOrNull("metarl." + com.typesafe.config.ConfigUtil.joinPath(top));
      } catch (ConfigException bad) {
        known = false;
      }
      if (known) {
        problems.add(new ConfigProblem(key, "unknown top-level key: --set takes the full path from the top of the run "
            + "file; did you mean --set " + meant + (eq > 0 ? given.substring(eq) : "") + "?", "command line --set " + given));
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigValidationException(problems);
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
