package io.metarl.app;

import io.metarl.core.plugin.PluginRegistry;
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

  /** The registry over the application and the plugins directory, discovered once. */
  public static synchronized PluginRegistry registry() {
    if (registry == null) {
      registry = PluginRegistry.discover(classLoader(directory()));
    }
    return registry;
  }

  private static ClassLoader classLoader(Path dir) {
    ClassLoader parent = Plugins.class.getClassLoader();
    if (!Files.isDirectory(dir)) {
      return parent;
    }
    List<URL> urls = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path jar : (Iterable<Path>) s.filter(f -> f.toString().endsWith(".jar")).sorted()::iterator) {
        urls.add(jar.toUri().toURL());
      }
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new io.metarl.app.cli.UserError("cannot list the plugins directory " + dir + ": " + e.getMessage(), e);
    }
    return urls.isEmpty() ? parent : new URLClassLoader("metarl-plugins", urls.toArray(URL[]::new), parent);
  }
}
