package io.metarl.experiments;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import io.metarl.api.env.Box;
import io.metarl.core.config.ConfigProblem;
import io.metarl.core.config.ConfigValidationException;
import io.metarl.core.plugin.PluginRegistry;
import io.metarl.core.wiring.Run;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An experiment whose every cell has been validated (and, once per agent x environment pair, wired:
 * a plugin's own range checks run only when it is created) before anything runs. Every problem of
 * every cell is collected and reported at once, each naming the cells it affects.
 *
 * @param spec the experiment
 * @param cells every cell with its resolved {@code metarl} block, in grid order
 * @param pairs what wiring each agent x environment pair showed, keyed by {@link #key}
 */
public record ExperimentPlan(ExperimentSpec spec, List<Planned> cells, Map<String, PairInfo> pairs) {

  /**
   * A validated cell.
   *
   * @param cell the cell
   * @param metarl its resolved {@code metarl} block
   */
  public record Planned(Cell cell, Config metarl) {
    /** The block as concise JSON text (what a {@link CellJob} carries). */
    public String configText() {
      return metarl.root().render(ConfigRenderOptions.concise());
    }
  }

  /**
   * What an agent x environment pair is.
   *
   * @param agentPlugin the agent's plugin name (e.g. {@code rl2})
   * @param environmentPlugin the environment's plugin name
   * @param meta true when the agent is recurrent (a meta-learner: RL²)
   * @param singleInstance true when the environment is a single task (not a distribution)
   * @param continuousActions true when the environment's actions are continuous
   * @param training the training budget as {@code trials x episodes x max-steps [env-steps]}
   * @param inference the inference budget as {@code trials x episodes x max-steps}
   * @param cost nominal environment steps of one cell (for the time estimate)
   * @param environmentId the environment's own id (e.g. {@code CartPole-v0}; null when not known), which
   *     finds its solved return in {@link io.metarl.core.metrics.SolvedThresholds}
   */
  public record PairInfo(
      String agentPlugin, String environmentPlugin, boolean meta, boolean singleInstance, boolean continuousActions,
      String training, String inference, double cost, String environmentId) {
    /** Without the environment's id. */
    public PairInfo(String agentPlugin, String environmentPlugin, boolean meta, boolean singleInstance,
        boolean continuousActions, String training, String inference, double cost) {
      this(agentPlugin, environmentPlugin, meta, singleInstance, continuousActions, training, inference, cost, null);
    }
  }

  /** The key of an agent x environment pair. */
  public static String key(String environment, String agent) {
    return environment + "/" + agent;
  }

  /**
   * Validates every cell of {@code spec}.
   *
   * @throws ConfigValidationException listing every problem, each with the cells it affects
   */
  public static ExperimentPlan of(ExperimentSpec spec, PluginRegistry registry) {
    Map<String, List<String>> problems = new LinkedHashMap<>();
    Map<String, ConfigProblem> firstOf = new LinkedHashMap<>();
    List<Planned> cells = new ArrayList<>();
    Map<String, PairInfo> pairs = new LinkedHashMap<>();
    List<Cell> all = spec.cells();
    for (Cell cell : all) {
      Config metarl;
      try {
        metarl = Run.validate(spec.userConfig(cell, registry.classLoader()), registry);
      } catch (ConfigValidationException e) {
        e.problems().forEach(p -> note(problems, firstOf, p, cell));
        continue;
      }
      cells.add(new Planned(cell, metarl));
      String key = key(cell.environment(), cell.agent());
      if (!pairs.containsKey(key) && !problems.values().stream().anyMatch(l -> l.contains(cell.id()))) {
        try {
          Run run = Run.wire(metarl, registry);
          try {
            pairs.put(key, info(run, metarl));
          } finally {
            run.agent().close();
          }
        } catch (ConfigValidationException e) {
          for (Cell c : all) {
            if (c.environment().equals(cell.environment()) && c.agent().equals(cell.agent())) {
              e.problems().forEach(p -> note(problems, firstOf, p, c));
            }
          }
        } catch (RuntimeException e) {
          ConfigProblem p = new ConfigProblem("metarl", "cannot be wired: " + e, "");
          for (Cell c : all) {
            if (c.environment().equals(cell.environment()) && c.agent().equals(cell.agent())) {
              note(problems, firstOf, p, c);
            }
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      List<ConfigProblem> out = new ArrayList<>();
      for (var e : problems.entrySet()) {
        ConfigProblem p = firstOf.get(e.getKey());
        out.add(new ConfigProblem(p.path() + " [" + describeCells(e.getValue(), spec) + "]", p.message(), p.origin()));
      }
      throw new ConfigValidationException(out);
    }
    return new ExperimentPlan(spec, List.copyOf(cells), pairs);
  }

  private static void note(Map<String, List<String>> problems, Map<String, ConfigProblem> firstOf, ConfigProblem p, Cell cell) {
    String k = p.path() + "\u0000" + p.message() + "\u0000" + p.origin();
    firstOf.putIfAbsent(k, p);
    List<String> cells = problems.computeIfAbsent(k, x -> new ArrayList<>());
    if (!cells.contains(cell.id())) {
      cells.add(cell.id());
    }
  }

  /** "all cells", "env/agent (all seeds)" or a list, shortened after four. */
  private static String describeCells(List<String> ids, ExperimentSpec spec) {
    int total = spec.cells().size();
    if (ids.size() == total && total > 1) {
      return "all " + total + " cells";
    }
    List<String> names = new ArrayList<>();
    List<String> rest = new ArrayList<>(ids);
    for (String env : spec.environments().keySet()) {
      for (String agent : spec.agents().keySet()) {
        List<String> pair = spec.seeds().stream().map(s -> new Cell(env, agent, s).id()).toList();
        if (spec.seeds().size() > 1 && rest.containsAll(pair)) {
          rest.removeAll(pair);
          names.add(env + "/" + agent + " (all seeds)");
        }
      }
    }
    names.addAll(rest);
    if (names.size() > 4) {
      return "cells " + String.join(", ", names.subList(0, 4)) + " and " + (names.size() - 4) + " more";
    }
    return (names.size() == 1 ? "cell " : "cells ") + String.join(", ", names);
  }

  private static PairInfo info(Run run, Config metarl) {
    var t = run.settings().training();
    var i = run.settings().inference();
    String training = String.format(Locale.ROOT, "%d x %d x %s%s", t.trials(), t.episodesPerTrial(),
        t.maxSteps() > 0 ? String.valueOf(t.maxSteps()) : "env limit",
        t.envSteps() > 0 ? String.format(Locale.ROOT, " (<= %,d env-steps)", t.envSteps()) : "");
    String inference = String.format(Locale.ROOT, "%d x %d x %s", i.trials(), i.episodesPerTrial(),
        i.maxSteps() > 0 ? String.valueOf(i.maxSteps()) : "env limit");
    double stepsPerEpisode = t.maxSteps() > 0 ? t.maxSteps() : 1000;
    double cost = t.episodeBudget() * stepsPerEpisode;
    if (t.envSteps() > 0) {
      cost = Math.min(cost, t.envSteps());
    }
    cost += (double) i.trials() * i.episodesPerTrial() * (i.maxSteps() > 0 ? i.maxSteps() : 1000);
    return new PairInfo(metarl.getString("agent.plugin"), metarl.getString("environment.plugin"), run.agent().recurrent(),
        run.tasks().singleInstance(), run.agent().spec().actionSpace() instanceof Box, training, inference, cost,
        run.agent().spec().id());
  }

  /** The pair of a cell. */
  public PairInfo pair(Cell cell) {
    return pairs.get(key(cell.environment(), cell.agent()));
  }
}
