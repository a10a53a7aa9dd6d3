package io.metarl.api.agent;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Run-time state that a checkpoint must hold for a resumed run to continue exactly where it stopped
 * (random-generator states, recurrent memory, environment positions): our own binary format, never
 * Java serialization. A learner (or any part of a run) that implements it takes part in exact resume:
 * the checkpoint holds what {@link #writeState} wrote and a resumed run calls {@link #readState}.
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
