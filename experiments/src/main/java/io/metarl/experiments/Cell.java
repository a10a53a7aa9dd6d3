package io.metarl.experiments;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * One cell of an experiment grid: an agent on an environment with a seed. Names are the
 * experiment file's keys (e.g. {@code meta-a2c}, {@code 2Bemh-hard}), not plugin names.
 *
 * @param environment the environment's name in the experiment
 * @param agent the agent's name in the experiment
 * @param seed the run's seed
 */
public record Cell(String environment, String agent, long seed) implements Serializable {

  /** {@code environment/agent/seed-s}. */
  public String id() {
    return environment + "/" + agent + "/seed-" + seed;
  }

  /** The cell's directory under an experiment's output directory. */
  public Path dir(Path out) {
    return out.resolve(environment).resolve(agent).resolve("seed-" + seed);
  }
}
