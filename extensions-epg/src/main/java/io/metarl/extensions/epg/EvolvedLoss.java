package io.metarl.extensions.epg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.metarl.api.env.Discrete;
import io.metarl.api.env.EnvironmentSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An evolved loss as a file: JSON with the format tag {@value #FORMAT}, the loss network's shape, the
 * spaces it was evolved for (observation width, action kind and width), phi as Base64 of
 * little-endian IEEE-754 doubles (exact) with its SHA-256, and free-form provenance. No Java
 * serialization; any language can read it.
 *
 * @param spec the loss network's shape
 * @param observationSize observation width
 * @param discrete discrete actions?
 * @param actions number of actions or action dimension
 * @param phi the parameters
 * @param provenance where it came from (environment, seed, epoch, fitness)
 */
public record EvolvedLoss(LossNetworkSpec spec, int observationSize, boolean discrete, int actions, double[] phi,
    Map<String, Object> provenance) {
  /** Format tag. */
  public static final String FORMAT = "metarl-epg-loss/1";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Checks that phi fits the shape. */
  public EvolvedLoss {
    if (phi.length != spec.parameterCount()) {
      throw new IllegalArgumentException("phi has " + phi.length + " values, the shape needs " + spec.parameterCount());
    }
    provenance = Map.copyOf(provenance);
  }

  /** A loss for an environment's spaces. */
  public static EvolvedLoss of(LossNetworkSpec spec, EnvironmentSpec env, double[] phi, Map<String, Object> provenance) {
    return new EvolvedLoss(spec, env.observationSpace().flatSize(), env.actionSpace() instanceof Discrete,
        env.actionSpace().flatSize(), phi.clone(), provenance);
  }

  /** Null when the loss fits {@code env}'s spaces, else why not. */
  public String mismatch(EnvironmentSpec env) {
    boolean d = env.actionSpace() instanceof Discrete;
    if (env.observationSpace().flatSize() != observationSize || d != discrete || env.actionSpace().flatSize() != actions) {
      return "the loss was evolved for " + observationSize + " observations and " + actions
          + (discrete ? " discrete actions" : "-dimensional continuous actions") + "; the environment has "
          + env.observationSpace().flatSize() + " observations and " + env.actionSpace();
    }
    return null;
  }

  /** Writes the file (atomically: a temporary file moved into place). */
  public void save(Path file) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    ObjectNode s = root.putObject("network");
    s.put("features", spec.features());
    s.put("policy-outputs", spec.policyOutputs());
    s.put("memory", spec.memory());
    s.put("buffer", spec.buffer());
    s.put("conv1-channels", spec.conv1Channels());
    s.put("conv1-kernel", spec.conv1Kernel());
    s.put("conv1-stride", spec.conv1Stride());
    s.put("conv2-channels", spec.conv2Channels());
    s.put("conv2-kernel", spec.conv2Kernel());
    s.put("conv2-stride", spec.conv2Stride());
    s.put("context", spec.context());
    s.put("head-hidden", spec.hidden());
    s.put("leaky-slope", spec.leakySlope());
    ObjectNode env = root.putObject("spaces");
    env.put("observation-size", observationSize);
    env.put("action-kind", discrete ? "discrete" : "continuous");
    env.put("actions", actions);
    root.put("parameter-count", phi.length);
    root.put("parameters-sha256", EpgRun.sha256(Codec.bytes(phi)));
    root.put("parameters", Codec.encode(phi));
    root.set("provenance", JSON.valueToTree(provenance));
    Path abs = file.toAbsolutePath();
    Files.createDirectories(abs.getParent());
    Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
    JSON.writeValue(tmp.toFile(), root);
    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Reads a file written by {@link #save}.
   *
   * @throws IOException when it cannot be read
   * @throws IllegalArgumentException naming what is wrong when it is not a valid loss file
   */
  public static EvolvedLoss load(Path file) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !FORMAT.equals(root.path("format").asText())) {
      throw new IllegalArgumentException("not an evolved-loss file (expected format \"" + FORMAT + "\")");
    }
    JsonNode s = root.path("network");
    LossNetworkSpec spec = new LossNetworkSpec(req(s, "features"), req(s, "policy-outputs"), req(s, "memory"),
        req(s, "buffer"), req(s, "conv1-channels"), req(s, "conv1-kernel"), req(s, "conv1-stride"),
        req(s, "conv2-channels"), req(s, "conv2-kernel"), req(s, "conv2-stride"), req(s, "context"),
        req(s, "head-hidden"), s.path("leaky-slope").asDouble(0.2));
    JsonNode env = root.path("spaces");
    double[] phi = Codec.decode(root.path("parameters").asText());
    String sha = EpgRun.sha256(Codec.bytes(phi));
    if (!sha.equals(root.path("parameters-sha256").asText())) {
      throw new IllegalArgumentException("parameters do not match their SHA-256 (corrupt file)");
    }
    Map<String, Object> prov = new LinkedHashMap<>();
    root.path("provenance").fields().forEachRemaining(e -> prov.put(e.getKey(),
        e.getValue().isNumber() ? e.getValue().numberValue() : e.getValue().asText()));
    return new EvolvedLoss(spec, req(env, "observation-size"), "discrete".equals(env.path("action-kind").asText()),
        req(env, "actions"), phi, prov);
  }

  private static int req(JsonNode n, String key) {
    if (!n.path(key).isInt()) {
      throw new IllegalArgumentException("missing integer '" + key + "'");
    }
    return n.path(key).asInt();
  }
}
