/**
 * The {@code tensorboard} training listener: TensorBoard event files (hand-encoded TFRecord +
 * protobuf, no TensorFlow dependency) and a {@code metrics.jsonl} twin for every run.
 */
package io.metarl.listeners.tensorboard;
