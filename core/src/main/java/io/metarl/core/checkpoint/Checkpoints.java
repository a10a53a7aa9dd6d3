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
 *
 * <p>Invariants: the manifest's own SHA-256 ({@code manifest_sha256}) covers its format, metadata and
 * file list, so no entry can be dropped or added without the checkpoint being refused; a checkpoint
 * directory holding a file its manifest does not list is refused; {@link #open} hands loaders a private
 * copy of exactly the listed files, hashed as they are copied, so nothing unlisted or changed after the
 * check is ever read; {@link #delete} removes only the files a manifest lists.
 */
public final class Checkpoints {
  /** The manifest's file name. */
  public static final String MANIFEST = "manifest.json";
  /** The manifest's format tag. */
  public static final String FORMAT = "metarl-checkpoint/2";
  /** The format of checkpoints written before the manifest checksummed its own file list (read, never written). */
  static final String LEGACY_FORMAT = "metarl-checkpoint/1";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_MANIFEST_BYTES = 16L << 20;

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
      manifest.put("manifest_sha256", sha256(JSON.writeValueAsBytes(manifest)));
      Path m = tmp.resolve(MANIFEST);
      JSON.writerWithDefaultPrettyPrinter().writeValue(m.toFile(), manifest);
      fsync(m);
      Path old = null;
      if (Files.exists(dir)) {
        old = parent.resolve(dir.getFileName() + ".old-" + System.nanoTime());
        Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
      if (old != null && !delete(old)) {
        throw new IOException("replaced " + dir + " but kept the earlier checkpoint as " + old
            + ": it holds files its manifest does not list");
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
    return manifest(dir).path("metadata");
  }

  /**
   * Reads and verifies a checkpoint's manifest (its own checksum, every listed file's checksum, and
   * that no unlisted file is present).
   *
   * @return the whole manifest
   * @throws IOException naming the file when it is missing, corrupt, foreign, altered or unlisted
   */
  private static JsonNode manifest(Path dir) throws IOException {
    Path m = dir.resolve(MANIFEST);
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir + " is not a checkpoint directory");
    }
    if (!Files.isRegularFile(m)) {
      throw new IOException(m + " is missing: " + dir + " is not a metarl checkpoint");
    }
    if (Files.size(m) > MAX_MANIFEST_BYTES) {
      throw new IOException(m + " is " + Files.size(m) + " bytes, more than a manifest can be (" + MAX_MANIFEST_BYTES + ")");
    }
    JsonNode manifest;
    try {
      manifest = JSON.readTree(m.toFile());
    } catch (IOException | RuntimeException | StackOverflowError e) {
      throw new IOException(m + " is not valid JSON (" + e.getMessage() + ")", e);
    }
    String format = manifest == null ? "" : manifest.path("format").asText();
    boolean v1 = LEGACY_FORMAT.equals(format);
    if ((!FORMAT.equals(format) && !v1) || !manifest.isObject()) {
      throw new IOException(m + ": unknown checkpoint format '" + format + "', expected " + FORMAT);
    }
    if (!v1) {
      ObjectNode body = ((ObjectNode) manifest).deepCopy();
      String declared = body.path("manifest_sha256").asText();
      body.remove("manifest_sha256");
      if (!sha256(JSON.writeValueAsBytes(body)).equals(declared)) {
        throw new IOException(m + " is corrupt: its content (format, metadata or file list) does not match manifest_sha256");
      }
    }
    // A v1 manifest (earlier metarl) has no checksum over its own file list; it is still read safely:
    // every listed file must match its checksum, and a file it does not list is refused below, so
    // dropping a file from the list cannot smuggle an altered file past the check.
    JsonNode metadata = manifest.path("metadata");
    if (!sha256(JSON.writeValueAsBytes(metadata)).equals(manifest.path("metadata_sha256").asText())) {
      throw new IOException(m + " is corrupt: its metadata does not match metadata_sha256");
    }
    Map<Path, String> listed = listed(dir, manifest);
    for (var e : listed.entrySet()) {
      Path f = e.getKey();
      if (!Files.isRegularFile(f)) {
        throw new IOException(f + " is listed in " + m + " but missing");
      }
      String actual = sha256(f);
      if (!actual.equals(e.getValue())) {
        throw new IOException(f + " is corrupt: its SHA-256 " + actual + " differs from the manifest's " + e.getValue());
      }
    }
    Path root = dir.toAbsolutePath().normalize();
    for (Path f : list(root)) {
      if (!f.equals(root.resolve(MANIFEST)) && !listed.containsKey(f)) {
        throw new IOException(f + " is not listed in " + m + ": refusing a checkpoint with unlisted files");
      }
    }
    return manifest;
  }

  /** The manifest's files: absolute normalised path inside {@code dir} to expected SHA-256. */
  private static Map<Path, String> listed(Path dir, JsonNode manifest) throws IOException {
    Path root = dir.toAbsolutePath().normalize();
    Map<Path, String> out = new java.util.LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = manifest.path("files").fields(); it.hasNext(); ) {
      var e = it.next();
      Path f = root.resolve(e.getKey()).normalize();
      if (!f.startsWith(root) || f.equals(root) || f.getFileName().toString().equals(MANIFEST)) {
        throw new IOException(dir.resolve(MANIFEST) + ": file entry " + e.getKey() + " points outside the checkpoint");
      }
      out.put(f, e.getValue().asText());
    }
    return out;
  }

  /**
   * A verified checkpoint for loading: a private copy of exactly the files its manifest lists.
   *
   * @param dir the copy (read the agent's files from here)
   * @param metadata the manifest's metadata
   */
  public record Verified(Path dir, JsonNode metadata) implements AutoCloseable {
    /** Deletes the private copy. */
    @Override
    public void close() {
      deleteTree(dir);
    }
  }

  /**
   * Verifies {@code dir} and copies the files its manifest lists into a private temporary directory,
   * checking each one's SHA-256 again on the bytes copied: a loader reading from {@link Verified#dir()}
   * reads only listed, verified bytes.
   */
  public static Verified open(Path dir) throws IOException {
    JsonNode manifest = manifest(dir);
    Path root = dir.toAbsolutePath().normalize();
    Path copy = Files.createTempDirectory("metarl-checkpoint-");
    try {
      for (var e : listed(dir, manifest).entrySet()) {
        byte[] bytes = Files.readAllBytes(e.getKey());
        if (!sha256(bytes).equals(e.getValue())) {
          throw new IOException(e.getKey() + " changed while it was read: its SHA-256 differs from the manifest's");
        }
        Path target = copy.resolve(root.relativize(e.getKey()).toString());
        Files.createDirectories(target.getParent());
        Files.write(target, bytes);
      }
      Files.copy(root.resolve(MANIFEST), copy.resolve(MANIFEST));
      return new Verified(copy, manifest.path("metadata"));
    } catch (IOException | RuntimeException e) {
      deleteTree(copy);
      throw e;
    }
  }

  /**
   * The files in {@code dir} that {@link #delete} would leave: everything but the manifest and the
   * files it lists (everything, when the manifest cannot be read).
   */
  public static List<Path> unlisted(Path dir) throws IOException {
    Path root = dir.toAbsolutePath().normalize();
    java.util.Set<Path> listed;
    try {
      JsonNode manifest = JSON.readTree(root.resolve(MANIFEST).toFile());
      listed = new java.util.HashSet<>(listed(root, manifest == null ? JSON.createObjectNode() : manifest).keySet());
      listed.add(root.resolve(MANIFEST));
    } catch (IOException | RuntimeException e) {
      listed = java.util.Set.of();
    }
    List<Path> out = new ArrayList<>();
    for (Path f : list(root)) {
      if (!listed.contains(f)) {
        out.add(f);
      }
    }
    return out;
  }

  /**
   * Deletes a checkpoint the way it was written: the files its manifest lists and the manifest, then
   * the directories left empty. A directory whose manifest cannot be read is left alone.
   *
   * @return true when the directory is gone; false when something the manifest does not list remains
   */
  public static boolean delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return true;
    }
    Map<Path, String> files;
    try {
      JsonNode manifest = JSON.readTree(dir.resolve(MANIFEST).toFile());
      files = listed(dir, manifest == null ? JSON.createObjectNode() : manifest);
    } catch (IOException | RuntimeException e) {
      return false;
    }
    for (Path f : files.keySet()) {
      Files.deleteIfExists(f);
    }
    Files.deleteIfExists(dir.resolve(MANIFEST));
    Path root = dir.toAbsolutePath().normalize();
    List<Path> dirs = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root)) {
      s.filter(Files::isDirectory).forEach(dirs::add);
    }
    dirs.sort(java.util.Comparator.reverseOrder());
    for (Path d : dirs) {
      try (Stream<Path> s = Files.list(d)) {
        if (s.findAny().isEmpty()) {
          Files.delete(d);
        }
      }
    }
    return !Files.exists(root);
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      List<Path> out = new ArrayList<>();
      s.filter(Files::isRegularFile).sorted().forEach(out::add);
      return out;
    }
  }

  /** SHA-256 of bytes, hex. */
  public static String sha256(byte[] bytes) {
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
