package io.metarl.runner.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metarl.core.experiment.CellExecutor;
import io.metarl.experiments.Cell;
import io.metarl.experiments.CellJob;
import io.metarl.experiments.CellResult;
import io.metarl.extensions.epg.MemberUnit;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The runner's {@link java.io.ObjectInputFilter}: its own units and results round-trip unchanged;
 * any other class, and streams past the bounds, are refused before anything is instantiated.
 */
class UnitFilterTest {
  private static final ClassLoader LOADER = UnitFilterTest.class.getClassLoader();

  private static Object roundTrip(Object o) throws Exception {
    return SparkCellExecutor.deserialize(SparkCellExecutor.serialize(o), LOADER, UnitFilter.RUNNER);
  }

  @Test
  void theRunnersUnitsAndResultsRoundTrip() throws Exception {
    Cell cell = new Cell("2Bemh-easy", "a2c", 3);
    CellJob job = (CellJob) roundTrip(new CellJob(cell, "{\"seed\":3}", Path.of("/tmp/grid"), null, null));
    assertThat(job.cell()).isEqualTo(cell);
    assertThat(job.name()).isEqualTo("2Bemh-easy/a2c/seed-3");

    CellResult r = new CellResult(cell, 51.2, 100, 3200, 49.7, 1.1, 16, new double[] {1.5, 2.5}, 0.1, false);
    CellResult back = (CellResult) roundTrip(r);
    assertThat(back.cell()).isEqualTo(cell);
    assertThat(back.meanByEpisodeIndex()).containsExactly(1.5, 2.5);
    assertThat(back.inferenceMean()).isEqualTo(49.7);
    assertThat(back.envSteps()).isEqualTo(3200);

    MemberUnit member = (MemberUnit) roundTrip(new MemberUnit("metarl { seed = 1 }", 2, 5, new byte[] {1, 2, 3}));
    assertThat(member.name()).isEqualTo("epoch-3/member-5");
    assertThat(member.phi()).containsExactly(1, 2, 3);
    assertThat(roundTrip(0.25)).isEqualTo(0.25);
    assertThat(roundTrip(7)).isEqualTo(7);
  }

  /** Serializable, but not the runner's. */
  record Foreign(String s) implements Serializable {}

  @Test
  void everyOtherClassIsRefused() {
    Map<String, String> map = new HashMap<>(Map.of("a", "b"));
    List<String> list = new ArrayList<>(List.of("a"));
    CellExecutor.WorkUnit<Integer> lambda = () -> 1; // a serialized lambda: SerializedLambda
    Object[] wrapped = {new Cell("e", "a", 1)};
    for (Object o : List.of(map, list, new Foreign("x"), lambda, wrapped, new String[] {"a"}, new java.util.Date(0))) {
      byte[] bytes = SparkCellExecutor.serialize(o);
      assertThatThrownBy(() -> SparkCellExecutor.deserialize(bytes, LOADER, UnitFilter.RUNNER))
          .as(o.getClass().getName())
          .isInstanceOf(InvalidClassException.class)
          .hasMessageContaining("the spark runner does not deserialise");
    }
    assertThatThrownBy(() -> roundTrip(new Foreign("x")))
        .hasMessageContaining("class " + Foreign.class.getName()).hasMessageContaining("io.metarl.experiments.CellJob");
  }

  @Test
  void aUnitOfATestIsAllowedOnlyWhereItIsNamed() throws Exception {
    byte[] bytes = SparkCellExecutor.serialize(new Foreign("x"));
    assertThat(SparkCellExecutor.deserialize(bytes, LOADER, UnitFilter.RUNNER.allowing(Foreign.class.getName())))
        .isEqualTo(new Foreign("x"));
  }

  @Test
  void depthArraysAndSizeAreBounded() {
    UnitFilter small = new UnitFilter(UnitFilter.CLASSES, 1, 4, 100, 10_000);
    byte[] nested = SparkCellExecutor.serialize(new CellResult(new Cell("e", "a", 1), 0, 0, 0, 0, 0, 0, new double[0], 0, false));
    assertThatThrownBy(() -> SparkCellExecutor.deserialize(nested, LOADER, small)).hasMessageContaining("nesting deeper than 1");
    byte[] array = SparkCellExecutor.serialize(new double[5]);
    assertThatThrownBy(() -> SparkCellExecutor.deserialize(array, LOADER, small)).hasMessageContaining("an array of 5 elements");
    UnitFilter short10k = new UnitFilter(UnitFilter.CLASSES, 8, 4, 100, 10_000);
    byte[] big = SparkCellExecutor.serialize(new MemberUnit("x".repeat(20_000), 0, 0, new byte[0]));
    assertThatThrownBy(() -> SparkCellExecutor.deserialize(big, LOADER, short10k)).hasMessageContaining("more than 10000 bytes");

    // the runner's own bounds, checked without building streams that large
    ObjectInputFilter.Status tooLong = UnitFilter.RUNNER.check().checkInput(info(byte[].class, UnitFilter.MAX_ARRAY + 1L, 2, 1, 100));
    ObjectInputFilter.Status tooDeep = UnitFilter.RUNNER.check().checkInput(info(null, -1, UnitFilter.MAX_DEPTH + 1L, 1, 100));
    ObjectInputFilter.Status tooMany = UnitFilter.RUNNER.check().checkInput(info(null, -1, 1, UnitFilter.MAX_REFERENCES + 1L, 100));
    ObjectInputFilter.Status tooBig = UnitFilter.RUNNER.check().checkInput(info(null, -1, 1, 1, UnitFilter.MAX_BYTES + 1));
    ObjectInputFilter.Status fine = UnitFilter.RUNNER.check().checkInput(info(double[].class, UnitFilter.MAX_ARRAY, 2, 1, 100));
    assertThat(List.of(tooLong, tooDeep, tooMany, tooBig)).containsOnly(ObjectInputFilter.Status.REJECTED);
    assertThat(fine).isEqualTo(ObjectInputFilter.Status.ALLOWED);
  }

  private static ObjectInputFilter.FilterInfo info(Class<?> c, long arrayLength, long depth, long references, long bytes) {
    return new ObjectInputFilter.FilterInfo() {
      @Override
      public Class<?> serialClass() {
        return c;
      }

      @Override
      public long arrayLength() {
        return arrayLength;
      }

      @Override
      public long depth() {
        return depth;
      }

      @Override
      public long references() {
        return references;
      }

      @Override
      public long streamBytes() {
        return bytes;
      }
    };
  }
}
