package io.metarl.app.gym;

import com.google.auto.service.AutoService;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.metarl.api.env.Box;
import io.metarl.api.env.Controller;
import io.metarl.api.env.Discrete;
import io.metarl.api.env.Environment;
import io.metarl.api.env.Renderable;
import io.metarl.api.env.Step;
import io.metarl.api.plugin.EnvironmentProvider;
import io.metarl.api.plugin.InvalidSettingException;
import io.metarl.api.task.Task;
import io.metarl.api.task.TaskDistribution;
import io.metarl.app.cli.CliCommand;
import io.metarl.app.cli.UserError;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code metarl render --env NAME --policy random|CONTROLLER --out FILE.gif|DIR}: plays episodes of any
 * {@link Renderable} environment plugin with a random policy or one of the plugin's controllers and
 * writes the frames as an animated GIF or as numbered PNG files in a directory.
 *
 * <p>The plugin is found in the plugin registry (so plugin jars count); its section is the {@code --set key=value}
 * overrides (each value parsed as HOCON, so {@code --set length-range=[0.4,0.8]} is a list) over the
 * plugin's {@code reference.conf} defaults. One task is sampled with {@code --seed}; episode {@code i}
 * is reset with seed {@code seed + i}.
 */
@AutoService(CliCommand.class)
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description = "Play an environment plugin with a random policy or a scripted controller and save a GIF or PNG frames.")
public final class RenderCommand implements CliCommand {
  @Spec CommandSpec spec;

  @Option(names = "--env", paramLabel = "NAME", description = "Environment plugin name, e.g. cartpole.")
  String env;

  @Option(names = "--checkpoint", paramLabel = "DIR",
      description = "Render a trained agent from a checkpoint of metarl train, or its run directory (its environment and policy).")
  Path checkpoint;

  @Option(names = "--mode", defaultValue = "greedy", paramLabel = "greedy|explore",
      description = "With --checkpoint: how the agent picks actions. Default: ${DEFAULT-VALUE}.")
  String mode;

  @Option(names = "--policy", paramLabel = "random|CONTROLLER", defaultValue = "random",
      description = "random, or a controller the plugin ships (e.g. heuristic). Default: ${DEFAULT-VALUE}.")
  String policy;

  @Option(names = "--out", required = true, paramLabel = "FILE.gif|DIR",
      description = "An animated GIF (name ending in .gif) or a directory for PNG frames.")
  Path out;

  @Option(names = "--episodes", defaultValue = "1", paramLabel = "N", description = "Episodes to play. Default: ${DEFAULT-VALUE}.")
  int episodes;

  @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of the task and episodes. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a setting of the plugin (repeatable).")
  Map<String, String> sets = new LinkedHashMap<>();

  @Option(names = "--max-steps", defaultValue = "1000", paramLabel = "N",
      description = "Stop an episode after N steps even if it has not ended. Default: ${DEFAULT-VALUE}.")
  int maxSteps;

  @Option(names = "--size", defaultValue = "600x400", paramLabel = "WxH", description = "Frame size. Default: ${DEFAULT-VALUE}.")
  String size;

  @Option(names = "--fps", defaultValue = "30", paramLabel = "N", description = "GIF frames per second. Default: ${DEFAULT-VALUE}.")
  int fps;

  @Override
  public Integer call() throws IOException {
    if (episodes < 1) {
      throw new UserError("--episodes must be >= 1, got " + episodes);
    }
    if (maxSteps < 1) {
      throw new UserError("--max-steps must be >= 1, got " + maxSteps);
    }
    if (fps < 1 || fps > 100) {
      throw new UserError("--fps must be in [1, 100], got " + fps);
    }
    int[] wh = parseSize(size);
    if ((checkpoint == null) == (env == null)) {
      throw new UserError("give exactly one of --env NAME (with --policy) or --checkpoint DIR (a trained agent)");
    }
    if (checkpoint != null) {
      return renderAgent(wh);
    }
    var registry = io.metarl.app.Plugins.registry();
    EnvironmentProvider provider = registry.provider(EnvironmentProvider.class, env);
    Config metarl = io.metarl.core.config.ConfigLoader.merge(ConfigFactory.empty(), registry.classLoader()).getConfig("metarl");
    var context = new io.metarl.core.wiring.RunContext(seed, metarl, registry);
    Config section = context.pluginSection(env, overrides(sets));
    TaskDistribution distribution;
    try {
      distribution = io.metarl.core.plugin.PluginFailureException.guard("--env " + env, env, provider, () -> provider.create(section, context));
    } catch (InvalidSettingException e) {
      throw new UserError("--set for environment '" + env + "': " + e.getMessage(), e);
    } catch (ConfigException e) {
      throw new UserError("settings of environment '" + env + "': " + e.getMessage(), e);
    }
    Supplier<Controller> controller = null;
    if (!policy.equals("random")) {
      controller = provider.controllers().get(policy);
      if (controller == null) {
        throw new UserError("--policy " + policy + ": environment '" + env + "' offers "
            + String.join(", ", policyNames(provider)));
      }
    }
    Task task = distribution.sample(new SplittableRandom(seed));
    List<BufferedImage> frames = new ArrayList<>();
    var stdout = spec.commandLine().getOut();
    try (Environment e = task.newEnvironment()) {
      if (!(e instanceof Renderable renderable)) {
        throw new UserError("environment '" + env + "' (" + e.id() + ") cannot be rendered (not Renderable)");
      }
      Controller c = controller == null ? null : controller.get();
      SplittableRandom actions = new SplittableRandom(seed ^ 0x5DEECE66DL);
      for (int ep = 0; ep < episodes; ep++) {
        float[] obs = e.reset(seed + ep);
        if (c != null) {
          c.reset(seed + ep);
        }
        frames.add(frame(renderable, wh));
        double ret = 0;
        int t = 0;
        boolean done = false;
        while (!done && t < maxSteps) {
          Step s = act(e, c, obs, actions);
          obs = s.observation();
          ret += s.reward();
          t++;
          done = s.done();
          frames.add(frame(renderable, wh));
        }
        stdout.printf(Locale.ROOT, "episode %d: %d steps, return %.3f%s%n", ep, t, ret,
            done ? "" : " (stopped at --max-steps)");
      }
    }
    writeFrames(frames, stdout);
    return 0;
  }

  /** Plays the checkpoint's agent (frozen weights) on a task of its run's distribution. */
  private int renderAgent(int[] wh) throws IOException {
    checkpoint = io.metarl.app.cli.CheckpointArgument.resolve(checkpoint);
    io.metarl.core.checkpoint.Checkpoints.Verified verified;
    try {
      verified = io.metarl.core.checkpoint.Checkpoints.open(checkpoint);
    } catch (IOException e) {
      throw new UserError("cannot use checkpoint " + checkpoint + ": " + e.getMessage(), e);
    }
    io.metarl.core.wiring.Run run;
    try (verified) {
      var registry = io.metarl.app.Plugins.registry();
      Config metarl = io.metarl.core.wiring.Run.validate(io.metarl.core.config.ConfigLoader.parseText(
          verified.metadata().path("config").asText(), checkpoint.resolve("manifest.json").toString()), registry);
      run = io.metarl.core.wiring.Run.wire(metarl, registry);
      try {
        run.agent().load(verified.dir());
      } catch (IOException e) {
        throw new UserError("cannot load checkpoint " + checkpoint + ": " + e.getMessage(), e);
      }
    }
    io.metarl.api.agent.Mode m = switch (mode) {
      case "greedy" -> io.metarl.api.agent.Mode.GREEDY;
      case "explore" -> io.metarl.api.agent.Mode.EXPLORE;
      default -> throw new UserError("--mode " + mode + ": expected greedy or explore");
    };
    var policy = run.agent().policy(1, seed);
    Task task = run.tasks().sample(new SplittableRandom(seed));
    List<BufferedImage> frames = new ArrayList<>();
    var stdout = this.spec.commandLine().getOut();
    try (Environment e = task.newEnvironment()) {
      if (!(e instanceof Renderable)) {
        throw new UserError("environment " + e.id() + " cannot be rendered (not Renderable)");
      }
      for (int ep = 0; ep < episodes; ep++) {
        var rec = io.metarl.core.metrics.EpisodeRecorder.play(e, policy, m, seed + ep, ep == 0, maxSteps, wh[0], wh[1]);
        frames.addAll(rec.frames());
        stdout.printf(Locale.ROOT, "episode %d: %d steps, return %.3f%s%n", ep, rec.steps(), rec.totalReturn(),
            rec.ended() ? "" : " (stopped at --max-steps)");
      }
    } finally {
      run.agent().close();
    }
    writeFrames(frames, stdout);
    return 0;
  }

  private void writeFrames(List<BufferedImage> frames, java.io.PrintWriter stdout) throws IOException {
    if (this.out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gif")) {
      io.metarl.core.metrics.EpisodeRecorder.writeGif(frames, this.out, Math.max(1, Math.round(100f / fps)));
      stdout.printf(Locale.ROOT, "wrote %d frames to %s%n", frames.size(), this.out);
    } else {
      writePngs(frames, this.out);
      stdout.printf(Locale.ROOT, "wrote %d PNG frames into %s%n", frames.size(), this.out);
    }
    stdout.flush();
  }

  private static Step act(Environment e, Controller c, float[] obs, SplittableRandom rng) {
    if (e.actionSpace() instanceof Discrete d) {
      return e.step(c != null ? c.act(obs) : rng.nextInt(d.n()));
    }
    if (c != null) {
      return e.step(c.actContinuous(obs));
    }
    Box b = (Box) e.actionSpace();
    float[] a = new float[b.flatSize()];
    for (int i = 0; i < a.length; i++) {
      double lo = Float.isFinite(b.low(i)) ? b.low(i) : -1;
      double hi = Float.isFinite(b.high(i)) ? b.high(i) : 1;
      a[i] = (float) (lo + (hi - lo) * rng.nextDouble());
    }
    return e.step(a);
  }

  private static BufferedImage frame(Renderable r, int[] wh) {
    return io.metarl.core.metrics.EpisodeRecorder.frame(r, wh[0], wh[1]);
  }

  static int[] parseSize(String s) {
    String[] p = s.toLowerCase(Locale.ROOT).split("x");
    try {
      if (p.length == 2) {
        int w = Integer.parseInt(p[0].trim());
        int h = Integer.parseInt(p[1].trim());
        if (w >= 16 && h >= 16 && w <= 4096 && h <= 4096) {
          return new int[] {w, h};
        }
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new UserError("--size " + s + ": expected WIDTHxHEIGHT with each in [16, 4096], e.g. 600x400");
  }

  /** The {@code --set} overrides, each value parsed as HOCON (a string when it is not valid HOCON). */
  static Config overrides(Map<String, String> sets) {
    Config c = ConfigFactory.empty();
    for (Map.Entry<String, String> kv : sets.entrySet()) {
      Config one;
      try {
        one = ConfigFactory.parseString("\"" + kv.getKey() + "\" = " + kv.getValue());
      } catch (ConfigException e) {
        one = ConfigFactory.parseMap(Map.of(kv.getKey(), kv.getValue()));
      }
      c = one.withFallback(c);
    }
    return c;
  }

  private static List<String> policyNames(EnvironmentProvider p) {
    List<String> names = new ArrayList<>();
    names.add("random");
    names.addAll(new TreeSet<>(p.controllers().keySet()));
    return names;
  }

  /** Writes {@code frame-00000.png}, ... into {@code dir}. */
  static void writePngs(List<BufferedImage> frames, Path dir) throws IOException {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new UserError("--out " + dir + ": exists and is not a directory (use a name ending in .gif for a GIF)");
    }
    Files.createDirectories(dir);
    for (int i = 0; i < frames.size(); i++) {
      Path f = dir.resolve(String.format(Locale.ROOT, "frame-%05d.png", i));
      if (!ImageIO.write(frames.get(i), "png", f.toFile())) {
        throw new IOException("no PNG writer");
      }
    }
  }
}
