package io.metarl.core.checkpoint;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Run-time state that a checkpoint must hold for a resumed run to continue exactly where it stopped
 * (random-generator states, recurrent memory, environment positions): our own binary format, never
 * Java serialization.
 */
public interface Resumable {

  /** Writes the state. */
  void writeState(DataOutputStream out) throws IOException;

  /**
   * Restores a state written by {@link #writeState}.
   *
   * @throws IOException when it does not fit (naming what differs)
   */
  void readState(DataInputStream in) throws IOException;
}
