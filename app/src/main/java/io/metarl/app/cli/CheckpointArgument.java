package io.metarl.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What a {@code --checkpoint DIR} option names: a checkpoint (a directory holding {@code manifest.json})
 * or a run directory written by {@code metarl train}, whose final {@code checkpoint/} is taken, as
 * {@code train --init-from} does. A run directory without {@code checkpoint/} (a run that did not
 * finish) is refused naming its newest resumable checkpoint.
 */
public final class CheckpointArgument {
  private static final String MANIFEST = "manifest.json";

  private CheckpointArgument() {}

  /** The checkpoint directory {@code given} stands for. */
  public static Path resolve(Path given) {
    if (given == null || Files.isRegularFile(given.resolve(MANIFEST))) {
      return given;
    }
    Path inside = given.resolve("checkpoint");
    if (Files.isRegularFile(inside.resolve(MANIFEST))) {
      return inside;
    }
    Path resumable = given.resolve("checkpoints");
    if (Files.isDirectory(resumable)) {
      String newest = null;
      long best = -1;
      try (Stream<Path> s = Files.list(resumable)) {
        for (Path p : (Iterable<Path>) s::iterator) {
          String n = p.getFileName().toString();
          if (n.matches("update-[0-9]{1,18}") && Files.isRegularFile(p.resolve(MANIFEST))) {
            long u = Long.parseLong(n.substring("update-".length()));
            if (u > best) {
              best = u;
              newest = n;
            }
          }
        }
      } catch (IOException e) {
        // fall through to the plain refusal
      }
      if (newest != null) {
        throw new UserError(given + " is a run directory without checkpoint/ (its training did not finish); give one of its "
            + "resumable checkpoints, e.g. --checkpoint " + resumable.resolve(newest) + ", or finish it with metarl train --resume "
            + given);
      }
    }
    if (Files.isDirectory(inside)) {
      throw new UserError(given + " is neither a checkpoint (no " + MANIFEST + ") nor a run directory of metarl train "
          + "with a checkpoint (" + inside + " has no " + MANIFEST + ")");
    }
    return given; // anything else: the checkpoint code says what is wrong with it
  }
}
