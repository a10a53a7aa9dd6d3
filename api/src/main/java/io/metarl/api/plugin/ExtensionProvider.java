package io.metarl.api.plugin;

import com.typesafe.config.Config;
import io.metarl.api.train.TrainingListener;

/**
 * Provides a research extension or a listener, enabled by naming it in {@code extensions = [...]};
 * its settings are the run's block of the same name.
 */
public interface ExtensionProvider extends Plugin {

  /** Builds the extension's listener. */
  TrainingListener create(Config section, PluginContext context);
}
