package io.metarl.listeners.tensorboard;

import com.google.auto.service.AutoService;
import com.typesafe.config.Config;
import io.metarl.api.plugin.ExtensionProvider;
import io.metarl.api.plugin.InvalidSettingException;
import io.metarl.api.plugin.PluginContext;
import io.metarl.api.plugin.Settings;
import io.metarl.api.train.TrainingListener;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The {@code tensorboard} extension: enable with {@code metarl { extensions = [tensorboard] }}; the
 * keys of {@code metarl.tensorboard} are those of {@code metarl.plugins.tensorboard} in this jar's
 * {@code reference.conf}:
 *
 * <ul>
 *   <li>{@code logdir} (string): root of the TensorBoard runs; {@code ""} means
 *       {@code <output.dir>/tensorboard}. The run writes to {@code <logdir>/<name>-<seed>/}.
 *   <li>{@code flush-every} (seconds, {@code > 0}): interval between writes to disk.
 *   <li>{@code return-by-index} (integer {@code >= 0}): how many episode indices within a trial get a
 *       series {@code episode/return_by_index/<k>}.
 * </ul>
 *
 * <p>See {@link TensorBoardListener} for what is written.
 */
@AutoService(ExtensionProvider.class)
public final class TensorBoardProvider implements ExtensionProvider {

  /** Public no-arg constructor for the service loader. */
  public TensorBoardProvider() {}

  @Override
  public String name() {
    return "tensorboard";
  }

  @Override
  public String description() {
    return "TensorBoard event files and metrics.jsonl of episode returns, losses and throughput";
  }

  @Override
  public TrainingListener create(Config section, PluginContext context) {
    double flushEvery = Settings.positive(section, "flush-every");
    int byIndex = Settings.intAtLeast(section, "return-by-index", 0);
    Path dir = runDirectory(section, context);
    try {
      return new TensorBoardListener(dir, hostName(), flushEvery, byIndex);
    } catch (UncheckedIOException e) {
      String logdir = section.getString("logdir");
      throw new InvalidSettingException("logdir", logdir.isBlank() ? "\"\" (" + dir + ")" : logdir,
          "a directory that can be created: " + e.getCause().getMessage());
    }
  }

  /**
   * {@code <logdir>/<name>-<seed>}, with {@code logdir = ""} meaning {@code <output.dir>/tensorboard};
   * but {@code <output.run-dir>/tensorboard} when the run has a directory of its own
   * ({@code metarl train --out DIR}) and {@code logdir} is not set.
   */
  static Path runDirectory(Config section, PluginContext context) {
    Config run = context.runConfig();
    String logdir = section.getString("logdir");
    String name = run.hasPath("name") ? run.getString("name") : "run";
    String runDir = run.hasPath("output.run-dir") ? run.getString("output.run-dir") : "";
    try {
      if (logdir.isBlank() && !runDir.isBlank()) {
        return Path.of(runDir).resolve("tensorboard");
      }
      Path root;
      if (logdir.isBlank()) {
        String out = run.hasPath("output.dir") ? run.getString("output.dir") : "runs";
        root = Path.of(out).resolve("tensorboard");
      } else {
        root = Path.of(logdir);
      }
      return root.resolve(name + "-" + context.seed());
    } catch (InvalidPathException e) {
      throw new InvalidSettingException("logdir", logdir, "a valid directory path (" + e.getReason() + ")");
    }
  }

  /** The host name of event file names: {@code $HOSTNAME}, else the resolver's, else localhost. */
  static String hostName() {
    String h = System.getenv("HOSTNAME");
    if (h != null && !h.isBlank()) {
      return h;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return "localhost";
    }
  }
}
