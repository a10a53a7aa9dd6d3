package io.metarl.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The PyTorch reference: the scripts travel in the jar, the scripts' JSON is read, and the suite either
 * measures the reference (a python3 with torch is installed) or says in one line that it cannot.
 */
class PyTorchReferenceTest {

  @Test
  void theScriptsAreResourcesOfTheJar() throws Exception {
    for (String s : PyTorchReference.SCRIPTS) {
      try (InputStream in = PyTorchReference.class.getResourceAsStream(PyTorchReference.RESOURCES + s)) {
        assertThat(in).as(s).isNotNull();
        String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).as(s).contains("import");
      }
    }
  }

  @Test
  void timingFollowsTheSuitesSettings() {
    assertThat(PyTorchReference.timing(new Bench.Settings(2, 3, 0.25, false)))
        .containsExactly("--warmups", "2", "--reps", "3", "--seconds", "0.250");
    assertThat(PyTorchReference.timing(new Bench.Settings(0, 1, 0.8, true))).endsWith("--cpu-clock");
  }

  @Test
  void theScriptsRunOnOneThreadWithOpenBlasFirstWhereInstalled() {
    Map<String, String> env = new HashMap<>(Map.of("LD_LIBRARY_PATH", "/opt/x", "OMP_NUM_THREADS", "8"));
    PyTorchReference.environment(env);
    assertThat(env).containsEntry("OMP_NUM_THREADS", "1").containsEntry("OPENBLAS_NUM_THREADS", "1");
    if (Files.isDirectory(PyTorchReference.OPENBLAS_OPENMP)) {
      assertThat(env.get("LD_LIBRARY_PATH")).isEqualTo(PyTorchReference.OPENBLAS_OPENMP + ":/opt/x");
      PyTorchReference.environment(env); // not twice
      assertThat(env.get("LD_LIBRARY_PATH")).isEqualTo(PyTorchReference.OPENBLAS_OPENMP + ":/opt/x");
    } else {
      assertThat(env.get("LD_LIBRARY_PATH")).isEqualTo("/opt/x");
    }
  }

  @Test
  void aRecordIsDescribedAndItsRatesSummarised() throws Exception {
    var r = new ObjectMapper().readTree("{\"torch\":\"1.13.0a0\",\"python\":\"3.11.2\",\"threads\":1,\"clock\":\"wall\","
        + "\"blas\":\"OpenBLAS (openmp)\",\"blas_library\":\"/usr/lib/x86_64-linux-gnu/openblas-openmp/libopenblasp-r0.3.21.so\","
        + "\"blas_config\":\"OpenBLAS 0.3.21 USE_OPENMP\",\"load_average\":[0.5,0.4,0.3],"
        + "\"results\":[{\"lanes\":16,\"median\":2.0,\"min\":1.0,\"max\":3.0,\"rates\":[3.0,1.0,2.0]}]}");
    assertThat(PyTorchReference.describe(r)).contains("torch 1.13.0a0").contains("OpenBLAS (openmp)")
        .contains("USE_OPENMP").contains("1 thread").contains("load average 0.50");
    Bench.Measurement m = PyTorchReference.measurement(r.path("results").get(0));
    assertThat(m.median()).isEqualTo(2.0);
    assertThat(m.min()).isEqualTo(1.0);
    assertThat(m.max()).isEqualTo(3.0);
  }

  @Test
  void theSuiteMeasuresTheReferenceOrSaysWhyNot() {
    StringWriter log = new StringWriter();
    ThroughputSuite suite = new ThroughputSuite(new Bench.Settings(0, 1, 0.01, true), Pattern.compile("^pytorch\\.ppo"),
        new PrintWriter(log, true), 0);
    List<Figure> figures = suite.run();
    if (PyTorchReference.probe().available()) {
      assertThat(figures).extracting(Figure::name).containsExactly("pytorch.ppo-cartpole.8x256");
      assertThat(figures.get(0).baselineValue()).as(log.toString()).isGreaterThan(100);
      assertThat(figures.get(0).value()).as(log.toString()).isGreaterThan(100); // metarl's ppo agent, same workload
      assertThat(log.toString()).contains("BLAS");
    } else {
      assertThat(figures).isEmpty();
      assertThat(log.toString()).contains("pytorch reference: not run").contains("torch");
    }
  }
}
