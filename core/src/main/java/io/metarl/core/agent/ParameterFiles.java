package io.metarl.core.agent;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The checkpoint files of an actor-critic agent: {@code network.txt} (the architecture, checked on
 * load), {@code parameters.bin} and {@code optimizer.bin} (magic "MRLP", a count, big-endian doubles;
 * our own format, never Java serialization). A loader refuses a file of another architecture, size,
 * a truncated file and a non-finite parameter, naming the file.
 */
public final class ParameterFiles {
  private static final int MAGIC = 0x4D524C50; // "MRLP"

  private ParameterFiles() {}

  /**
   * Writes the three files into {@code dir}.
   *
   * @param description the agent's name, a space, then its architecture (see {@link #load})
   */
  public static void save(Path dir, String description, double[] params, double[] optimizerState, int iterations)
      throws IOException {
    Files.writeString(dir.resolve("network.txt"), description + "\n");
    writeParameters(dir.resolve("parameters.bin"), params);
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(dir.resolve("optimizer.bin"))))) {
      out.writeInt(MAGIC);
      out.writeInt(iterations);
      out.writeInt(optimizerState.length);
      for (double v : optimizerState) {
        out.writeDouble(v);
      }
    }
  }

  /** What {@link #load} read: the parameters, the optimiser's state and its iteration count. */
  public record Loaded(double[] parameters, double[] optimizerState, int iterations) {}

  /**
   * Reads the files of {@code dir}, checking them against the configured agent. The architecture in
   * {@code network.txt} (everything after the agent's name) must equal {@code description}'s: a
   * checkpoint of one actor-critic agent loads into another of the same network (RL² written by an
   * earlier version as {@code rl2 ...} loads into today's base with a memory).
   */
  public static Loaded load(Path dir, String description, int parameters, int optimizerValues) throws IOException {
    Path desc = dir.resolve("network.txt");
    if (!Files.isRegularFile(desc)) {
      throw new IOException(desc + " is missing: not an actor-critic checkpoint");
    }
    String saved = Files.readString(desc).trim();
    if (!architecture(saved).equals(architecture(description))) {
      throw new IOException(desc + ": the checkpoint's network (" + saved + ") differs from the configured one (" + description + ")");
    }
    double[] loaded = readParameters(dir.resolve("parameters.bin"), parameters);
    Path optFile = dir.resolve("optimizer.bin");
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(optFile)))) {
      if (in.readInt() != MAGIC) {
        throw new IOException(optFile + " is not a metarl optimizer file");
      }
      int iterations = in.readInt();
      int n = in.readInt();
      if (n != optimizerValues) {
        throw new IOException(optFile + " holds " + n + " optimizer values, the configured optimizer has " + optimizerValues);
      }
      double[] st = new double[n];
      for (int i = 0; i < n; i++) {
        st[i] = in.readDouble();
      }
      return new Loaded(loaded, st, iterations);
    } catch (EOFException e) {
      throw new IOException(optFile + " is truncated", e);
    }
  }

  private static String architecture(String description) {
    int space = description.indexOf(' ');
    return space < 0 ? description : description.substring(space + 1);
  }

  private static void writeParameters(Path file, double[] values) throws IOException {
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
      out.writeInt(MAGIC);
      out.writeInt(values.length);
      for (double v : values) {
        out.writeDouble(v);
      }
    }
  }

  private static double[] readParameters(Path file, int expected) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + " is missing");
    }
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      if (in.readInt() != MAGIC) {
        throw new IOException(file + " is not a metarl parameter file");
      }
      int n = in.readInt();
      if (n != expected) {
        throw new IOException(file + " holds " + n + " parameters, the configured network has " + expected);
      }
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = in.readDouble();
        if (!Double.isFinite(v[i])) {
          throw new IOException(file + " holds a non-finite parameter at index " + i);
        }
      }
      return v;
    } catch (EOFException e) {
      throw new IOException(file + " is truncated", e);
    }
  }
}
