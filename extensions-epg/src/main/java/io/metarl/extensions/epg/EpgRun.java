package io.metarl.extensions.epg;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.api.plugin.EnvironmentProvider;
import io.metarl.api.plugin.InvalidSettingException;
import io.metarl.api.plugin.PluginContext;
import io.metarl.api.task.TaskDistribution;
import io.metarl.core.config.ConfigLoader;
import io.metarl.core.config.ConfigProblem;
import io.metarl.core.config.ConfigValidationException;
import io.metarl.core.config.ConfigValidator;
import io.metarl.core.plugin.PluginRegistry;
import io.metarl.core.wiring.RunContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * An EPG run loaded from a HOCON file: the validated {@code metarl} block, the {@code epg} settings,
 * the training task distribution and the held-out one, both created through the environment plugin
 * named in {@code metarl.environment.plugin} (never by a compile-time dependency).
 *
 * <p>Validation is the engine's ({@link ConfigValidator}: unknown keys, wrong types, unknown plugin
 * names, with file and line), minus the {@code agent} block, which EPG does not use, plus the leaves of
 * {@code metarl.epg} against this module's defaults and {@code epg.test.environment} against the
 * environment plugin's.
 *
 * @param metarl the resolved {@code metarl} block
 * @param seed the run's seed
 * @param name the run's name
 * @param outputDir the output root ({@code metarl.output.dir})
 * @param settings the {@code epg} block
 * @param environment the environment plugin's name
 * @param training tasks seen during evolution
 * @param heldOut tasks of {@code metarl epg test}
 * @param spec the spaces shared by both
 * @param digest a fingerprint of everything that determines the evolution (for resuming); the
 *     {@code epg.execution} block (where members run) is not part of it
 * @param registry the plugins the run was loaded with (their class loader finds the execution engines)
 */
public record EpgRun(Config metarl, long seed, String name, String outputDir, EpgSettings settings,
    String environment, TaskDistribution training, TaskDistribution heldOut, EnvironmentSpec spec, String digest,
    PluginRegistry registry) {

  /**
   * Loads and validates a run.
   *
   * @param file the HOCON file
   * @param overrides {@code key=value} overrides
   * @param registry the plugins
   * @throws ConfigValidationException listing the problems
   */
  public static EpgRun load(Path file, List<String> overrides, PluginRegistry registry) {
    Config user = ConfigLoader.parseUser(file, overrides);
    Config merged = ConfigLoader.merge(user, registry.classLoader());
    List<ConfigProblem> problems = new ArrayList<>();
    for (ConfigProblem p : ConfigValidator.validate(user, merged, registry)) {
      if (!p.path().startsWith("metarl.agent")) {
        problems.add(p);
      }
    }
    Config reference = ConfigFactory.defaultReference(registry.classLoader());
    Config metarl = merged.getConfig("metarl");
    String envName = metarl.hasPath("environment.plugin") ? metarl.getString("environment.plugin") : "";
    if (user.hasPath("metarl.epg")) {
      Config userEpg = user.getConfig("metarl.epg");
      Config refEpg = reference.getConfig("metarl.epg");
      for (Map.Entry<String, ConfigValue> e : userEpg.entrySet()) {
        String key = e.getKey();
        if (key.startsWith("test.environment.")) {
          String sub = key.substring("test.environment.".length());
          Config defaults = RunContext.defaults(metarl, envName);
          if (sub.equals("plugin")) {
            problems.add(ConfigProblem.at("metarl.epg." + key,
                "the held-out tasks use the environment plugin of metarl.environment; set only its keys here",
                e.getValue().origin()));
          } else {
            check(problems, "metarl.epg." + key, e.getValue(), defaults, sub);
          }
          continue;
        }
        if (key.startsWith("execution.")) {
          continue; // validated by the engine it names (io.metarl.core.experiment.Engines)
        }
        check(problems, "metarl.epg." + key, e.getValue(), refEpg, key);
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigValidationException(problems);
    }
    return build(metarl, merged, registry);
  }

  /**
   * Rebuilds a run from its resolved {@code metarl} block as written by {@link #metarlText()} (where a
   * population member runs in another process). The block was validated when the run was loaded.
   */
  public static EpgRun fromResolved(String metarlText, PluginRegistry registry) {
    Config metarl = ConfigFactory.parseString(metarlText).resolve();
    return build(metarl, metarl.atKey("metarl"), registry);
  }

  /** The resolved {@code metarl} block as concise JSON text (what a population member carries). */
  public String metarlText() {
    return metarl.root().render(ConfigRenderOptions.concise());
  }

  private static EpgRun build(Config metarl, Config merged, PluginRegistry registry) {
    String envName = metarl.hasPath("environment.plugin") ? metarl.getString("environment.plugin") : "";
    EpgSettings settings;
    try {
      settings = EpgSettings.from(metarl.getConfig("epg"));
    } catch (InvalidSettingException e) {
      throw new ConfigValidationException(ConfigValidator.invalid("metarl.epg", e, merged));
    }
    long seed = metarl.getLong("seed");
    RunContext ctx = new RunContext(seed, metarl, registry);
    EnvironmentProvider provider = registry.provider(EnvironmentProvider.class, envName);
    Config envBlock = metarl.getConfig("environment").withoutPath("plugin");
    TaskDistribution training = create(provider, envBlock, ctx, metarl, "metarl.environment", merged);
    Config testBlock = metarl.getConfig("epg.test.environment");
    TaskDistribution heldOut = testBlock.isEmpty() ? training
        : create(provider, testBlock.withFallback(envBlock), ctx, metarl, "metarl.epg.test.environment", merged);
    EnvironmentSpec spec = training.spec();
    EnvironmentSpec testSpec = heldOut.spec();
    if (!spec.observationSpace().equals(testSpec.observationSpace()) || !spec.actionSpace().equals(testSpec.actionSpace())) {
      throw new ConfigValidationException(new ConfigProblem("metarl.epg.test.environment",
          "the held-out tasks must have the training tasks' spaces (" + spec + " vs " + testSpec + ")", ""));
    }
    String fingerprint = "seed=" + seed + "\nenvironment=" + metarl.getConfig("environment").root().render(ConfigRenderOptions.concise())
        + "\nplugin-defaults=" + RunContext.defaults(metarl, envName).root().render(ConfigRenderOptions.concise())
        + "\nepg=" + metarl.getConfig("epg").withoutPath("test").withoutPath("execution").root().render(ConfigRenderOptions.concise());
    return new EpgRun(metarl, seed, metarl.getString("name"), metarl.getString("output.dir"), settings, envName,
        training, heldOut, spec, sha256(fingerprint), registry);
  }

  private static TaskDistribution create(EnvironmentProvider provider, Config block, RunContext ctx, Config metarl,
      String path, Config merged) {
    Config section = block.withFallback(RunContext.defaults(metarl, provider.name()));
    try {
      return provider.create(section, ctx);
    } catch (InvalidSettingException e) {
      throw new ConfigValidationException(ConfigValidator.invalid(path, e, merged));
    } catch (ConfigException e) {
      throw new ConfigValidationException(new ConfigProblem(path, e.getMessage(), ConfigProblem.describe(e.origin())));
    }
  }

  private static void check(List<ConfigProblem> problems, String path, ConfigValue value, Config defaults, String key) {
    ConfigValue expected;
    try {
      expected = defaults.hasPathOrNull(key) ? defaults.getValue(key) : null;
    } catch (ConfigException e) {
      expected = null;
    }
    if (expected == null) {
      problems.add(ConfigProblem.at(path, "unknown key; known keys: "
          + String.join(", ", defaults.entrySet().stream().map(Map.Entry::getKey).sorted().toList()), value.origin()));
      return;
    }
    ConfigValueType want = expected.valueType();
    ConfigValueType got = value.valueType();
    boolean ok = want == got
        || want == ConfigValueType.STRING && (got == ConfigValueType.NUMBER || got == ConfigValueType.BOOLEAN)
        || want == ConfigValueType.NUMBER && got == ConfigValueType.STRING && isNumber((String) value.unwrapped());
    if (!ok) {
      problems.add(ConfigProblem.at(path, value.render() + " is a " + got.name().toLowerCase()
          + ", expected a " + want.name().toLowerCase() + " (default " + expected.render() + ")", value.origin()));
    }
  }

  private static boolean isNumber(String s) {
    try {
      Double.parseDouble(s.trim());
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Hex SHA-256 of a string. */
  static String sha256(String s) {
    return sha256(s.getBytes(StandardCharsets.UTF_8));
  }

  /** Hex SHA-256 of bytes. */
  static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The engine as the run's plugins see it (the inner loop finds its reference loss through it). */
  public PluginContext context() {
    return new RunContext(seed, metarl, registry);
  }

  /** The inner loop of this run with {@code inner}'s settings, for losses of shape {@code loss}. */
  public Lifetime lifetime(InnerSettings inner, LossNetworkSpec loss) {
    return new Lifetime(inner, spec, loss, context());
  }

  /** The loss network's shape for this run's environment. */
  public LossNetworkSpec lossSpec() {
    return settings.loss().spec(spec);
  }
}
