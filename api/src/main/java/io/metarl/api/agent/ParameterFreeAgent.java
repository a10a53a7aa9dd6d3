package io.metarl.api.agent;

import io.metarl.api.env.EnvironmentSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * An agent without trainable parameters: a classical baseline (Gittins, Thompson, PSRL, UCRL2, ...)
 * whose policy learns within a trial from what it sees, played beside the trained agents on the same
 * held-out tasks. Its checkpoint is one marker file, {@value #FILE}, naming it, so that a checkpoint of
 * one baseline is never loaded as another. Subclasses provide the policy ({@link #policy}; learning
 * through {@link #learner} changes nothing).
 */
public abstract class ParameterFreeAgent implements Agent {
  /** The marker file a checkpoint of a parameter-free agent holds. */
  public static final String FILE = "baseline.txt";
  private final String name;
  private final EnvironmentSpec spec;

  /** A baseline called {@code name} for environments of {@code spec}. */
  protected ParameterFreeAgent(String name, EnvironmentSpec spec) {
    this.name = name;
    this.spec = spec;
  }

  /** The baseline's name. */
  public String name() {
    return name;
  }

  @Override
  public EnvironmentSpec spec() {
    return spec;
  }

  @Override
  public long parameterCount() {
    return 0;
  }

  @Override
  public void save(Path dir) throws IOException {
    Files.writeString(dir.resolve(FILE), "baseline " + name + "\n", StandardCharsets.UTF_8);
  }

  @Override
  public void load(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8).trim();
    } catch (NoSuchFileException e) {
      throw new IOException(file + " is missing: not a checkpoint of baseline " + name, e);
    }
    if (!text.equals("baseline " + name)) {
      throw new IOException(file + " holds '" + text + "', expected 'baseline " + name + "'");
    }
  }
}
