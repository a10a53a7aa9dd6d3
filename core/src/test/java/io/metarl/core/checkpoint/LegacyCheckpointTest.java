package io.metarl.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints written by an earlier metarl (format metarl-checkpoint/1, no checksum over the file list)
 * still load, and the attack that format allowed (drop a file from the list, then alter it) is refused.
 */
class LegacyCheckpointTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A v2 checkpoint rewritten as its v1 ancestor: format 1, no manifest_sha256. */
  private static Path legacy(Path root) throws IOException {
    Path dir = root.resolve("checkpoint");
    Checkpoints.save(dir, Map.of("seed", 3), tmp -> {
      Files.write(tmp.resolve("parameters.bin"), new byte[] {1, 2, 3, 4});
      Files.writeString(tmp.resolve("network.txt"), "a2c input=4\n");
    });
    Path m = dir.resolve(Checkpoints.MANIFEST);
    ObjectNode manifest = (ObjectNode) JSON.readTree(m.toFile());
    manifest.put("format", Checkpoints.LEGACY_FORMAT);
    manifest.remove("manifest_sha256");
    JSON.writeValue(m.toFile(), manifest);
    return dir;
  }

  @Test
  void anUntouchedV1CheckpointLoads(@TempDir Path root) throws IOException {
    Path dir = legacy(root);
    assertThat(Checkpoints.verify(dir).path("seed").asInt()).isEqualTo(3);
    try (Checkpoints.Verified v = Checkpoints.open(dir)) {
      assertThat(Files.readAllBytes(v.dir().resolve("parameters.bin"))).containsExactly(1, 2, 3, 4);
    }
  }

  @Test
  void droppingAFileFromAV1ListThenAlteringItIsRefused(@TempDir Path root) throws IOException {
    Path dir = legacy(root);
    Path m = dir.resolve(Checkpoints.MANIFEST);
    ObjectNode manifest = (ObjectNode) JSON.readTree(m.toFile());
    ((ObjectNode) manifest.get("files")).remove("parameters.bin");
    JSON.writeValue(m.toFile(), manifest);
    Files.write(dir.resolve("parameters.bin"), new byte[] {9, 9, 9, 9});
    assertThatThrownBy(() -> Checkpoints.verify(dir)).isInstanceOf(IOException.class).hasMessageContaining("not listed");
  }

  @Test
  void anAlteredListedFileOfAV1CheckpointIsRefused(@TempDir Path root) throws IOException {
    Path dir = legacy(root);
    Files.write(dir.resolve("parameters.bin"), new byte[] {9, 9, 9, 9});
    assertThatThrownBy(() -> Checkpoints.verify(dir)).isInstanceOf(IOException.class).hasMessageContaining("corrupt");
  }
}
