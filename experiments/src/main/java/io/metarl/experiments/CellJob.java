package io.metarl.experiments;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.metarl.core.checkpoint.Checkpoints;
import io.metarl.core.experiment.CellExecutor;
import io.metarl.core.plugin.PluginRegistry;
import io.metarl.core.train.TrainingJob;
import io.metarl.core.wiring.Run;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One cell as a unit of work: train, evaluate and report into a temporary directory beside the
 * cell's ({@code .seed-<s>.tmp-*}), then rename it to {@code seed-<s>} once everything is written.
 * A cell whose {@code summary.json} exists is not rerun; a killed cell leaves only a temporary
 * directory (or, from older layouts, a directory without {@code summary.json}), which the next run
 * deletes before doing the cell again from scratch.
 *
 * <p>Serializable: the configuration travels as text (the resolved {@code metarl} block) and the
 * output directory as a path string; the plugin registry is rediscovered where the unit runs when it
 * was not given.
 */
public final class CellJob implements CellExecutor.WorkUnit<CellResult> {
  private static final long serialVersionUID = 1L;

  private final Cell cell;
  private final String config;
  private final String out;
  private final transient PluginRegistry registry;
  private final transient Consumer<Cell> onStart;

  /**
   * @param cell the cell
   * @param config the cell's validated, resolved {@code metarl} block as HOCON/JSON text
   * @param out the experiment's output directory
   * @param registry the plugins (null: discovered from the thread's context class loader)
   * @param onStart told when the cell starts real work (not when it is reused); may be null
   */
  public CellJob(Cell cell, String config, Path out, PluginRegistry registry, Consumer<Cell> onStart) {
    this.cell = cell;
    this.config = config;
    // absolute: the unit may run in another process whose working directory differs (a Spark executor)
    this.out = out.toAbsolutePath().toString();
    this.registry = registry;
    this.onStart = onStart;
  }

  /** The cell. */
  public Cell cell() {
    return cell;
  }

  /** The cell's id. */
  @Override
  public String name() {
    return cell.id();
  }

  /** True when the cell's directory holds a finished cell. */
  public static boolean finished(Cell cell, Path out) {
    return Files.isRegularFile(cell.dir(out).resolve("summary.json"));
  }

  @Override
  public CellResult call() throws Exception {
    Path root = Path.of(out);
    Path dir = cell.dir(root);
    if (finished(cell, root)) {
      removeLeftovers(dir);
      return CellResult.read(cell, dir, true);
    }
    if (onStart != null) {
      onStart.accept(cell);
    }
    Path parent = dir.getParent();
    Files.createDirectories(parent);
    removeLeftovers(dir);
    Path tmp = Files.createTempDirectory(parent, "." + dir.getFileName() + ".tmp-");
    PluginRegistry plugins = registry != null ? registry : PluginRegistry.discover(Thread.currentThread().getContextClassLoader());
    Config metarl = ConfigFactory.parseString(config).resolve();
    Run run = Run.wire(metarl, plugins);
    try (PrintStream log = new PrintStream(Files.newOutputStream(tmp.resolve("train.log")), true, StandardCharsets.UTF_8)) {
      log.println("cell " + cell.id());
      TrainingJob.run(run, tmp, log);
    } finally {
      run.agent().close();
    }
    syncTree(tmp);
    Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
    return CellResult.read(cell, dir, false);
  }

  /** Deletes what an interrupted run of this cell left: its temporary directories and an unfinished directory. */
  static void removeLeftovers(Path dir) throws IOException {
    Path parent = dir.getParent();
    if (!Files.isDirectory(parent)) {
      return;
    }
    List<Path> stale = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent, "." + dir.getFileName() + ".tmp-*")) {
      ds.forEach(stale::add);
    }
    if (Files.exists(dir) && !Files.isRegularFile(dir.resolve("summary.json"))) {
      stale.add(dir);
    }
    for (Path p : stale) {
      Checkpoints.deleteTree(p);
      if (Files.exists(p)) {
        throw new IOException("cannot delete the unfinished cell directory " + p);
      }
    }
  }

  private static void syncTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
        try (FileChannel c = FileChannel.open(f, StandardOpenOption.WRITE)) {
          c.force(true);
        }
      }
    }
  }
}
