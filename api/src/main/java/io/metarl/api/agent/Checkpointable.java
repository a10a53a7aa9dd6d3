package io.metarl.api.agent;

import java.io.IOException;
import java.nio.file.Path;

/** Something whose parameters can be written to and read from a directory. */
public interface Checkpointable {

  /** Writes the parameters into {@code dir} (which exists). */
  void save(Path dir) throws IOException;

  /**
   * Reads parameters written by {@link #save(Path)}.
   *
   * @throws IOException when the files are missing, corrupt or of another shape; the message names
   *     the file and the mismatch
   */
  void load(Path dir) throws IOException;
}
