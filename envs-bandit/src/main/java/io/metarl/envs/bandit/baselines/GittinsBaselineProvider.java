package io.metarl.envs.bandit.baselines;

import com.google.auto.service.AutoService;
import com.typesafe.config.Config;
import io.metarl.api.env.EnvironmentSpec;
import io.metarl.api.plugin.AgentProvider;
import io.metarl.api.plugin.InvalidSettingException;
import io.metarl.api.plugin.PluginContext;
import io.metarl.api.plugin.Settings;
import java.util.function.Supplier;

/**
 * Plugin {@code gittins}: finite-horizon Gittins indices ({@link GittinsRule}, {@link GittinsIndex}).
 * Keys: {@code horizon} = pulls per trial assumed (integer in 0..100000; 0, the default, follows the
 * task: the bandit's {@code horizon} times the run's {@code inference.episodes-per-trial}, see
 * {@link #horizon}), {@code discount} in (0, 1] (default 1.0: undiscounted finite horizon),
 * {@code prior-alpha}, {@code prior-beta} > 0 (default 1, 1). The index table is computed lazily and
 * shared per (horizon, discount, prior). The horizon used is part of the agent's name
 * ({@code gittins (horizon N)}) and, when derived from the task, printed once on standard error.
 */
@AutoService(AgentProvider.class)
public final class GittinsBaselineProvider extends BaselineProvider {
  /** The plugin name. */
  public static final String NAME = "gittins";

  /** The horizon assumed when {@code horizon = 0} and there is no run to read the task from. */
  public static final int FALLBACK_HORIZON = 100;

  /**
   * The horizon an index uses and why.
   *
   * @param pulls pulls per trial
   * @param source how it was chosen, e.g. {@code "set explicitly"} or
   *     {@code "bandit horizon 10 x 5 episodes per trial"}
   */
  public record Horizon(int pulls, String source) {
    @Override
    public String toString() {
      return pulls + " (" + source + ")";
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "bandit baseline: finite-horizon Gittins index";
  }

  @Override
  public BaselineAgent create(Config section, EnvironmentSpec environment, PluginContext context) {
    Horizon h = horizon(section, context);
    if (h.source().startsWith("bandit")) {
      System.err.println("gittins: horizon " + h);
    }
    return new BaselineAgent(NAME, environment, rules(section, h.pulls()), h);
  }

  /**
   * The horizon for these settings: {@code horizon} when it is above 0; otherwise the task's trial
   * length, the run's {@code environment.horizon} (or, when the run file leaves it to the default, the
   * environment plugin's {@code plugins.<env>.horizon}) times {@code inference.episodes-per-trial}
   * (1 when absent); {@link #FALLBACK_HORIZON} when there is no run or its environment has no horizon.
   */
  public static Horizon horizon(Config section, PluginContext context) {
    int set = Settings.intAtLeast(section, "horizon", 0);
    if (set > GittinsIndex.MAX_HORIZON) {
      throw new InvalidSettingException("horizon", set, "an integer in 0.." + GittinsIndex.MAX_HORIZON);
    }
    if (set > 0) {
      return new Horizon(set, "set explicitly");
    }
    Config run = context == null ? null : context.runConfig();
    if (run == null) {
      return new Horizon(FALLBACK_HORIZON, "default: no run to read the task from");
    }
    Integer pulls = null;
    if (run.hasPath("environment.horizon")) {
      pulls = run.getInt("environment.horizon");
    } else if (run.hasPath("environment.plugin")) {
      String p = "plugins.\"" + run.getString("environment.plugin") + "\".horizon";
      if (run.hasPath(p)) {
        pulls = run.getInt(p);
      }
    }
    if (pulls == null || pulls < 1) {
      return new Horizon(FALLBACK_HORIZON, "default: the environment has no horizon");
    }
    int episodes = run.hasPath("inference.episodes-per-trial") ? Math.max(1, run.getInt("inference.episodes-per-trial")) : 1;
    long total = (long) pulls * episodes;
    if (total > GittinsIndex.MAX_HORIZON) {
      throw new InvalidSettingException("horizon", 0, "a trial of at most " + GittinsIndex.MAX_HORIZON
          + " pulls (bandit horizon " + pulls + " x " + episodes + " episodes per trial); set gittins.horizon explicitly");
    }
    return new Horizon((int) total, "bandit horizon " + pulls + " x " + episodes + " episode" + (episodes == 1 ? "" : "s") + " per trial");
  }

  @Override
  protected Supplier<ArmRule> rules(Config section) {
    return rules(section, horizon(section, null).pulls());
  }

  private Supplier<ArmRule> rules(Config section, int horizon) {
    double discount = Settings.doubleIn(section, "discount", 0, 1);
    if (discount == 0) {
      throw new InvalidSettingException("discount", discount, "a number in (0, 1]");
    }
    double a = Settings.positive(section, "prior-alpha");
    double b = Settings.positive(section, "prior-beta");
    return () -> new GittinsRule(GittinsIndex.of(horizon, discount, a, b));
  }
}
