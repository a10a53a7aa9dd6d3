package io.metarl.core.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.metarl.core.config.ConfigValidationException;
import org.junit.jupiter.api.Test;

/**
 * Engine selection from an {@code execution} block (how an experiment file and the command line fill
 * that block is tested beside the grids: metarl-experiments' {@code ExperimentExecutionTest}).
 */
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
  void aUnitIsNamedByItsClassUnlessItSaysOtherwise() {
    CellExecutor.WorkUnit<Integer> anonymous = () -> 1;
    assertThat(anonymous.name()).isNotBlank();
  }
}
