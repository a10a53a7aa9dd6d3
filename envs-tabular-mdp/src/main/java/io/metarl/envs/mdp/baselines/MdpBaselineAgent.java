package io.metarl.envs.mdp.baselines;

import io.metarl.api.agent.Agent;
import io.metarl.api.agent.Learner;
import io.metarl.api.agent.Policy;
import io.metarl.api.env.Box;
import io.metarl.api.env.Discrete;
import io.metarl.api.env.EnvironmentSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * A tabular-MDP baseline as an {@link Agent}: no parameters; its policies are {@link MdpBaselinePolicy}
 * instances that learn within a trial and restart for a new task. Needs a one-hot {@link Box}
 * observation (S states) and a {@link Discrete} action space.
 */
public final class MdpBaselineAgent implements Agent {
  /** The file {@link #save} writes. */
  public static final String FILE = "baseline.txt";

  private final String name;
  private final EnvironmentSpec spec;
  private final int states;
  private final int actions;
  private final int horizon;
  private final Supplier<MdpRule> rules;

  public MdpBaselineAgent(String name, EnvironmentSpec spec, int horizon, Supplier<MdpRule> rules) {
    if (!(spec.actionSpace() instanceof Discrete d) || !(spec.observationSpace() instanceof Box)) {
      throw new IllegalArgumentException("baseline " + name + " plays tabular MDPs: needs a one-hot Box observation and a"
          + " Discrete action space, got " + spec.observationSpace() + " / " + spec.actionSpace() + " of " + spec.id());
    }
    this.name = name;
    this.spec = spec;
    this.states = spec.observationSpace().flatSize();
    this.actions = d.n();
    this.horizon = horizon;
    this.rules = rules;
  }

  public String name() {
    return name;
  }

  /** The episode length its rule plans for. */
  public int horizon() {
    return horizon;
  }

  @Override
  public EnvironmentSpec spec() {
    return spec;
  }

  @Override
  public Learner learner(int worker, int lanes, long seed) {
    return mdpPolicy(lanes, seed);
  }

  @Override
  public Policy policy(int lanes, long seed) {
    return mdpPolicy(lanes, seed);
  }

  /** The concrete policy. */
  public MdpBaselinePolicy mdpPolicy(int lanes, long seed) {
    return new MdpBaselinePolicy(lanes, states, actions, horizon, rules.get(), seed);
  }

  @Override
  public long parameterCount() {
    return 0;
  }

  @Override
  public void save(Path dir) throws IOException {
    Files.writeString(dir.resolve(FILE), "baseline " + name + "\n", StandardCharsets.UTF_8);
  }

  @Override
  public void load(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8).trim();
    } catch (NoSuchFileException e) {
      throw new IOException(file + " is missing: not a checkpoint of baseline " + name, e);
    }
    if (!text.equals("baseline " + name)) {
      throw new IOException(file + " holds '" + text + "', expected 'baseline " + name + "'");
    }
  }

  @Override
  public String toString() {
    return "baseline " + name + " (plans " + horizon + "-step episodes)";
  }
}
