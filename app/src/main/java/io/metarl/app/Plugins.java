package io.metarl.app;

import io.metarl.core.plugin.PluginLoadError;
import io.metarl.core.plugin.PluginRegistry;
import java.io.PrintWriter;
import java.util.jar.JarFile;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The plugin class path of the command line: the application's own class path plus every jar in the
 * plugins directory ({@code --plugins-dir}, else the system property {@code metarl.plugins.dir}, else
 * the environment variable {@code METARL_PLUGINS_DIR}, else {@code ./plugins}). The plugin jars are
 * loaded by one child class loader of the application's (a flat class path, as Druid's classpath
 * mode): ND4J and its native libraries stay in the parent, loaded once.
 */
public final class Plugins {
  private static Path directory;
  private static PluginRegistry registry;
  private static java.util.function.Supplier<PrintWriter> warnings;

  private Plugins() {}

  /** Overrides the plugins directory (before the first {@link #registry()} call). */
  public static synchronized void setDirectory(Path dir) {
    directory = dir;
    registry = null;
  }

  /** The plugins directory in effect. */
  public static synchronized Path directory() {
    if (directory != null) {
      return directory;
    }
    String p = System.getProperty("metarl.plugins.dir");
    if (p == null || p.isBlank()) {
      p = System.getenv("METARL_PLUGINS_DIR");
    }
    return Path.of(p == null || p.isBlank() ? "plugins" : p);
  }

  /**
   * The registry over the application and the plugins directory, discovered once. Every provider or
   * jar that failed to load is reported once on the warning stream, naming the jar and class, whatever
   * the command.
   */
  public static synchronized PluginRegistry registry() {
    if (registry == null) {
      List<PluginLoadError> jarErrors = new ArrayList<>();
      registry = PluginRegistry.discover(classLoader(directory(), jarErrors), jarErrors);
      PrintWriter w = warnings == null ? null : warnings.get();
      if (w != null) {
        for (PluginLoadError e : registry.errors()) {
          w.println("warning: " + e.describe());
        }
        w.flush();
      }
    }
    return registry;
  }

  /** Where {@link #registry()} reports plugins that failed to load (null: nowhere). */
  public static synchronized void setWarnings(java.util.function.Supplier<PrintWriter> out) {
    warnings = out;
  }

  private static ClassLoader classLoader(Path dir, List<PluginLoadError> errors) {
    ClassLoader parent = Plugins.class.getClassLoader();
    if (!Files.isDirectory(dir)) {
      return parent;
    }
    List<URL> urls = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path jar : (Iterable<Path>) s.filter(f -> f.toString().endsWith(".jar")).sorted()::iterator) {
        String problem = unreadable(jar);
        if (problem != null) {
          errors.add(new PluginLoadError(null, "(none)", jar.toAbsolutePath().toString(), problem + "; it was skipped"));
          continue;
        }
        urls.add(jar.toUri().toURL());
      }
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new io.metarl.app.cli.UserError("cannot list the plugins directory " + dir + ": " + e.getMessage(), e);
    }
    return urls.isEmpty() ? parent : new URLClassLoader("metarl-plugins", urls.toArray(URL[]::new), parent);
  }

  /** Why {@code jar} cannot be used as a plugin jar (not a readable zip), or null when it can. */
  private static String unreadable(Path jar) {
    if (!Files.isRegularFile(jar)) {
      return "not a regular file";
    }
    try (JarFile f = new JarFile(jar.toFile())) {
      f.getManifest(); // reads the central directory and the manifest
      return null;
    } catch (IOException | SecurityException e) {
      return "not a valid jar (" + e + ")";
    }
  }
}
