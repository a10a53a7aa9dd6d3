package io.metarl.runner.spark;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The class path the driver's executors get ({@code spark.executor.extraClassPath}) when the runner
 * starts a context on a cluster master: the driver's own class path (the application jar and the jars
 * its manifest names, e.g. {@code app/target/metarl-app.jar} and {@code app/target/lib/*.jar}), then the
 * plugin jars of the class loader that found the engine (the plugins directory), as absolute paths.
 * This is the recipe of SPARK.md ("metarl installed at the same path on every worker"), computed instead
 * of typed: on one host, or with the same install path everywhere, nothing needs setting by hand.
 *
 * <p>The application's SLF4J jars ({@code slf4j-api} 1.7 and its {@code slf4j-nop} binding) are left
 * out: they come first on the executor's class path and would silence it; the plugin jar brings
 * slf4j-api 2 (which 1.7 callers such as DL4J use unchanged) and Log4j 2 through Spark's provider.
 */
final class ExecutorClassPath {
  private ExecutorClassPath() {}

  /** The executors' class path for a driver whose plugins were found by {@code loader}. */
  static String of(ClassLoader loader) {
    Set<Path> out = new LinkedHashSet<>();
    List<Path> last = new ArrayList<>();
    for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (!e.isBlank()) {
        Path p = Path.of(e).toAbsolutePath().normalize();
        if (manifestClassPath(p).isEmpty()) {
          add(p, out, 0);
        } else { // its entries now, the jar itself after the plugins (see below)
          for (Path q : manifestClassPath(p)) {
            add(q, out, 1);
          }
          last.add(p);
        }
      }
    }
    List<URLClassLoader> chain = new ArrayList<>();
    for (ClassLoader l = loader; l != null; l = l.getParent()) {
      if (l instanceof URLClassLoader u) {
        chain.add(0, u); // parents first: their classes win on the driver too
      }
    }
    for (URLClassLoader u : chain) {
      for (URL url : u.getURLs()) {
        if ("file".equals(url.getProtocol())) {
          try {
            add(Path.of(url.toURI()).toAbsolutePath().normalize(), out, 0);
          } catch (URISyntaxException | IllegalArgumentException ignored) {
            // not a local file: executors cannot use it by path
          }
        }
      }
    }
    // A jar's manifest Class-Path is searched right after the jar: the application jar would bring its
    // SLF4J 1.7 jars back ahead of the plugin's SLF4J 2, so it comes last (its own classes are in no other jar).
    out.addAll(last);
    List<String> paths = new ArrayList<>();
    for (Path p : out) {
      if (!silencing(p.getFileName() == null ? "" : p.getFileName().toString())) {
        paths.add(p.toString());
      }
    }
    return String.join(File.pathSeparator, paths);
  }

  /** The application's SLF4J 1.x API and bindings (the plugin jar carries SLF4J 2 and a provider). */
  static boolean silencing(String fileName) {
    return fileName.matches("slf4j-(api-1\\..*|nop-.*|simple-.*|jdk14-.*|log4j12-.*|reload4j-.*)\\.jar");
  }

  private static void add(Path p, Set<Path> out, int depth) {
    if (!Files.exists(p) || !out.add(p) || depth > 1) {
      return;
    }
    for (Path q : manifestClassPath(p)) {
      add(q, out, depth + 1);
    }
  }

  /** The entries of a jar's manifest Class-Path (the application jar's lib/, surefire's booter jar), as paths. */
  static List<Path> manifestClassPath(Path p) {
    List<Path> out = new ArrayList<>();
    if (!p.toString().endsWith(".jar") || !Files.isRegularFile(p)) {
      return out;
    }
    try (JarFile jar = new JarFile(p.toFile())) {
      Manifest m = jar.getManifest();
      String cp = m == null ? null : m.getMainAttributes().getValue("Class-Path");
      if (cp == null) {
        return out;
      }
      URI base = p.getParent().toUri();
      for (String entry : cp.trim().split("\\s+")) {
        if (entry.isEmpty()) {
          continue;
        }
        try {
          URI u = base.resolve(entry);
          if ("file".equals(u.getScheme())) {
            out.add(Path.of(u).toAbsolutePath().normalize());
          }
        } catch (IllegalArgumentException ignored) {
          // an entry that is not a path
        }
      }
    } catch (IOException ignored) {
      // not a readable jar: no entries
    }
    return out;
  }
}
