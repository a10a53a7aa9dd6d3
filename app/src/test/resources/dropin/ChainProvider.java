package com.example.chain;

import com.typesafe.config.Config;
import io.metarl.api.env.Box;
import io.metarl.api.env.Discrete;
import io.metarl.api.env.Environment;
import io.metarl.api.env.Space;
import io.metarl.api.env.Step;
import io.metarl.api.plugin.EnvironmentProvider;
import io.metarl.api.plugin.InvalidSettingException;
import io.metarl.api.plugin.PluginContext;
import io.metarl.api.task.Task;
import io.metarl.api.task.TaskDistribution;

/** A third-party environment built against metarl-api alone: walk a chain to a goal drawn per task. */
public final class ChainProvider implements EnvironmentProvider {
  @Override public String name() { return "chain"; }
  @Override public String description() { return "test plugin: walk a chain to the goal"; }

  @Override public TaskDistribution create(Config section, PluginContext ctx) {
    int length = section.getInt("length");
    if (length < 2) throw new InvalidSettingException("length", length, "an integer >= 2");
    return rng -> new ChainTask(length, 1 + rng.nextInt(length - 1));
  }

  record ChainTask(int length, int goal) implements Task {
    @Override public Environment newEnvironment() { return new ChainEnv(this); }
  }

  static final class ChainEnv implements Environment {
    private final ChainTask task;
    private int pos;
    private int t;
    ChainEnv(ChainTask task) { this.task = task; }
    @Override public Space observationSpace() { return Box.of(0, 1, task.length()); }
    @Override public Space actionSpace() { return new Discrete(2); }
    @Override public float[] reset(long seed) { pos = 0; t = 0; return oneHot(); }
    @Override public Step step(int action) {
      pos = Math.max(0, Math.min(task.length() - 1, pos + (action == 1 ? 1 : -1)));
      t++;
      boolean atGoal = pos == task.goal();
      return new Step(oneHot(), atGoal ? 1.0 : 0.0, atGoal, t >= 20);
    }
    private float[] oneHot() { float[] o = new float[task.length()]; o[pos] = 1f; return o; }
  }
}
