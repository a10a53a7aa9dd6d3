package io.metarl.core.plugin;

import io.metarl.api.plugin.Plugin;
import io.metarl.core.config.Suggestions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Every plugin found with {@link ServiceLoader} on a class loader, by kind and name, plus the
 * providers that failed to load (named with their jar; the others still load).
 */
public final class PluginRegistry {
  private final Map<PluginKind, Map<String, DiscoveredPlugin>> plugins = new EnumMap<>(PluginKind.class);
  private final List<PluginLoadError> errors = new ArrayList<>();
  private final ClassLoader classLoader;

  private PluginRegistry(ClassLoader classLoader) {
    this.classLoader = classLoader;
  }

  /** Discovers every provider visible to {@code loader}. */
  public static PluginRegistry discover(ClassLoader loader) {
    return discover(loader, List.of());
  }

  /**
   * Discovers every provider visible to {@code loader}, with problems found before discovery (e.g. a
   * corrupt jar in the plugins directory) listed among the load errors.
   */
  public static PluginRegistry discover(ClassLoader loader, List<PluginLoadError> earlier) {
    PluginRegistry r = new PluginRegistry(loader);
    r.errors.addAll(earlier);
    for (PluginKind kind : PluginKind.values()) {
      r.load(kind);
    }
    return r;
  }

  private void load(PluginKind kind) {
    Map<String, DiscoveredPlugin> byName = new LinkedHashMap<>();
    plugins.put(kind, byName);
    Map<String, String> declaredIn = declarations(kind);
    Iterator<? extends Plugin> it = ServiceLoader.load(kind.spi(), classLoader).iterator();
    while (true) {
      Plugin p;
      try {
        if (!it.hasNext()) {
          break;
        }
        p = it.next();
      } catch (ServiceConfigurationError | LinkageError e) {
        String cls = classNameIn(e.getMessage(), declaredIn.keySet());
        errors.add(new PluginLoadError(kind, cls, declaredIn.getOrDefault(cls, "an unknown jar"), rootMessage(e)));
        continue;
      }
      String source = sourceOf(p.getClass());
      String name;
      try {
        name = p.name();
      } catch (RuntimeException | LinkageError e) {
        errors.add(new PluginLoadError(kind, p.getClass().getName(), source, "name() failed: " + e));
        continue;
      }
      if (name == null || name.isBlank()) {
        errors.add(new PluginLoadError(kind, p.getClass().getName(), source,
            "name() returned " + (name == null ? "null" : "a blank name") + "; ignored"));
        continue;
      }
      DiscoveredPlugin previous = byName.putIfAbsent(name, new DiscoveredPlugin(kind, p, source));
      if (previous != null) {
        errors.add(new PluginLoadError(kind, p.getClass().getName(), source,
            "duplicate " + kind.label() + " name '" + name + "', already provided by "
                + previous.provider().getClass().getName() + " from " + previous.source() + "; ignored"));
      }
    }
  }

  /** Maps each declared provider class name to the jar whose services file declares it. */
  private Map<String, String> declarations(PluginKind kind) {
    Map<String, String> out = new HashMap<>();
    try {
      Enumeration<URL> urls = classLoader.getResources("META-INF/services/" + kind.spi().getName());
      while (urls.hasMoreElements()) {
        URL url = urls.nextElement();
        String jar = jarOf(url);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = in.readLine()) != null) {
            int hash = line.indexOf('#');
            String cls = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (!cls.isEmpty()) {
              out.putIfAbsent(cls, jar);
            }
          }
        }
      }
    } catch (IOException e) {
      // Best effort: only used to name the jar of a broken provider.
    }
    return out;
  }

  private static String jarOf(URL url) {
    try {
      if ("jar".equals(url.getProtocol())) {
        return ((JarURLConnection) url.openConnection()).getJarFileURL().getPath();
      }
    } catch (IOException | ClassCastException e) {
      // fall through
    }
    String s = url.getPath();
    int i = s.indexOf("META-INF/services");
    return i > 0 ? s.substring(0, i) : s;
  }

  private static String classNameIn(String message, Iterable<String> candidates) {
    if (message != null) {
      String best = null;
      for (String c : candidates) {
        if (message.contains(c) && (best == null || c.length() > best.length())) {
          best = c;
        }
      }
      if (best != null) {
        return best;
      }
    }
    return "(unknown class)";
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (caused by " + t + ")";
  }

  /** Where {@code type} was loaded from (a jar path or a classes directory). */
  public static String sourceOf(Class<?> type) {
    CodeSource cs = type.getProtectionDomain().getCodeSource();
    return cs == null || cs.getLocation() == null ? "(bootstrap)" : cs.getLocation().getPath();
  }

  /** The class loader plugins were discovered on. */
  public ClassLoader classLoader() {
    return classLoader;
  }

  /** Plugins of one kind, sorted by name. */
  public List<DiscoveredPlugin> plugins(PluginKind kind) {
    List<DiscoveredPlugin> list = new ArrayList<>(plugins.get(kind).values());
    list.sort(Comparator.comparing(DiscoveredPlugin::name));
    return list;
  }

  /** The names of one kind, sorted. */
  public List<String> names(PluginKind kind) {
    List<String> names = new ArrayList<>(plugins.get(kind).keySet());
    Collections.sort(names);
    return names;
  }

  /** Providers of one kind that failed to load (plus jar problems, which may hold any kind). */
  public List<PluginLoadError> errors(PluginKind kind) {
    return errors.stream().filter(e -> e.kind() == kind || e.kind() == null).toList();
  }

  /**
   * A sentence about the plugins of {@code kind} that failed to load, for a message about an unknown
   * name of that kind ("" when none failed): the name asked for may be one of them.
   */
  public String failedLoads(PluginKind kind) {
    List<PluginLoadError> failed = errors(kind);
    if (failed.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder("; note: ").append(failed.size()).append(" plugin provider")
        .append(failed.size() == 1 ? "" : "s").append(" failed to load and may be the one meant: ");
    for (int i = 0; i < failed.size(); i++) {
      sb.append(i == 0 ? "" : "; ").append(failed.get(i).describe());
    }
    return sb.toString();
  }

  /** Providers that failed to load. */
  public List<PluginLoadError> errors() {
    return List.copyOf(errors);
  }

  /** The provider {@code name} of {@code spi}'s kind, or an exception listing the known names. */
  public <P extends Plugin> P provider(Class<P> spi, String name) {
    PluginKind kind = PluginKind.of(spi);
    DiscoveredPlugin p = plugins.get(kind).get(name);
    if (p == null) {
      throw new UnknownPluginException(kind, name, names(kind), Suggestions.closest(name, names(kind)), errors(kind));
    }
    return spi.cast(p.provider());
  }

  /** The discovered plugin {@code name} of {@code kind}, if any. */
  public java.util.Optional<DiscoveredPlugin> find(PluginKind kind, String name) {
    return java.util.Optional.ofNullable(plugins.get(kind).get(name));
  }
}
