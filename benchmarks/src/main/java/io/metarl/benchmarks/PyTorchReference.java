package io.metarl.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The PyTorch reference benchmarks of {@code benchmarks/pytorch/} (shipped in this jar as resources
 * under {@value #RESOURCES}), run by {@code metarl bench} beside metarl's same-run figures when a
 * {@code python3} that imports {@code torch} is found.
 *
 * <p>Each script prints one JSON line on standard output; see {@code benchmarks/pytorch/README.md}.
 * They run with one thread ({@code OMP_NUM_THREADS=1}, {@code torch.set_num_threads(1)}) and with
 * Debian's OpenMP build of OpenBLAS first on {@code LD_LIBRARY_PATH} when it is installed (without it
 * Debian's {@code python3-torch} may run on the reference BLAS, about 3x slower); the JSON says which
 * BLAS library the process really mapped.
 */
public final class PyTorchReference {
  /** Where the scripts are in the jar. */
  public static final String RESOURCES = "/io/metarl/benchmarks/pytorch/";
  /** The scripts, {@code common.py} first (the others import it). */
  public static final List<String> SCRIPTS =
      List.of("common.py", "rl2_a2c_bandit.py", "policy_inference.py", "ppo_cartpole.py");
  /** Debian's OpenMP build of OpenBLAS ({@code libopenblas0-openmp}). */
  public static final Path OPENBLAS_OPENMP = Path.of("/usr/lib/x86_64-linux-gnu/openblas-openmp");
  /** The interpreter to use instead of the search, if set. */
  public static final String PYTHON_ENV = "METARL_PYTHON";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String python;
  private final String torchVersion;
  private final Path dir;

  private PyTorchReference(String python, String torchVersion, Path dir) {
    this.python = python;
    this.torchVersion = torchVersion;
    this.dir = dir;
  }

  /**
   * The outcome of looking for an interpreter with torch.
   *
   * @param python the interpreter that imports torch, or null
   * @param torchVersion its torch version, or null
   * @param problem why none was found (one line), or null
   */
  public record Probe(String python, String torchVersion, String problem) {
    /** Whether an interpreter with torch was found. */
    public boolean available() {
      return python != null;
    }
  }

  /**
   * Looks for a python that imports torch: {@code $METARL_PYTHON} if set (and only it), else
   * {@code /usr/bin/python3} (where Debian's {@code python3-torch} lives), then {@code python3} on the
   * {@code PATH}.
   */
  public static Probe probe() {
    String forced = System.getenv(PYTHON_ENV);
    Set<String> candidates = new LinkedHashSet<>();
    if (forced != null && !forced.isBlank()) {
      candidates.add(forced);
    } else {
      if (Files.isExecutable(Path.of("/usr/bin/python3"))) {
        candidates.add("/usr/bin/python3");
      }
      candidates.add("python3");
    }
    List<String> tried = new ArrayList<>();
    for (String py : candidates) {
      try {
        Result r = exec(List.of(py, "-c", "import torch; print(torch.__version__)"), null, 120);
        String version = r.stdout().strip();
        if (r.exitCode() == 0 && !version.isEmpty()) {
          return new Probe(py, version.lines().reduce((a, b) -> b).orElse(version), null);
        }
        tried.add(py + " cannot import torch");
      } catch (IOException e) {
        tried.add(py + " cannot be run (" + e.getMessage() + ")");
      }
    }
    return new Probe(null, null, String.join("; ", tried)
        + " (Debian: apt-get install python3-torch libopenblas0-openmp; or set " + PYTHON_ENV + ")");
  }

  /** Copies the scripts out of the jar into a temporary directory (removed when the JVM exits). */
  public static PyTorchReference open(Probe probe) throws IOException {
    if (!probe.available()) {
      throw new IllegalArgumentException("no python with torch: " + probe.problem());
    }
    Path dir = Files.createTempDirectory("metarl-pytorch");
    for (String s : SCRIPTS) {
      try (InputStream in = PyTorchReference.class.getResourceAsStream(RESOURCES + s)) {
        if (in == null) {
          throw new IOException("the benchmarks jar lacks " + RESOURCES + s);
        }
        Files.copy(in, dir.resolve(s));
      }
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
    return new PyTorchReference(probe.python(), probe.torchVersion(), dir);
  }

  /** The interpreter. */
  public String python() {
    return python;
  }

  /** torch's version. */
  public String torchVersion() {
    return torchVersion;
  }

  /** The arguments that give a script {@code s}'s timing: warm-ups, repetitions, their length, the clock. */
  public static List<String> timing(Bench.Settings s) {
    List<String> a = new ArrayList<>(List.of("--warmups", Integer.toString(s.warmups()), "--reps",
        Integer.toString(s.reps()), "--seconds", String.format(Locale.ROOT, "%.3f", s.repSeconds())));
    if (s.cpuClock()) {
      a.add("--cpu-clock");
    }
    return a;
  }

  /**
   * Runs {@code script} with {@code args} and returns its JSON line (the last line of standard output
   * that starts with a brace).
   *
   * @throws IOException if it cannot be started, fails, runs past {@code timeoutSeconds} or prints no JSON
   */
  public JsonNode run(String script, List<String> args, long timeoutSeconds) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(python);
    cmd.add(dir.resolve(script).toString());
    cmd.addAll(args);
    Result r = exec(cmd, dir, timeoutSeconds);
    if (r.exitCode() != 0) {
      throw new IOException(script + " exited with " + r.exitCode() + ": " + tail(r.stderr()));
    }
    String line = null;
    for (String l : r.stdout().split("\n")) {
      if (l.startsWith("{")) {
        line = l;
      }
    }
    if (line == null) {
      throw new IOException(script + " printed no JSON line: " + tail(r.stderr()));
    }
    return JSON.readTree(line);
  }

  /** A one-line description of the PyTorch side of a record: versions, BLAS, threads, clock, load. */
  public static String describe(JsonNode r) {
    JsonNode load = r.path("load_average");
    return String.format(Locale.ROOT, "torch %s (python %s), BLAS %s (%s%s), %d thread(s), %s clock, load average %s",
        r.path("torch").asText("?"), r.path("python").asText("?"), r.path("blas").asText("?"),
        r.path("blas_library").asText("?"),
        r.path("blas_config").isTextual() ? ": " + r.path("blas_config").asText() : "", r.path("threads").asInt(),
        r.path("clock").asText("?"),
        load.isArray() && load.size() > 0 ? String.format(Locale.ROOT, "%.2f", load.get(0).asDouble()) : "?");
  }

  /** A measurement as the scripts report it ({@code median, min, max, rates}). */
  public static Bench.Measurement measurement(JsonNode result) {
    JsonNode rates = result.path("rates");
    double[] r = new double[rates.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = rates.get(i).asDouble();
    }
    return r.length > 0 ? Bench.summarise(r)
        : new Bench.Measurement(result.path("median").asDouble(), result.path("min").asDouble(),
            result.path("max").asDouble(), new double[0]);
  }

  /** The process environment of the scripts: one thread everywhere, OpenBLAS-openmp first where installed. */
  static void environment(Map<String, String> env) {
    env.put("OMP_NUM_THREADS", "1");
    env.put("OPENBLAS_NUM_THREADS", "1");
    env.put("MKL_NUM_THREADS", "1");
    env.put("PYTHONDONTWRITEBYTECODE", "1");
    if (Files.isDirectory(OPENBLAS_OPENMP)) {
      String old = env.getOrDefault("LD_LIBRARY_PATH", "");
      if (!Stream.of(old.split(":")).toList().contains(OPENBLAS_OPENMP.toString())) {
        env.put("LD_LIBRARY_PATH", old.isEmpty() ? OPENBLAS_OPENMP.toString() : OPENBLAS_OPENMP + ":" + old);
      }
    }
  }

  private record Result(int exitCode, String stdout, String stderr) {}

  private static Result exec(List<String> cmd, Path dir, long timeoutSeconds) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(cmd);
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    environment(pb.environment());
    Path err = Files.createTempFile("metarl-pytorch", ".stderr");
    try {
      pb.redirectError(err.toFile());
      Process p = pb.start();
      p.getOutputStream().close();
      byte[][] out = new byte[1][];
      Thread reader = new Thread(() -> {
        try (InputStream in = p.getInputStream()) {
          out[0] = in.readAllBytes();
        } catch (IOException e) {
          out[0] = new byte[0];
        }
      }, "metarl-pytorch-stdout");
      reader.setDaemon(true);
      reader.start();
      boolean done;
      try {
        done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!done) {
          p.destroyForcibly();
          p.waitFor(10, TimeUnit.SECONDS);
          throw new IOException(String.join(" ", cmd) + " ran past " + timeoutSeconds + " s");
        }
        reader.join(10_000);
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
      String stdout = out[0] == null ? "" : new String(out[0], StandardCharsets.UTF_8);
      return new Result(p.exitValue(), stdout, Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(err);
    }
  }

  private static String tail(String s) {
    List<String> lines = s.strip().lines().toList();
    return lines.isEmpty() ? "(no output)" : String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
  }

  private static void delete(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind
    }
  }
}
