package io.metarl.api.agent;

/**
 * The recurrent meta-memory of an RL² agent (Duan et al. 2016; Wang et al. 2016): an LSTM whose
 * state is kept per lane, carried across the episodes of one trial and reset only when a new task is
 * sampled. Adaptation to the task happens in this state, not in the weights.
 */
public interface MetaMemory {

  /** Number of recurrent units. */
  int units();

  /** Number of lanes whose state is held. */
  int lanes();

  /** Zeroes the state of one lane (a new trial begins). */
  void reset(int lane);

  /** A copy of the hidden state {@code h} of one lane. */
  float[] hiddenState(int lane);

  /** A copy of the cell state {@code c} of one lane. */
  float[] cellState(int lane);
}
