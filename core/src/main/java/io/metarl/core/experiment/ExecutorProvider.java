package io.metarl.core.experiment;

import com.typesafe.config.Config;

/**
 * A way of running {@link CellExecutor.WorkUnit}s: the built-in {@code local} engine (a thread pool in
 * this process) or one added by a jar on the class path or in the plugins directory (e.g. {@code spark}
 * from {@code metarl-runner-spark}). Implementations are found with {@link java.util.ServiceLoader}
 * (register them with {@code @AutoService(ExecutorProvider.class)}), have a public no-argument
 * constructor that does nothing heavy, and are picked by the name in {@code execution.engine}.
 */
public interface ExecutorProvider {

  /** The engine's stable kebab-case name, e.g. {@code local} or {@code spark}. */
  String name();

  /** One line for listings, e.g. {@code threads in this process}. */
  String description();

  /**
   * Creates an executor.
   *
   * @param section the {@code execution} block (including {@code engine}); the provider validates
   *     every other key it finds and rejects unknown ones with
   *     {@link io.metarl.api.plugin.InvalidSettingException} (key relative to the block)
   * @param loader the class loader that sees the plugins (units are deserialized and plugins discovered
   *     with it where they run)
   */
  CellExecutor create(Config section, ClassLoader loader);
}
