package io.metarl.envs.bandit;

import io.metarl.api.env.Box;
import io.metarl.api.env.Discrete;
import io.metarl.api.env.Environment;
import io.metarl.api.env.Space;
import io.metarl.api.env.Step;
import java.util.SplittableRandom;

/**
 * A k-armed Bernoulli bandit: pulling arm {@code a} pays 1 with probability {@code p[a]}, else 0.
 *
 * <p>Actions are {@code Discrete(k)}. There is no state to observe: every observation is the
 * one-element vector {@code [1f]} in {@code Box([0], [1])}, or, with {@code observeTime}, the elapsed
 * fraction of the episode {@code [pulls / horizon]} (0 after a reset; the pull index that Wang et al.
 * 2016 feed their agents, like Gymnasium's {@code TimeAwareObservation}); an agent learns about the arms only through
 * its previous actions and rewards (the RL² meta inputs). An episode is {@code horizon} pulls: the
 * pull that reaches the horizon returns {@code truncated = true, terminated = false} (the bandit has no
 * terminal state; the horizon is a time limit). Stepping after the end without {@link #reset(long)}
 * throws {@link IllegalStateException}.
 *
 * <p><b>Allocation-free stepping.</b> The environment keeps one observation array and four
 * preallocated {@link Step} values (reward 0/1 x truncated or not), so neither {@link #step(int)} nor
 * {@link #reset(long)} allocates. The returned observation array is therefore <em>shared</em>: it is the same array on every
 * call and is rewritten to {@code [1f]} on every reset and step; callers must not keep a reference
 * expecting a private copy, and any change they make to it is undone by the next call. Rewards come
 * from the sequence of {@code new SplittableRandom(seed)} ({@code nextDouble() < p}), computed
 * inline, so the same seed and the same actions give the same rewards.
 */
public final class BernoulliBandit implements Environment, io.metarl.api.env.Renderable {
  private static final Box OBSERVATION_SPACE = Box.of(0f, 1f, 1);

  private final double[] probabilities;
  private final int horizon;
  private final Discrete actionSpace;
  private final float[] observation = {1f};
  private final boolean observeTime;
  private final Step miss;
  private final Step hit;
  private final Step lastMiss;
  private final Step lastHit;
  private long state;
  private int pulls;
  private boolean started;
  // Per-arm pulls and successes of the current episode, for rendering the Beta(1 + s, 1 + f) posteriors.
  private final int[] armPulls;
  private final int[] armSuccesses;

  /**
   * Creates a bandit.
   *
   * @param probabilities the success probability of each arm, each in [0, 1]; at least one arm
   * @param horizon pulls per episode, at least 1
   */
  public BernoulliBandit(double[] probabilities, int horizon) {
    this(probabilities, horizon, false);
  }

  /**
   * Creates a bandit whose observation is the elapsed fraction of the episode when {@code observeTime}.
   *
   * @param probabilities the success probability of each arm, each in [0, 1]; at least one arm
   * @param horizon pulls per episode, at least 1
   * @param observeTime observe {@code pulls / horizon} instead of the constant 1
   */
  public BernoulliBandit(double[] probabilities, int horizon, boolean observeTime) {
    this.observeTime = observeTime;
    if (probabilities.length < 1) {
      throw new IllegalArgumentException("a bandit needs at least one arm");
    }
    for (int i = 0; i < probabilities.length; i++) {
      double p = probabilities[i];
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException("arm " + i + " has probability " + p + ", expected [0, 1]");
      }
    }
    if (horizon < 1) {
      throw new IllegalArgumentException("horizon must be >= 1, got " + horizon);
    }
    this.probabilities = probabilities.clone();
    this.armPulls = new int[this.probabilities.length];
    this.armSuccesses = new int[this.probabilities.length];
    this.horizon = horizon;
    this.actionSpace = new Discrete(probabilities.length);
    this.miss = new Step(observation, 0.0, false, false);
    this.hit = new Step(observation, 1.0, false, false);
    this.lastMiss = new Step(observation, 0.0, false, true);
    this.lastHit = new Step(observation, 1.0, false, true);
  }

  @Override
  public String id() {
    return "BernoulliBandit-" + probabilities.length;
  }

  @Override
  public Space observationSpace() {
    return OBSERVATION_SPACE;
  }

  @Override
  public Discrete actionSpace() {
    return actionSpace;
  }

  /** Number of arms. */
  public int arms() {
    return probabilities.length;
  }

  /** Pulls per episode. */
  public int horizon() {
    return horizon;
  }

  /** Pulls made in the current episode. */
  public int pulls() {
    return pulls;
  }

  /** The success probability of arm {@code arm}. */
  public double probability(int arm) {
    return probabilities[arm];
  }

  /**
   * Starts an episode of {@code horizon} pulls; the rewards are drawn from a generator seeded with
   * {@code seed}.
   *
   * @return the shared observation {@code [1f]}
   */
  @Override
  public float[] reset(long seed) {
    state = seed;
    pulls = 0;
    started = true;
    java.util.Arrays.fill(armPulls, 0);
    java.util.Arrays.fill(armSuccesses, 0);
    observation[0] = observeTime ? 0f : 1f;
    return observation;
  }

  /**
   * Pulls arm {@code action}; no allocation. The observation of the returned step is the shared
   * array.
   *
   * @throws IllegalArgumentException for an action outside {@code 0..k-1}
   * @throws IllegalStateException before the first reset or after the horizon without a reset
   */
  @Override
  public Step step(int action) {
    boolean success = pull(action) != 0;
    observation[0] = observeTime ? (float) pulls / horizon : 1f;
    if (pulls >= horizon) {
      return success ? lastHit : lastMiss;
    }
    return success ? hit : miss;
  }

  /**
   * The same as {@link #step(int)} without the {@link Step} wrapper: pulls arm {@code action} and
   * returns the reward, 0 or 1; {@link #pulls()} reaching {@link #horizon()} marks the truncation.
   */
  public int pull(int action) {
    if (action < 0 || action >= probabilities.length) {
      throw new IllegalArgumentException(
          "action " + action + " is outside Discrete(" + probabilities.length + ")");
    }
    if (pulls >= horizon || !started) {
      throw new IllegalStateException(
          started ? "episode ended after " + horizon + " pulls: call reset first" : "call reset before step");
    }
    pulls++;
    int r = nextDouble() < probabilities[action] ? 1 : 0;
    armPulls[action]++;
    armSuccesses[action] += r;
    return r;
  }

  /**
   * The next double of {@code new SplittableRandom(seed)}'s sequence (SplitMix64 with the golden
   * gamma, as in the JDK 17 {@link SplittableRandom}), inlined so that a reset allocates nothing.
   */
  private double nextDouble() {
    long z = (state += 0x9e3779b97f4a7c15L);
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    z = z ^ (z >>> 31);
    return (z >>> 11) * 0x1.0p-53;
  }

  @Override
  public String toString() {
    return id() + java.util.Arrays.toString(probabilities) + " horizon " + horizon;
  }

  /**
   * Draws each arm's Beta(1 + successes, 1 + failures) posterior of this episode as its mean with a
   * one-standard-deviation band, the true probability as a tick, and the pull counts.
   */
  @Override
  public void render(java.awt.Graphics2D g, int width, int height) {
    g.setColor(java.awt.Color.WHITE);
    g.fillRect(0, 0, width, height);
    int k = probabilities.length;
    int top = 20;
    int bottom = height - 24;
    double slot = (double) width / k;
    g.setFont(g.getFont().deriveFont(10f));
    for (int a = 0; a < k; a++) {
      double alpha = 1 + armSuccesses[a];
      double beta = 1 + armPulls[a] - armSuccesses[a];
      double mean = alpha / (alpha + beta);
      double sd = Math.sqrt(alpha * beta / ((alpha + beta) * (alpha + beta) * (alpha + beta + 1)));
      int x = (int) (a * slot + slot * 0.2);
      int w = (int) Math.max(2, slot * 0.6);
      int yMean = (int) (bottom - mean * (bottom - top));
      int yHi = (int) (bottom - Math.min(1, mean + sd) * (bottom - top));
      int yLo = (int) (bottom - Math.max(0, mean - sd) * (bottom - top));
      g.setColor(new java.awt.Color(0x9ecae1));
      g.fillRect(x, yHi, w, Math.max(1, yLo - yHi));
      g.setColor(new java.awt.Color(0x08519c));
      g.fillRect(x, yMean - 1, w, 3);
      int yTrue = (int) (bottom - probabilities[a] * (bottom - top));
      g.setColor(java.awt.Color.RED);
      g.drawLine(x - 3, yTrue, x + w + 3, yTrue);
      g.setColor(java.awt.Color.BLACK);
      g.drawString(armPulls[a] + "", x, height - 8);
    }
    g.setColor(java.awt.Color.BLACK);
    g.drawLine(0, bottom, width, bottom);
    g.drawString("pull " + pulls + " / " + horizon + "  (bar: posterior mean +- sd; red: true p)", 4, 12);
  }
}
