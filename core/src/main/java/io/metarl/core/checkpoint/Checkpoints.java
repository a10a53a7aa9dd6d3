package io.metarl.core.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.metarl.api.agent.Agent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Checkpoint directories: the agent's files plus {@code manifest.json} (format, the resolved run
 * configuration, seed, counters and a SHA-256 of every file). Written into a temporary sibling
 * directory, fsynced, then renamed over the old one, so a crash leaves either the old or the new
 * checkpoint, never a mix. Loading verifies every checksum and refuses a checkpoint that does not
 * match, naming the file.
 */
public final class Checkpoints {
  /** The manifest's file name. */
  public static final String MANIFEST = "manifest.json";
  /** The manifest's format tag. */
  public static final String FORMAT = "metarl-checkpoint/1";
  private static final ObjectMapper JSON = new ObjectMapper();

  private Checkpoints() {}

  /**
   * Saves {@code agent} into {@code dir} atomically.
   *
   * @param metadata extra manifest fields (config, seed, counters)
   */
  public static void save(Agent agent, Path dir, Map<String, Object> metadata) throws IOException {
    save(dir, metadata, agent::save);
  }

  /** What writes a checkpoint's files into a (temporary) directory. */
  @FunctionalInterface
  public interface Content {
    /** Writes the files into {@code dir}. */
    void write(Path dir) throws IOException;
  }

  /** Saves {@code content} into {@code dir} atomically, with a manifest. */
  public static void save(Path dir, Map<String, Object> metadata, Content content) throws IOException {
    Path parent = dir.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempDirectory(parent, dir.getFileName() + ".tmp-");
    try {
      content.write(tmp);
      ObjectNode manifest = JSON.createObjectNode();
      manifest.put("format", FORMAT);
      JsonNode meta = JSON.valueToTree(metadata);
      manifest.set("metadata", meta);
      manifest.put("metadata_sha256", sha256(JSON.writeValueAsBytes(meta)));
      ObjectNode files = manifest.putObject("files");
      for (Path f : list(tmp)) {
        files.put(tmp.relativize(f).toString(), sha256(f));
        fsync(f);
      }
      Path m = tmp.resolve(MANIFEST);
      JSON.writerWithDefaultPrettyPrinter().writeValue(m.toFile(), manifest);
      fsync(m);
      Path old = null;
      if (Files.exists(dir)) {
        old = parent.resolve(dir.getFileName() + ".old-" + System.nanoTime());
        Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
      if (old != null) {
        deleteTree(old);
      }
    } catch (IOException | RuntimeException e) {
      deleteTree(tmp);
      throw e;
    }
  }

  /**
   * Reads and verifies a checkpoint's manifest.
   *
   * @return the manifest's metadata
   * @throws IOException naming the file when it is missing, corrupt, foreign or altered
   */
  public static JsonNode verify(Path dir) throws IOException {
    Path m = dir.resolve(MANIFEST);
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir + " is not a checkpoint directory");
    }
    if (!Files.isRegularFile(m)) {
      throw new IOException(m + " is missing: " + dir + " is not a metarl checkpoint");
    }
    JsonNode manifest;
    try {
      manifest = JSON.readTree(m.toFile());
    } catch (IOException e) {
      throw new IOException(m + " is not valid JSON (" + e.getMessage() + ")", e);
    }
    if (manifest == null || !FORMAT.equals(manifest.path("format").asText())) {
      throw new IOException(m + ": unknown checkpoint format '" + (manifest == null ? "" : manifest.path("format").asText())
          + "', expected " + FORMAT);
    }
    JsonNode metadata = manifest.path("metadata");
    if (!sha256(JSON.writeValueAsBytes(metadata)).equals(manifest.path("metadata_sha256").asText())) {
      throw new IOException(m + " is corrupt: its metadata does not match metadata_sha256");
    }
    JsonNode files = manifest.path("files");
    for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
      var e = it.next();
      Path f = dir.resolve(e.getKey()).normalize();
      if (!f.startsWith(dir.normalize())) {
        throw new IOException(m + ": file entry " + e.getKey() + " points outside the checkpoint");
      }
      if (!Files.isRegularFile(f)) {
        throw new IOException(f + " is listed in " + m + " but missing");
      }
      String actual = sha256(f);
      if (!actual.equals(e.getValue().asText())) {
        throw new IOException(f + " is corrupt: its SHA-256 " + actual + " differs from the manifest's " + e.getValue().asText());
      }
    }
    return manifest.path("metadata");
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      List<Path> out = new ArrayList<>();
      s.filter(Files::isRegularFile).sorted().forEach(out::add);
      return out;
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** SHA-256 of a file, hex. */
  public static String sha256(Path f) throws IOException {
    try (InputStream in = Files.newInputStream(f)) {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) {
        d.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void fsync(Path f) throws IOException {
    try (FileChannel c = FileChannel.open(f, StandardOpenOption.WRITE)) {
      c.force(true);
    }
  }

  /** Deletes a directory tree, best effort. */
  public static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // best effort
        }
      });
    } catch (IOException ignored) {
      // best effort
    }
  }
}
