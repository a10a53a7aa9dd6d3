package io.metarl.core.metrics;

import io.metarl.api.agent.Agent;
import io.metarl.api.agent.Mode;
import io.metarl.api.env.Environment;
import io.metarl.api.env.Renderable;
import io.metarl.api.task.TaskDistribution;
import io.metarl.api.train.TrainingListener;
import io.metarl.api.train.UpdateRecord;
import io.metarl.core.rollout.Rng;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Records one greedy episode with the current weights every {@code every} updates as
 * {@code videos/update-N.gif}. It plays on its own task and policy (own random generator), so training is
 * unaffected; an environment that cannot render is reported once and recording stops.
 */
public final class VideoRecorder implements TrainingListener {
  private final Agent agent;
  private final TaskDistribution tasks;
  private final Path dir;
  private final long every;
  private final long seed;
  private final PrintStream console;
  private boolean disabled;

  /**
   * @param agent the agent being trained
   * @param tasks its task distribution
   * @param dir where the GIFs go
   * @param every updates between recordings (at least 1)
   * @param seed the run's seed
   * @param console where a warning goes
   */
  public VideoRecorder(Agent agent, TaskDistribution tasks, Path dir, long every, long seed, PrintStream console) {
    this.agent = agent;
    this.tasks = tasks;
    this.dir = dir;
    this.every = every;
    this.seed = seed;
    this.console = console;
  }

  @Override
  public synchronized void onUpdate(UpdateRecord update) {
    if (disabled || update.update() % every != 0) {
      return;
    }
    Rng rng = new Rng(seed ^ update.update());
    try (Environment env = tasks.sample(rng).newEnvironment()) {
      if (!(env instanceof Renderable)) {
        console.println("warning: training.record-every: environment " + env.id() + " cannot render; not recording");
        disabled = true;
        return;
      }
      var rec = EpisodeRecorder.play(env, agent.policy(1, rng.nextLong()), Mode.GREEDY, rng.nextLong(), true, 1000, 300, 200);
      EpisodeRecorder.writeGif(rec.frames(), dir.resolve(String.format(Locale.ROOT, "update-%09d.gif", update.update())), 4);
    } catch (IOException e) {
      console.println("warning: training.record-every: cannot write a recording: " + e.getMessage() + "; not recording");
      disabled = true;
    }
  }
}
