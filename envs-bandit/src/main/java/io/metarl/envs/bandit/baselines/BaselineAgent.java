package io.metarl.envs.bandit.baselines;

import io.metarl.api.agent.Agent;
import io.metarl.api.agent.Learner;
import io.metarl.api.agent.Policy;
import io.metarl.api.env.Discrete;
import io.metarl.api.env.EnvironmentSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * A classical bandit baseline as an {@link Agent}: no parameters, nothing to learn; its learners and
 * policies are {@link BaselinePolicy} instances that adapt within a trial through their per-lane
 * statistics. {@link #save} writes a one-line {@value #FILE} naming the baseline; {@link #load} checks
 * it.
 */
public final class BaselineAgent implements Agent {
  /** The file {@link #save} writes. */
  public static final String FILE = "baseline.txt";

  private final String name;
  private final EnvironmentSpec spec;
  private final int arms;
  private final Supplier<ArmRule> rules;
  private final GittinsBaselineProvider.Horizon horizon;

  /**
   * @param name the baseline's plugin name
   * @param spec the environment spec; its action space must be {@link Discrete}
   * @param rules makes one rule per policy
   * @throws IllegalArgumentException for a non-discrete action space
   */
  public BaselineAgent(String name, EnvironmentSpec spec, Supplier<ArmRule> rules) {
    this(name, spec, rules, null);
  }

  /**
   * A baseline whose rule assumes a trial length ({@code horizon}, reported by {@link #horizon()} and
   * {@link #toString()}); {@code null} for none.
   */
  public BaselineAgent(String name, EnvironmentSpec spec, Supplier<ArmRule> rules, GittinsBaselineProvider.Horizon horizon) {
    if (!(spec.actionSpace() instanceof Discrete d)) {
      throw new IllegalArgumentException(
          "baseline " + name + " plays bandits: needs a Discrete action space, got " + spec.actionSpace()
              + " of " + spec.id());
    }
    this.name = name;
    this.spec = spec;
    this.arms = d.n();
    this.rules = rules;
    this.horizon = horizon;
  }

  /** The trial length the rule assumes and how it was chosen, or null when the rule assumes none. */
  public GittinsBaselineProvider.Horizon horizon() {
    return horizon;
  }

  /** The baseline's name. */
  public String name() {
    return name;
  }

  @Override
  public EnvironmentSpec spec() {
    return spec;
  }

  @Override
  public Learner learner(int worker, int lanes, long seed) {
    return new BaselinePolicy(lanes, arms, rules.get(), seed);
  }

  @Override
  public Policy policy(int lanes, long seed) {
    return new BaselinePolicy(lanes, arms, rules.get(), seed);
  }

  /** A {@link BaselinePolicy} (the concrete type of {@link #policy}). */
  public BaselinePolicy baselinePolicy(int lanes, long seed) {
    return new BaselinePolicy(lanes, arms, rules.get(), seed);
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
    return "baseline " + name + (horizon == null ? "" : " (horizon " + horizon + ")");
  }
}
