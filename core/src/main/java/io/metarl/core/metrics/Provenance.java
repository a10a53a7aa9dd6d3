package io.metarl.core.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Where a result came from: the metarl version and the commit it was built from (with whether the
 * working tree had uncommitted changes then), the Java runtime, the machine (OS, architecture, CPU
 * model, cores), and a SHA-256 of the resolved configuration. Written into {@code summary.json},
 * checkpoint manifests and TensorBoard, so two results can be told apart or matched.
 *
 * <p>The commit comes from {@code io/metarl/core/git.properties}, generated at build time; a build
 * outside a git checkout says {@code unknown}. The configuration hash is over the configuration
 * rendered as JSON with keys sorted, so it does not depend on the order keys were written in.
 */
public record Provenance(String version, String commit, boolean dirty, String java, String os, String cpu, int cores,
    String configSha256) {

  private static final ObjectMapper SORTED = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  /** The provenance of a run with the resolved configuration {@code metarl}. */
  public static Provenance of(Config metarl) {
    Properties git = new Properties();
    try (InputStream in = Provenance.class.getResourceAsStream("/io/metarl/core/git.properties")) {
      if (in != null) {
        git.load(in);
      }
    } catch (IOException e) {
      // no build information: reported as unknown
    }
    return new Provenance(
        git.getProperty("git.build.version", "unknown"),
        git.getProperty("git.commit.id", "unknown"),
        Boolean.parseBoolean(git.getProperty("git.dirty", "false")),
        System.getProperty("java.vm.name", "java") + " " + Runtime.version(),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
        cpuModel(),
        Runtime.getRuntime().availableProcessors(),
        configHash(metarl));
  }

  /** SHA-256 of {@code metarl} rendered as JSON with every object's keys sorted. */
  public static String configHash(Config metarl) {
    try {
      JsonNode tree = SORTED.readTree(metarl.root().render(ConfigRenderOptions.concise()));
      Object plain = SORTED.treeToValue(tree, Object.class);
      byte[] canonical = SORTED.writeValueAsBytes(plain);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot hash the configuration", e);
    }
  }

  private static String cpuModel() {
    Path info = Path.of("/proc/cpuinfo");
    if (Files.isReadable(info)) {
      try {
        for (String line : Files.readAllLines(info, StandardCharsets.UTF_8)) {
          if (line.startsWith("model name")) {
            return line.substring(line.indexOf(':') + 1).trim();
          }
        }
      } catch (IOException e) {
        // fall through
      }
    }
    return System.getProperty("os.arch");
  }

  /** The fields, in a stable order, for JSON and TensorBoard. */
  public Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", version);
    m.put("commit", commit);
    m.put("dirty", dirty);
    m.put("java", java);
    m.put("os", os);
    m.put("cpu", cpu);
    m.put("cores", cores);
    m.put("config_sha256", configSha256);
    return m;
  }

  /** Adds the fields to {@code node}. */
  public void writeTo(ObjectNode node) {
    asMap().forEach((k, v) -> node.set(k, SORTED.valueToTree(v)));
  }
}
