package io.metarl.app.bandit;

import com.google.auto.service.AutoService;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValueFactory;
import io.metarl.api.agent.Mode;
import io.metarl.api.agent.Policy;
import io.metarl.api.agent.PolicyInput;
import io.metarl.api.agent.PolicyOutput;
import io.metarl.api.env.Environment;
import io.metarl.api.env.Step;
import io.metarl.api.task.Task;
import io.metarl.app.Plugins;
import io.metarl.app.cli.CliCommand;
import io.metarl.app.cli.UserError;
import io.metarl.core.checkpoint.Checkpoints;
import io.metarl.core.config.ConfigLoader;
import io.metarl.core.config.ConfigValidationException;
import io.metarl.core.wiring.Run;
import io.metarl.envs.bandit.BanditBehaviour;
import io.metarl.envs.bandit.BanditTask;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code metarl bandit-behaviour}: how trained agents (and, for comparison, bandit baselines played as
 * agents) explore and exploit the same held-out bandit tasks — distinct arms pulled, new arms among the
 * first ten pulls, the share of the last fifth of the pulls on the truly best and on the empirically
 * best arm, and the reward per tenth of the horizon ({@link BanditBehaviour}). Mean reward says how
 * far an RL² agent is from Gittins; these figures say why (e.g. it commits after too few arms).
 *
 * <p>Every policy plays the same {@code --tasks} tasks, drawn with {@code --seed} from the task
 * distribution of the first checkpoint (or of {@code --config}), one trial of one episode each, with
 * frozen weights and its memory reset at each trial.
 */
@Command(
    name = "bandit-behaviour",
    mixinStandardHelpOptions = true,
    description = {"How trained agents and bandit baselines explore the same held-out bandit tasks:",
        "distinct arms pulled, best-arm share at the end, reward per tenth of the horizon."})
@AutoService(CliCommand.class)
public final class BanditBehaviourCommand implements CliCommand {

  @Spec CommandSpec spec;

  @Option(names = "--checkpoint", paramLabel = "DIR", description = "a checkpoint of metarl train on a bandit environment (repeatable)")
  List<Path> checkpoints = new ArrayList<>();

  @Option(names = "--config", paramLabel = "FILE", description = "a run file whose environment is used when no --checkpoint is given")
  Path config;

  @Option(names = "--baselines", split = ",", paramLabel = "NAME",
      description = "bandit baselines to play beside the agents, e.g. gittins,thompson")
  List<String> baselines = new ArrayList<>();

  @Option(names = "--set", paramLabel = "PLUGIN.KEY=VALUE", description = "a baseline setting, e.g. --set gittins.discount=0.9 (repeatable)")
  List<String> settings = new ArrayList<>();

  @Option(names = "--tasks", paramLabel = "M", defaultValue = "1000", description = "held-out tasks (default ${DEFAULT-VALUE})")
  int tasks;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "seed of the tasks and rewards (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--mode", paramLabel = "MODE", defaultValue = "explore",
      description = "how the trained agents pick actions: explore (sample) or greedy (default ${DEFAULT-VALUE})")
  String mode;

  @Override
  public Integer call() throws IOException {
    if (tasks < 1) {
      throw new UserError("--tasks " + tasks + ": expected an integer >= 1");
    }
    if (!settings.isEmpty() && baselines.isEmpty()) {
      throw new UserError("--set " + settings.get(0) + ": --set configures --baselines, and none is given");
    }
    checkpoints.replaceAll(io.metarl.app.cli.CheckpointArgument::resolve);
    if (checkpoints.isEmpty() && config == null) {
      throw new UserError("give --checkpoint DIR (repeatable) or --config FILE (a bandit run file, for --baselines)");
    }
    if (checkpoints.isEmpty() && baselines.isEmpty()) {
      throw new UserError("with --config alone there is nothing to play: add --baselines NAME[,NAME...]");
    }
    Mode m = switch (mode) {
      case "explore" -> Mode.EXPLORE;
      case "greedy" -> Mode.GREEDY;
      default -> throw new UserError("--mode " + mode + ": expected explore or greedy");
    };
    var registry = Plugins.registry();
    List<Config> agentConfigs = new ArrayList<>();
    for (Path ck : checkpoints) {
      agentConfigs.add(checkpointConfig(ck));
    }
    Config base = checkpoints.isEmpty() ? ConfigLoader.parseUser(config, List.of()) : agentConfigs.get(0);
    if (!base.hasPath("metarl.environment")) {
      throw new UserError("--config " + config + ": no metarl.environment block (expected a bandit run file)");
    }
    // Everything is validated before anything is played, so bad input fails at once.
    List<Player> players = new ArrayList<>();
    for (int i = 0; i < checkpoints.size(); i++) {
      Path ck = checkpoints.get(i);
      Config user = agentConfigs.get(i);
      if (!user.getValue("metarl.environment").equals(base.getValue("metarl.environment"))) {
        throw new UserError("checkpoint " + ck + " was trained on another environment than " + checkpoints.get(0)
            + " (" + render(user) + " vs " + render(base) + "); compare agents of one environment");
      }
      players.add(new Player(label(ck), Run.validate(user, registry), ck));
    }
    int horizon = baselines.isEmpty() ? 0 : horizon(base.getValue("metarl.environment"), registry);
    for (String s : settings) {
      int dot = s.indexOf('.');
      int eq = s.indexOf('=');
      if (dot < 1 || eq < dot + 2 || eq == s.length() - 1) {
        throw new UserError("--set " + s + ": expected PLUGIN.KEY=VALUE, e.g. gittins.discount=0.9");
      }
      if (!baselines.contains(s.substring(0, dot))) {
        throw new UserError("--set " + s + ": " + s.substring(0, dot) + " is not among --baselines " + baselines);
      }
    }
    for (String name : baselines) {
      Config agent = ConfigFactory.empty().withValue("plugin", ConfigValueFactory.fromAnyRef(name));
      if (name.equals(io.metarl.envs.bandit.baselines.GittinsBaselineProvider.NAME)) {
        // the index assumes the bandit's own horizon unless --set gittins.horizon says otherwise
        agent = agent.withValue("horizon", ConfigValueFactory.fromAnyRef(horizon));
      }
      StringBuilder label = new StringBuilder(name);
      for (String s : settings) {
        int dot = s.indexOf('.');
        int eq = s.indexOf('=');
        if (s.substring(0, dot).equals(name)) {
          agent = agent.withValue(s.substring(dot + 1, eq),
              ConfigValueFactory.fromAnyRef(BaselinesCommand.parse(s.substring(eq + 1))));
          label.append(' ').append(s, dot + 1, s.length());
        }
      }
      Config user = ConfigFactory.empty()
          .withValue("metarl.environment", base.getValue("metarl.environment"))
          .withValue("metarl.agent", agent.root());
      try {
        players.add(new Player(label.toString(), Run.validate(user, registry), null));
      } catch (ConfigValidationException e) {
        throw new UserError("--baselines " + name + (label.length() > name.length() ? " with --set" + label.substring(name.length()) : "")
            + ": " + e.getMessage(), e);
      }
    }
    PrintWriter w = spec.commandLine().getOut();
    w.printf("%d held-out tasks (seed %d), agents in %s mode%n", tasks, seed, mode);
    w.println(BanditBehaviour.HEADER);
    for (Player p : players) {
      Run run = Run.wire(p.metarl(), registry);
      try {
        if (p.checkpoint() != null) {
          try (Checkpoints.Verified v = Checkpoints.open(p.checkpoint())) {
            run.agent().load(v.dir());
          }
        }
        w.println(play(run, p.checkpoint() != null ? m : Mode.EXPLORE).row(p.label()));
      } catch (IOException e) {
        throw new UserError("cannot load checkpoint " + p.checkpoint() + ": " + e.getMessage(), e);
      } finally {
        run.agent().close();
      }
      w.flush();
    }
    return 0;
  }

  private BanditBehaviour play(Run run, Mode m) {
    Policy policy = run.agent().policy(1, seed);
    SplittableRandom rng = new SplittableRandom(seed);
    BanditBehaviour stats = new BanditBehaviour();
    for (int k = 0; k < tasks; k++) {
      Task t = run.tasks().sample(rng);
      if (!(t instanceof BanditTask task)) {
        throw new UserError("the environment is not a Bernoulli bandit (its tasks are " + t.getClass().getSimpleName()
            + "); bandit-behaviour needs one of the bandit-* environment plugins");
      }
      long resetSeed = rng.nextLong();
      try (Environment e = task.newEnvironment()) {
        var in = new PolicyInput(e.observationSpace(), e.actionSpace(), 1);
        var out = new PolicyOutput(e.actionSpace(), 1);
        float[] obs = e.reset(resetSeed);
        in.trialStart[0] = true;
        int n = task.horizon();
        int[] actions = new int[n];
        double[] rewards = new double[n];
        for (int step = 0; step < n; step++) {
          System.arraycopy(obs, 0, in.observations, 0, obs.length);
          policy.act(in, m, out);
          int a = out.actions.discrete[0];
          Step st = e.step(a);
          actions[step] = a;
          rewards[step] = st.reward();
          in.trialStart[0] = false;
          in.previousActions.discrete[0] = a;
          in.previousRewards[0] = (float) st.reward();
          in.previousDone[0] = st.done();
          obs = st.observation();
        }
        stats.record(task, actions, rewards);
      }
    }
    return stats;
  }

  /** One policy to play: a trained agent (with its checkpoint) or a baseline (checkpoint null). */
  private record Player(String label, Config metarl, Path checkpoint) {}

  private static String render(Config user) {
    return user.getValue("metarl.environment").render(com.typesafe.config.ConfigRenderOptions.concise());
  }

  /** Pulls per trial of the environment's tasks (read from one sampled task). */
  private static int horizon(com.typesafe.config.ConfigValue environment, io.metarl.core.plugin.PluginRegistry registry) {
    Config user = ConfigFactory.empty().withValue("metarl.environment", environment)
        .withValue("metarl.agent.plugin", ConfigValueFactory.fromAnyRef("random"));
    Run run = Run.wire(Run.validate(user, registry), registry);
    try {
      Task t = run.tasks().sample(new SplittableRandom(0));
      if (!(t instanceof BanditTask task)) {
        throw new UserError("the environment is not a Bernoulli bandit (its tasks are " + t.getClass().getSimpleName()
            + "); bandit-behaviour needs one of the bandit-* environment plugins");
      }
      return task.horizon();
    } finally {
      run.agent().close();
    }
  }

  private static Config checkpointConfig(Path ck) {
    try {
      var meta = Checkpoints.verify(ck);
      return io.metarl.core.config.ConfigLoader.parseText(meta.path("config").asText(), ck.resolve("manifest.json").toString());
    } catch (IOException e) {
      throw new UserError("cannot use checkpoint " + ck + ": " + e.getMessage(), e);
    }
  }

  /** The run directory's name for runs/NAME/checkpoint, else the path as given. */
  private static String label(Path ck) {
    Path name = ck.getFileName();
    Path parent = ck.toAbsolutePath().normalize().getParent();
    if (name != null && name.toString().equals("checkpoint") && parent != null && parent.getFileName() != null) {
      return parent.getFileName().toString();
    }
    return ck.toString();
  }

}
