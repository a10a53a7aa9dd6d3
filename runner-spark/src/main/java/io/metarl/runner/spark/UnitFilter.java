package io.metarl.runner.spark;

import java.io.ObjectInputFilter;
import java.io.Serial;
import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the spark runner accepts when it Java-deserialises a unit (on an executor) or a result (on the
 * driver): an allow-list of classes and bounds on the stream, so that bytes from anywhere else (a
 * tampered task, a rogue executor's result) cannot make {@link java.io.ObjectInputStream} instantiate
 * arbitrary serializable classes on the class path.
 *
 * <p>Allowed: the runner's own units ({@code io.metarl.experiments.CellJob}, an experiment cell;
 * {@code io.metarl.extensions.epg.MemberUnit}, an ES population member), what they hold and return
 * ({@code io.metarl.experiments.Cell}, {@code io.metarl.experiments.CellResult}, boxed numbers and
 * booleans, {@code byte[]} and {@code double[]}); strings need no class. Everything else is refused,
 * including other collections, object arrays, proxies and serialized lambdas. The classes are named, not
 * linked: the plugin jar depends on neither module. Bounds: nesting depth {@value #MAX_DEPTH}, arrays of
 * at most {@value #MAX_ARRAY} elements, {@value #MAX_REFERENCES} objects and {@value #MAX_BYTES} bytes per
 * stream.
 *
 * <p>Serializable, so that the list travels with the task to the executors.
 */
final class UnitFilter implements Serializable {
  @Serial
  private static final long serialVersionUID = 1L;

  /** Nesting depth of objects in one stream (a cell's result is 2 deep). */
  static final int MAX_DEPTH = 8;
  /** Elements of one array (an ES member's parameters: 8 bytes each). */
  static final int MAX_ARRAY = 1 << 24;
  /** Objects and back-references in one stream. */
  static final int MAX_REFERENCES = 10_000;
  /** Bytes of one stream. */
  static final long MAX_BYTES = 1L << 28;

  /** The runner's units and results. */
  static final Set<String> CLASSES = Set.of(
      "io.metarl.experiments.CellJob",
      "io.metarl.experiments.Cell",
      "io.metarl.experiments.CellResult",
      "io.metarl.extensions.epg.MemberUnit",
      "java.lang.Number",
      "java.lang.Double",
      "java.lang.Float",
      "java.lang.Long",
      "java.lang.Integer",
      "java.lang.Boolean");
  private static final Set<String> ARRAYS = Set.of(byte[].class.getName(), double[].class.getName());

  /** The filter of the runner. */
  static final UnitFilter RUNNER = new UnitFilter(CLASSES, MAX_DEPTH, MAX_ARRAY, MAX_REFERENCES, MAX_BYTES);

  private final Set<String> classes;
  private final int maxDepth;
  private final int maxArray;
  private final int maxReferences;
  private final long maxBytes;

  UnitFilter(Set<String> classes, int maxDepth, int maxArray, int maxReferences, long maxBytes) {
    this.classes = Set.copyOf(classes);
    this.maxDepth = maxDepth;
    this.maxArray = maxArray;
    this.maxReferences = maxReferences;
    this.maxBytes = maxBytes;
  }

  /** This filter with more classes allowed (tests and benchmarks submit units of their own). */
  UnitFilter allowing(String... more) {
    Set<String> all = new LinkedHashSet<>(classes);
    all.addAll(Set.of(more));
    return new UnitFilter(all, maxDepth, maxArray, maxReferences, maxBytes);
  }

  /** A filter for one stream; it remembers why it refused, for the exception's message. */
  Check check() {
    return new Check();
  }

  /** The filter of one stream. */
  final class Check implements ObjectInputFilter {
    private String refused;

    /** Why the stream was refused (null while it was not). */
    String refused() {
      return refused;
    }

    @Override
    public Status checkInput(FilterInfo info) {
      if (info.depth() > maxDepth) {
        return refuse("nesting deeper than " + maxDepth);
      }
      if (info.references() > maxReferences) {
        return refuse("more than " + maxReferences + " objects");
      }
      if (info.streamBytes() > maxBytes) {
        return refuse("more than " + maxBytes + " bytes");
      }
      Class<?> c = info.serialClass();
      if (c == null) {
        return Status.ALLOWED; // a check of the bounds alone, passed
      }
      if (c.isArray()) {
        if (!ARRAYS.contains(c.getName())) {
          return refuse("an array of " + c.getComponentType().getName() + " (allowed arrays: byte[], double[])");
        }
        if (info.arrayLength() > maxArray) {
          return refuse("an array of " + info.arrayLength() + " elements (at most " + maxArray + ")");
        }
        return Status.ALLOWED;
      }
      if (classes.contains(c.getName())) {
        return Status.ALLOWED;
      }
      return refuse("class " + c.getName() + " (allowed: " + String.join(", ", new TreeSet<>(classes)) + ")");
    }

    private Status refuse(String why) {
      if (refused == null) {
        refused = why;
      }
      return Status.REJECTED;
    }
  }
}
