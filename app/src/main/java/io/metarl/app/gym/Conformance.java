package io.metarl.app.gym;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.metarl.api.env.Discrete;
import io.metarl.api.env.StatefulEnvironment;
import io.metarl.api.env.Step;
import io.metarl.envs.gym.classic.ClassicControl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Replays trajectories recorded from Gymnasium ("golden" files) with our ports and reports how far they
 * deviate.
 *
 * <p>A golden file is a JSON object {@code {env, max_episode_steps, reference, episodes: [{seed, policy,
 * initial_state, initial_observation, steps: [{action, state, observation, reward, terminated,
 * truncated}]}]}}. For each episode the port is set to {@code initial_state} with
 * {@link StatefulEnvironment#resetToState(double[])} (which also restarts its time-limit counter), then
 * steps through the recorded actions; after each step the full state is compared in {@code double},
 * the observation in {@code float32}, the reward, and the {@code terminated}/{@code truncated} flags.
 * Continuous actions are rounded to {@code float32}, the dtype of Gymnasium's action spaces, which is
 * what the recorded environments computed with (the files list the unrounded numbers). A file fails when any deviation exceeds {@link #TOLERANCE}, a flag
 * differs, or a length differs.
 */
public final class Conformance {
  /** Largest accepted absolute deviation of any state, observation or reward component. */
  public static final double TOLERANCE = 1e-6;

  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private final Function<String, StatefulEnvironment> ports;

  /** A checker for the classic-control ports ({@link ClassicControl#make(String)}). */
  public Conformance() {
    this(ClassicControl::make);
  }

  /**
   * A checker with another lookup from Gymnasium id to port.
   *
   * @param ports makes a fresh port for an id; throws {@link IllegalArgumentException} for an unknown id
   */
  public Conformance(Function<String, StatefulEnvironment> ports) {
    this.ports = ports;
  }

  /** A golden file is unreadable or not in the expected format. */
  public static final class MalformedGoldenFile extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;

    MalformedGoldenFile(Path file, String message, Throwable cause) {
      super(file + ": " + message, cause);
      this.file = file;
    }

    /** The offending file. */
    public Path file() {
      return file;
    }
  }

  /**
   * The result for one golden file.
   *
   * @param file the golden file
   * @param env the Gymnasium id it records
   * @param episodes episodes replayed
   * @param steps steps compared
   * @param maxStateDeviation largest |state - recorded| over all steps and components
   * @param maxObservationDeviation largest |observation - recorded| (float32), initial ones included
   * @param maxRewardDeviation largest |reward - recorded|
   * @param flagMismatches steps whose terminated or truncated flag differs
   * @param problems descriptions of the first problems found (at most 10)
   */
  public record FileReport(
      Path file,
      String env,
      int episodes,
      long steps,
      double maxStateDeviation,
      double maxObservationDeviation,
      double maxRewardDeviation,
      int flagMismatches,
      List<String> problems) {

    /** True when nothing exceeded the tolerance and all flags and lengths matched. */
    public boolean passed() {
      return problems.isEmpty();
    }
  }

  /**
   * The result for a directory.
   *
   * @param files one report per golden file, in file-name order
   */
  public record Report(List<FileReport> files) {

    /** True when every file passed (and there was at least one). */
    public boolean passed() {
      return !files.isEmpty() && files.stream().allMatch(FileReport::passed);
    }

    /** A table with one line per file, then the problems of failed files. */
    public String format() {
      StringBuilder sb = new StringBuilder();
      sb.append(
          String.format(
              Locale.ROOT,
              "%-26s %8s %8s %12s %12s %12s %6s  %s%n",
              "env", "episodes", "steps", "max|dstate|", "max|dobs|", "max|dreward|", "flags", "result"));
      for (FileReport f : files) {
        sb.append(
            String.format(
                Locale.ROOT,
                "%-26s %8d %8d %12.3e %12.3e %12.3e %6d  %s%n",
                f.env(),
                f.episodes(),
                f.steps(),
                f.maxStateDeviation(),
                f.maxObservationDeviation(),
                f.maxRewardDeviation(),
                f.flagMismatches(),
                f.passed() ? "ok" : "FAIL"));
      }
      for (FileReport f : files) {
        for (String p : f.problems()) {
          sb.append(f.file().getFileName()).append(": ").append(p).append(System.lineSeparator());
        }
      }
      if (files.isEmpty()) {
        sb.append("no golden files (*.json) found").append(System.lineSeparator());
      }
      sb.append(passed() ? "conformance: ok" : "conformance: FAILED")
          .append(" (tolerance ")
          .append(TOLERANCE)
          .append(')')
          .append(System.lineSeparator());
      return sb.toString();
    }
  }

  /**
   * Checks every {@code *.json} file of {@code dir}.
   *
   * @throws MalformedGoldenFile naming the first file that cannot be read or parsed
   * @throws IOException when the directory cannot be listed
   */
  public Report checkDirectory(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    }
    List<FileReport> reports = new ArrayList<>();
    for (Path f : files) {
      reports.add(checkFile(f));
    }
    return new Report(reports);
  }

  /**
   * Replays one golden file.
   *
   * @throws MalformedGoldenFile when the file cannot be read or lacks a field
   */
  public FileReport checkFile(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new MalformedGoldenFile(file, "cannot read JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new MalformedGoldenFile(file, "expected a JSON object", null);
    }
    String envId = text(file, root, "env");
    JsonNode episodes = array(file, root, "episodes");
    Tally t = new Tally();
    StatefulEnvironment env;
    try {
      env = ports.apply(envId);
    } catch (IllegalArgumentException e) {
      t.problem("no port for env " + envId + ": " + e.getMessage());
      return t.report(file, envId, 0);
    }
    if (root.has("max_episode_steps") && env instanceof io.metarl.envs.gym.classic.ClassicEnvironment c) {
      int recorded = root.get("max_episode_steps").asInt();
      if (recorded != c.maxEpisodeSteps()) {
        t.problem("time limit " + c.maxEpisodeSteps() + " differs from recorded max_episode_steps " + recorded);
      }
    }
    try (env) {
      for (int e = 0; e < episodes.size(); e++) {
        replay(file, env, episodes.get(e), e, t);
      }
    }
    return t.report(file, envId, episodes.size());
  }

  private static void replay(Path file, StatefulEnvironment env, JsonNode ep, int e, Tally t) {
    String where = "episode " + e;
    double[] init = doubles(file, ep, "initial_state", where);
    float[] obs0 = env.resetToState(init);
    if (ep.has("initial_observation")) {
      t.observation(obs0, doubles(file, ep, "initial_observation", where), where + " initial observation");
    }
    JsonNode steps = array(file, ep, "steps");
    for (int i = 0; i < steps.size(); i++) {
      JsonNode s = steps.get(i);
      String at = where + " step " + i;
      JsonNode a = s.get("action");
      if (a == null) {
        throw new MalformedGoldenFile(file, at + ": missing field 'action'", null);
      }
      Step step;
      if (env.actionSpace() instanceof Discrete) {
        if (!a.canConvertToInt()) {
          throw new MalformedGoldenFile(file, at + ": expected an integer action, got " + a, null);
        }
        step = env.step(a.asInt());
      } else {
        double[] action = numbers(file, a, at + " action");
        float[] f = new float[action.length];
        for (int k = 0; k < f.length; k++) {
          f[k] = (float) action[k];
        }
        step = env.step(f);
      }
      t.steps++;
      t.state(env.state(), doubles(file, s, "state", at), at + " state");
      t.observation(step.observation(), doubles(file, s, "observation", at), at + " observation");
      double reward = number(file, s, "reward", at);
      double dr = Math.abs(step.reward() - reward);
      t.maxReward = max(t.maxReward, dr);
      if (!(dr <= TOLERANCE)) {
        t.problem(at + " reward " + step.reward() + " vs recorded " + reward);
      }
      boolean term = bool(file, s, "terminated", at);
      boolean trunc = bool(file, s, "truncated", at);
      if (term != step.terminated() || trunc != step.truncated()) {
        t.flagMismatches++;
        t.problem(
            at + " terminated/truncated " + step.terminated() + "/" + step.truncated() + " vs recorded " + term
                + "/" + trunc);
      }
    }
  }

  /** Running maxima and problems of one file. */
  private static final class Tally {
    long steps;
    double maxState;
    double maxObs;
    double maxReward;
    int flagMismatches;
    int problemCount;
    final List<String> problems = new ArrayList<>();

    void problem(String p) {
      problemCount++;
      if (problems.size() < 10) {
        problems.add(p);
      } else if (problems.size() == 10) {
        problems.add("... (further problems not listed)");
      }
    }

    void state(double[] ours, double[] recorded, String where) {
      if (ours.length != recorded.length) {
        problem(where + " has " + ours.length + " components, recorded " + recorded.length);
        return;
      }
      for (int k = 0; k < ours.length; k++) {
        double d = Math.abs(ours[k] - recorded[k]);
        maxState = max(maxState, d);
        if (!(d <= TOLERANCE)) {
          problem(where + "[" + k + "] " + ours[k] + " vs recorded " + recorded[k]);
        }
      }
    }

    void observation(float[] ours, double[] recorded, String where) {
      if (ours.length != recorded.length) {
        problem(where + " has " + ours.length + " components, recorded " + recorded.length);
        return;
      }
      for (int k = 0; k < ours.length; k++) {
        double d = Math.abs((double) ours[k] - (double) (float) recorded[k]);
        maxObs = max(maxObs, d);
        if (!(d <= TOLERANCE)) {
          problem(where + "[" + k + "] " + ours[k] + " vs recorded " + (float) recorded[k]);
        }
      }
    }

    FileReport report(Path file, String env, int episodes) {
      return new FileReport(
          file, env, episodes, steps, maxState, maxObs, maxReward, flagMismatches, List.copyOf(problems));
    }
  }

  /** max that propagates NaN (a NaN deviation must not hide). */
  private static double max(double a, double b) {
    return Double.isNaN(b) ? b : Math.max(a, b);
  }

  private static String text(Path file, JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new MalformedGoldenFile(file, "missing or non-text field '" + field + "'", null);
    }
    return v.asText();
  }

  private static JsonNode array(Path file, JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isArray()) {
      throw new MalformedGoldenFile(file, "missing or non-array field '" + field + "'", null);
    }
    return v;
  }

  private static double[] doubles(Path file, JsonNode n, String field, String where) {
    JsonNode v = n.get(field);
    if (v == null) {
      throw new MalformedGoldenFile(file, where + ": missing field '" + field + "'", null);
    }
    return numbers(file, v, where + " " + field);
  }

  private static double[] numbers(Path file, JsonNode v, String what) {
    if (v.isNumber()) {
      return new double[] {v.doubleValue()};
    }
    if (!v.isArray()) {
      throw new MalformedGoldenFile(file, what + ": expected a list of numbers, got " + v, null);
    }
    double[] out = new double[v.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode x = v.get(i);
      if (!x.isNumber()) {
        throw new MalformedGoldenFile(file, what + ": expected a list of numbers, got " + v, null);
      }
      out[i] = x.doubleValue();
    }
    return out;
  }

  private static double number(Path file, JsonNode n, String field, String where) {
    JsonNode v = n.get(field);
    if (v == null || !v.isNumber()) {
      throw new MalformedGoldenFile(file, where + ": missing or non-numeric field '" + field + "'", null);
    }
    return v.doubleValue();
  }

  private static boolean bool(Path file, JsonNode n, String field, String where) {
    JsonNode v = n.get(field);
    if (v == null || !v.isBoolean()) {
      throw new MalformedGoldenFile(file, where + ": missing or non-boolean field '" + field + "'", null);
    }
    return v.booleanValue();
  }

  /** For a quick run without the CLI: {@code java ... Conformance DIR}. */
  public static void main(String[] args) throws IOException {
    Report r = new Conformance().checkDirectory(Path.of(args.length > 0 ? args[0] : "."));
    System.out.print(r.format());
    System.exit(r.passed() ? 0 : 1);
  }

}
