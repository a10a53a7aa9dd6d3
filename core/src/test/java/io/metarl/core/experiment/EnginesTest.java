package io.metarl.core.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.metarl.core.config.ConfigValidationException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Engine selection from an execution block and the command line. */
class EnginesTest {
  private static final ClassLoader LOADER = EnginesTest.class.getClassLoader();

  @Test
  void theLocalEngineIsTheDefaultAndReadsParallelism() {
    assertThat(Engines.available(LOADER)).containsKey("local");
    try (CellExecutor ex = Engines.create(ConfigFactory.empty(), "experiment.execution", LOADER)) {
      assertThat(ex).isInstanceOf(ThreadPoolCellExecutor.class);
      assertThat(ex.parallelism()).isEqualTo(1);
    }
    try (CellExecutor ex = Engines.create(ConfigFactory.parseString("engine = local, parallelism = 3"), "x", LOADER)) {
      assertThat(ex.parallelism()).isEqualTo(3);
    }
  }

  @Test
  void unknownEnginesAndKeysAreErrorsNamingWhatExists() {
    assertThatThrownBy(() -> Engines.create(ConfigFactory.parseString("engine = locl"), "experiment.execution", LOADER))
        .isInstanceOf(ConfigValidationException.class)
        .hasMessageContaining("experiment.execution.engine")
        .hasMessageContaining("unknown execution engine 'locl'; did you mean local? engines found: local");
    assertThatThrownBy(() -> Engines.create(ConfigFactory.parseString("engine = spark"), "experiment.execution", LOADER))
        .hasMessageContaining("engines found: local").hasMessageContaining("SPARK.md");
    assertThatThrownBy(() -> Engines.create(ConfigFactory.parseString("master = \"local[2]\""), "experiment.execution", LOADER))
        .hasMessageContaining("experiment.execution.master")
        .hasMessageContaining("unknown key for engine local").hasMessageContaining("engine = spark");
    assertThatThrownBy(() -> Engines.create(ConfigFactory.parseString("parallelism = 0"), "experiment.execution", LOADER))
        .hasMessageContaining("experiment.execution.parallelism").hasMessageContaining("an integer >= 1");
    assertThatThrownBy(() -> Engines.create(ConfigFactory.parseString("engine = [a]"), "experiment.execution", LOADER))
        .hasMessageContaining("expected a string");
  }

  @Test
  void anExperimentFileAndTheCommandLineChooseTheEngine() {
    String grid = ExperimentRunnerTest.TINY;
    ExperimentSpec plain = ExperimentRunnerTest.spec(grid);
    assertThat(plain.execution().isEmpty()).isTrue();
    assertThat(plain.parallelism()).isEqualTo(1);

    ExperimentSpec file = ExperimentRunnerTest.spec(grid.replace("name = tiny",
        "name = tiny\n execution { engine = spark, master = \"local[2]\", parallelism = 2 }"));
    assertThat(file.execution().getString("engine")).isEqualTo("spark");
    assertThat(file.parallelism()).isEqualTo(2);

    Map<String, Object> cli = new LinkedHashMap<>();
    cli.put("engine", "local");
    cli.put("master", null);
    ExperimentSpec local = file.withExecution(cli);
    assertThat(local.execution().getString("engine")).isEqualTo("local");
    assertThat(local.execution().hasPath("master")).isFalse(); // another engine: the file's spark keys are dropped
    assertThat(local.execution().getInt("parallelism")).isEqualTo(2);
    try (CellExecutor ex = Engines.create(local.execution(), "experiment.execution", LOADER)) {
      assertThat(ex.parallelism()).isEqualTo(2);
    }
    cli.put("engine", null);
    cli.put("master", "spark://h:7077");
    assertThat(file.withExecution(cli).execution().getString("master")).isEqualTo("spark://h:7077");
    assertThat(file.with(null, null, 5).execution().getInt("parallelism")).isEqualTo(5);

    assertThatThrownBy(() -> ExperimentRunnerTest.spec(grid.replace("name = tiny", "name = tiny\n parallelism = 2\n execution { parallelism = 3 }")))
        .isInstanceOf(ConfigValidationException.class).hasMessageContaining("not both");
    assertThatThrownBy(() -> ExperimentRunnerTest.spec(grid.replace("name = tiny", "name = tiny\n execution = spark")))
        .hasMessageContaining("experiment.execution").hasMessageContaining("expected an object");
  }

  @Test
  void aUnitIsNamedByItsCell() {
    Cell c = new Cell("env", "agent", 3);
    assertThat(new CellJob(c, "{}", java.nio.file.Path.of("/tmp/x"), null, null).name()).isEqualTo("env/agent/seed-3");
    CellExecutor.WorkUnit<Integer> anonymous = () -> 1;
    assertThat(anonymous.name()).isNotBlank();
  }
}
