package io.metarl.api.plugin;

/** What every provider has: a stable, kebab-case name used in configuration. */
public interface Plugin {

  /** The stable name, e.g. {@code cartpole}, {@code gae}, {@code a2c}. */
  String name();

  /** One line for {@code metarl plugins}. */
  default String description() {
    return "";
  }
}
