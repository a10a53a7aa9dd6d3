package io.metarl.extensions.epg;

import io.metarl.api.task.Task;
import io.metarl.core.experiment.CellExecutor;
import io.metarl.core.plugin.PluginRegistry;
import java.io.Serial;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One ES population member as a unit of work for any {@link CellExecutor}: it carries the run's
 * resolved {@code metarl} block as text, the epoch, the member's index and the centre of the
 * population as bytes in {@link Codec}'s format (IEEE-754 little-endian doubles), nothing else. Where
 * it runs it rebuilds the run (once per process and configuration), regenerates the member's noise
 * and task from the run seed ({@link EvolutionStrategy#perturbed}) and returns the lifetime's fitness,
 * so a member evaluated on a cluster gives the bit-identical value of one evaluated on a local thread.
 *
 * @param metarl the run's resolved {@code metarl} block ({@link EpgRun#metarlText()})
 * @param epoch the epoch (0-based)
 * @param member the member's index
 * @param phi the population's centre, {@link Codec#bytes} of the parameters
 */
public record MemberUnit(String metarl, int epoch, int member, byte[] phi) implements CellExecutor.WorkUnit<Double> {
  @Serial
  private static final long serialVersionUID = 1L;
  private static final int CACHED = 4;
  private static final Map<String, Context> CONTEXTS = new LinkedHashMap<>(8, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Context> eldest) {
      return size() > CACHED;
    }
  };

  /** What evaluating a member needs, built once per process and configuration. */
  record Context(EpgRun run, Lifetime lifetime) {
    static Context of(EpgRun run) {
      return new Context(run, run.lifetime(run.settings().inner(), run.lossSpec()));
    }
  }

  /** Makes the population of {@code run}: in this process its context is reused, not rebuilt. */
  static EvolutionStrategy.Population population(EpgRun run) {
    String text = run.metarlText();
    synchronized (CONTEXTS) {
      CONTEXTS.put(text, Context.of(run));
    }
    return (epoch, member, base) -> new MemberUnit(text, epoch, member, Codec.bytes(base));
  }

  @Override
  public String name() {
    return "epoch-" + (epoch + 1) + "/member-" + member;
  }

  @Override
  public Double call() {
    Context ctx = context(metarl);
    EpgRun run = ctx.run();
    OuterSettings outer = run.settings().outer();
    double[] params = EvolutionStrategy.perturbed(Codec.fromBytes(phi), run.seed(), outer, epoch, member);
    long taskSeed = EvolutionStrategy.memberTaskSeed(run.seed(), outer, epoch, member);
    return fitness(run, ctx.lifetime(), params, outer.referenceWeight(epoch), taskSeed);
  }

  /** The fitness of {@code params}: a lifetime on the task drawn from {@code taskSeed}. */
  static double fitness(EpgRun run, Lifetime lifetime, double[] params, double referenceWeight, long taskSeed) {
    Task task = run.training().sample(new SplittableRandom(taskSeed));
    return lifetime.run(params, referenceWeight, task, EvolutionStrategy.mix(taskSeed, 1)).fitness();
  }

  private static Context context(String metarl) {
    synchronized (CONTEXTS) {
      Context c = CONTEXTS.get(metarl);
      if (c != null) {
        return c;
      }
    }
    // another process (a cluster executor): rediscover the plugins where the unit runs
    Context built = Context.of(EpgRun.fromResolved(metarl, PluginRegistry.discover(Thread.currentThread().getContextClassLoader())));
    synchronized (CONTEXTS) {
      return CONTEXTS.computeIfAbsent(metarl, k -> built);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MemberUnit m && m.metarl.equals(metarl) && m.epoch == epoch && m.member == member
        && java.util.Arrays.equals(m.phi, phi);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * metarl.hashCode() + epoch) + member;
  }

  @Override
  public String toString() {
    return "MemberUnit[" + name() + ", " + phi.length / 8 + " parameters]";
  }
}
