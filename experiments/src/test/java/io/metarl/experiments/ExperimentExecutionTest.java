package io.metarl.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metarl.core.config.ConfigValidationException;
import io.metarl.core.experiment.CellExecutor;
import io.metarl.core.experiment.Engines;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An experiment file's {@code execution} block and the command line choose the engine (core's {@link Engines}). */
class ExperimentExecutionTest {
  private static final ClassLoader LOADER = ExperimentExecutionTest.class.getClassLoader();

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
  }
}
