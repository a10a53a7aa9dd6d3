package io.metarl.core.train;

import io.metarl.core.checkpoint.Checkpoints;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A run directory owned by one training process.
 *
 * <p>Invariants:
 * <ul>
 *   <li>A new run writes only into a directory it created (or an existing empty one); a directory
 *       holding anything else is refused, and {@code --overwrite} replaces only an earlier metarl run's
 *       recorded files, never a file the run did not write.</li>
 *   <li>While the process lives it holds an exclusive lock on {@value #LOCK}; a second writer (another
 *       {@code train}, a {@code --resume}) is refused naming the holder's pid.</li>
 *   <li>Every path the run writes is recorded in the ledger {@value #LEDGER} before it is written;
 *       only recorded paths are ever deleted (checkpoints through their manifests' file lists), so a
 *       user's file in the directory is never touched.</li>
 * </ul>
 */
public final class RunDirectory implements AutoCloseable {
  /** The ledger: what the run wrote, one entry a line. */
  public static final String LEDGER = ".metarl-run";
  /** The lock file, holding the pid of the process that owns the directory. */
  public static final String LOCK = ".metarl-lock";
  private static final String HEADER = "metarl run directory";
  /** The temporary and replaced directories that {@link Checkpoints#save} names, in the run's own places. */
  private static final Pattern TEMPORARY = Pattern.compile("(checkpoint|update-\\d{12})\\.(tmp|old)-\\d+");

  private final Path dir;
  private final FileChannel lockChannel;
  private final FileLock lock;
  /** Recorded entries by relative path: file, dir or checkpoint (deleted ones removed). */
  private final Map<String, String> entries = new LinkedHashMap<>();
  private boolean finished;

  private RunDirectory(Path dir, FileChannel lockChannel, FileLock lock) {
    this.dir = dir;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Claims a directory for a new run.
   *
   * @param overwrite replace an earlier metarl run in {@code dir} (its recorded files only)
   * @throws RunDirectoryException when {@code dir} holds anything the run may not replace, or is in use
   */
  public static RunDirectory create(Path dir, boolean overwrite, PrintStream console) throws IOException {
    Path d = dir.toAbsolutePath().normalize();
    boolean created = false;
    if (!Files.exists(d)) {
      Path parent = d.getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try {
        Files.createDirectory(d);
        created = true;
      } catch (FileAlreadyExistsException e) {
        // someone created it meanwhile: judged below like any existing directory
      }
    }
    if (!Files.isDirectory(d)) {
      throw new RunDirectoryException(dir + " exists and is not a directory; choose another --out");
    }
    boolean earlierRun = Files.isRegularFile(d.resolve(LEDGER));
    if (!created && !earlierRun) {
      List<String> foreign = contents(d);
      if (!foreign.isEmpty()) {
        throw new RunDirectoryException(dir + " already exists and was not created by metarl (it holds "
            + describe(foreign) + "); a run writes only into a directory it creates: choose another --out"
            + (overwrite ? " (--overwrite replaces only an earlier metarl run's own files)" : ""));
      }
    }
    RunDirectory run = lock(d, dir);
    try {
      if (earlierRun) {
        if (!overwrite) {
          throw new RunDirectoryException(dir + " holds an earlier run; continue it with `metarl train --resume " + dir
              + "`, choose another --out (or --seed), or pass --overwrite to replace that run's files (files it did not "
              + "write are kept)");
        }
        run.readLedger();
        List<String> foreign = run.foreignInCheckpoints();
        if (!foreign.isEmpty()) {
          throw new RunDirectoryException("cannot overwrite the run in " + dir + ": its checkpoint directories hold files "
              + "metarl did not write (" + String.join(", ", foreign.subList(0, Math.min(5, foreign.size())))
              + "); move them out first");
        }
        run.stamp();
        run.removeRecorded(console);
        run.entries.clear();
      } else {
        run.stamp();
      }
      run.writeLedgerHeader();
      return run;
    } catch (IOException | RuntimeException e) {
      run.close();
      throw e;
    }
  }

  /** Files inside recorded checkpoint directories that their manifests do not list (relative paths). */
  private List<String> foreignInCheckpoints() throws IOException {
    List<String> out = new ArrayList<>();
    for (var e : entries.entrySet()) {
      Path p = dir.resolve(e.getKey());
      if (e.getValue().equals("checkpoint") && Files.isDirectory(p)) {
        for (Path f : Checkpoints.unlisted(p)) {
          out.add(dir.relativize(f).toString());
        }
      }
    }
    return out;
  }

  /**
   * Takes a directory its caller created for this run (an experiment cell's private temporary
   * directory, which may already hold the caller's own log): locked and recorded like any run, without
   * the check for foreign files (the caller vouches that it owns everything in it).
   */
  public static RunDirectory adopt(Path dir) throws IOException {
    Path d = dir.toAbsolutePath().normalize();
    Files.createDirectories(d);
    RunDirectory run = lock(d, dir);
    try {
      run.stamp();
      run.writeLedgerHeader();
      return run;
    } catch (IOException | RuntimeException e) {
      run.close();
      throw e;
    }
  }

  /**
   * Opens an earlier run for {@code --resume}. A finished run is opened read-only (check
   * {@link #finished()}; nothing in it may be written), an unfinished one locked.
   *
   * @throws RunDirectoryException when {@code dir} is not a metarl run directory or is in use
   */
  public static RunDirectory resume(Path dir) throws IOException {
    Path d = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(d)) {
      throw new RunDirectoryException("--resume " + dir + ": no such run directory");
    }
    if (!Files.isRegularFile(d.resolve(LEDGER))) {
      throw new RunDirectoryException("--resume " + dir + ": not a run directory written by metarl train (no " + LEDGER
          + " in it)");
    }
    RunDirectory look = new RunDirectory(d, null, null);
    look.readLedger();
    if (look.finished) {
      return look; // nothing to resume: not even the lock file is touched
    }
    RunDirectory run = lock(d, dir);
    try {
      run.readLedger();
      run.stamp();
      return run;
    } catch (IOException | RuntimeException e) {
      run.close();
      throw e;
    }
  }

  private static RunDirectory lock(Path d, Path shown) throws IOException {
    FileChannel ch = FileChannel.open(d.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      String holder = readHolder(ch);
      ch.close();
      throw new RunDirectoryException(shown + " is in use by another metarl process (" + holder
          + "); wait for it to finish, or choose another --out");
    }
    return new RunDirectory(d, ch, lock);
  }

  /** Writes this process's pid into the lock file it holds (after the checks, so a refusal changes nothing). */
  private void stamp() throws IOException {
    String me = "pid " + ProcessHandle.current().pid() + " since " + Instant.now();
    lockChannel.truncate(0);
    lockChannel.write(ByteBuffer.wrap((me + "\n").getBytes(StandardCharsets.UTF_8)), 0);
    lockChannel.force(true);
  }

  private static String readHolder(FileChannel ch) {
    try {
      ByteBuffer b = ByteBuffer.allocate(200);
      int n = ch.read(b, 0);
      String s = n <= 0 ? "" : new String(b.array(), 0, n, StandardCharsets.UTF_8).trim();
      return s.isEmpty() ? "pid unknown" : s;
    } catch (IOException e) {
      return "pid unknown";
    }
  }

  /** The directory (absolute). */
  public Path path() {
    return dir;
  }

  /** {@code dir/relative}, recorded as written by the run (call before writing it). */
  public Path file(String relative) throws IOException {
    record("file", relative);
    return dir.resolve(relative);
  }

  /** {@code dir/relative}, a directory the run creates (recorded before creating it). */
  public Path directory(String relative) throws IOException {
    record("dir", relative);
    Path p = dir.resolve(relative);
    Files.createDirectories(p);
    return p;
  }

  /** {@code dir/relative}, a checkpoint directory the run writes (recorded before writing it). */
  public Path checkpoint(String relative) throws IOException {
    record("checkpoint", relative);
    return dir.resolve(relative);
  }

  /** The checkpoints recorded under {@code parent} (relative paths), oldest first by name. */
  public List<String> checkpoints(String parent) {
    List<String> out = new ArrayList<>();
    entries.forEach((rel, kind) -> {
      if (kind.equals("checkpoint") && rel.startsWith(parent + "/")) {
        out.add(rel);
      }
    });
    out.sort(null);
    return out;
  }

  /**
   * Deletes a checkpoint the run recorded: the files its manifest lists and the manifest, then the
   * directory if nothing else is left in it.
   */
  public void deleteCheckpoint(String relative, PrintStream console) throws IOException {
    if (!"checkpoint".equals(entries.get(relative))) {
      throw new IllegalArgumentException(relative + " is not a checkpoint recorded by this run");
    }
    if (!Checkpoints.delete(dir.resolve(relative)) && console != null) {
      console.println("warning: kept " + dir.resolve(relative) + ": it holds files metarl did not write");
    }
    append("deleted " + relative);
    entries.remove(relative);
  }

  /** Whether the run wrote its summary (nothing is left to resume). */
  public boolean finished() {
    return finished;
  }

  /** Records that the run finished (summary written). */
  public void markFinished() throws IOException {
    append("finished");
    finished = true;
  }

  /**
   * Removes the temporary and replaced checkpoint directories a crashed process of this run left
   * ({@code checkpoint.tmp-N}, {@code checkpoints/update-N.tmp-N}, {@code *.old-N}): only directories
   * with exactly those names, in this run's own directory and its {@code checkpoints/}.
   */
  public void removeTemporaries(String checkpointsDir, PrintStream console) throws IOException {
    for (Path parent : List.of(dir, dir.resolve(checkpointsDir))) {
      if (!Files.isDirectory(parent)) {
        continue;
      }
      List<Path> stale = new ArrayList<>();
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent)) {
        for (Path p : ds) {
          if (TEMPORARY.matcher(p.getFileName().toString()).matches() && Files.isDirectory(p)) {
            stale.add(p);
          }
        }
      }
      for (Path p : stale) {
        Checkpoints.deleteTree(p);
        if (console != null) {
          console.println("removed " + p + " (left by an interrupted checkpoint write)");
        }
      }
    }
  }

  private void record(String kind, String relative) throws IOException {
    String rel = checkRelative(relative);
    if (!kind.equals(entries.get(rel))) {
      append(kind + " " + rel);
      entries.put(rel, kind);
    }
  }

  private static String checkRelative(String relative) {
    Path p = Path.of(relative).normalize();
    if (relative.isEmpty() || p.isAbsolute() || p.startsWith("..") || !p.toString().equals(relative)
        || relative.equals(LEDGER) || relative.equals(LOCK)) {
      throw new IllegalArgumentException("not a path inside the run directory: " + relative);
    }
    return relative;
  }

  private void writeLedgerHeader() throws IOException {
    Files.writeString(dir.resolve(LEDGER), HEADER + ", created " + Instant.now() + " by pid "
        + ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
    finished = false;
  }

  private void append(String line) throws IOException {
    try (FileChannel ch = FileChannel.open(dir.resolve(LEDGER), StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
      ch.force(false);
    }
  }

  private void readLedger() throws IOException {
    List<String> lines = Files.readAllLines(dir.resolve(LEDGER), StandardCharsets.UTF_8);
    if (lines.isEmpty() || !lines.get(0).startsWith(HEADER)) {
      throw new RunDirectoryException(dir.resolve(LEDGER) + " is not a metarl run ledger; not touching " + dir);
    }
    for (String line : lines.subList(1, lines.size())) {
      if (line.equals("finished")) {
        finished = true;
        continue;
      }
      int sp = line.indexOf(' ');
      if (sp <= 0) {
        continue; // a line cut by a crash
      }
      String kind = line.substring(0, sp);
      String rel = line.substring(sp + 1);
      try {
        checkRelative(rel);
      } catch (IllegalArgumentException e) {
        throw new RunDirectoryException(dir.resolve(LEDGER) + " names a path outside the run directory (" + rel
            + "); not touching " + dir);
      }
      switch (kind) {
        case "file", "dir", "checkpoint" -> entries.put(rel, kind);
        case "deleted" -> entries.remove(rel);
        default -> { } // unknown or cut line
      }
    }
  }

  /** Deletes every recorded path (files, checkpoints through their manifests, then emptied directories). */
  private void removeRecorded(PrintStream console) throws IOException {
    List<String> dirs = new ArrayList<>();
    for (var e : entries.entrySet()) {
      Path p = dir.resolve(e.getKey());
      switch (e.getValue()) {
        case "file" -> {
          if (Files.isRegularFile(p)) {
            Files.delete(p);
          }
        }
        case "checkpoint" -> {
          if (Files.isDirectory(p) && !Checkpoints.delete(p) && console != null) {
            console.println("warning: kept " + p + ": it holds files metarl did not write");
          }
        }
        default -> dirs.add(e.getKey());
      }
    }
    dirs.sort(java.util.Comparator.reverseOrder());
    for (String d : dirs) {
      Path p = dir.resolve(d);
      if (Files.isDirectory(p) && contents(p).isEmpty()) {
        Files.delete(p);
      }
    }
  }

  private static List<String> contents(Path d) throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(d)) {
      for (Path p : ds) {
        names.add(p.getFileName().toString());
      }
    }
    names.sort(null);
    return names;
  }

  private static String describe(List<String> names) {
    return names.size() + " entr" + (names.size() == 1 ? "y" : "ies") + ", e.g. "
        + String.join(", ", names.subList(0, Math.min(3, names.size())));
  }

  /** Releases the lock (the lock file stays, for the next process to take). */
  @Override
  public void close() throws IOException {
    try {
      if (lock != null && lock.isValid()) {
        lock.release();
      }
    } finally {
      if (lockChannel != null) {
        lockChannel.close();
      }
    }
  }
}
