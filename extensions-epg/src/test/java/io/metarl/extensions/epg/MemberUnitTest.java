package io.metarl.extensions.epg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A population member as a unit of work: only text, numbers and bytes travel, and it gives the in-process fitness. */
class MemberUnitTest {

  @Test
  void aSerializedMemberRebuildsTheRunAndGivesTheSameFitness(@TempDir Path dir) throws Exception {
    EpgRun run = EpgRun.load(EvolutionRunTest.write(dir, EvolutionRunTest.TINY.replace("seed = 3", "seed = 17")), List.of(),
        EvolutionRunTest.REGISTRY);
    double[] phi = run.lossSpec().initialParameters(new SplittableRandom(5));
    MemberUnit unit = new MemberUnit(run.metarlText(), 1, 3, Codec.bytes(phi));
    assertThat(unit.name()).isEqualTo("epoch-2/member-3");
    assertThat(Arrays.stream(MemberUnit.class.getRecordComponents()).map(RecordComponent::getType))
        .containsExactly(String.class, int.class, int.class, byte[].class);

    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(b)) {
      out.writeObject(unit);
    }
    MemberUnit copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b.toByteArray()))) {
      copy = (MemberUnit) in.readObject();
    }
    assertThat(copy).isEqualTo(unit);
    // this process has not seen the run's text: the copy rebuilds it from the text (as on a cluster)
    double remote = copy.call();

    OuterSettings outer = run.settings().outer();
    double[] params = EvolutionStrategy.perturbed(phi, run.seed(), outer, 1, 3);
    double local = MemberUnit.fitness(run, run.lifetime(run.settings().inner(), run.lossSpec()), params,
        outer.referenceWeight(1), EvolutionStrategy.memberTaskSeed(run.seed(), outer, 1, 3));
    assertThat(remote).isEqualTo(local);
    assertThat(EpgRun.fromResolved(run.metarlText(), EvolutionRunTest.REGISTRY).digest()).isEqualTo(run.digest());
  }

  @Test
  void antitheticMembersShareTheirNoiseWithOppositeSigns() {
    OuterSettings outer = new OuterSettings(2, 4, 0.5, 0.01, 1, 0, true, 0, 0, 1);
    double[] base = {1, 2, 3};
    double[] plus = EvolutionStrategy.perturbed(base, 9, outer, 0, 2);
    double[] minus = EvolutionStrategy.perturbed(base, 9, outer, 0, 3);
    for (int i = 0; i < base.length; i++) {
      assertThat(plus[i] - base[i]).isCloseTo(-(minus[i] - base[i]), org.assertj.core.data.Offset.offset(1e-12));
      assertThat(plus[i]).isNotEqualTo(base[i]);
    }
    assertThat(EvolutionStrategy.memberTaskSeed(9, outer, 0, 2)).isEqualTo(EvolutionStrategy.memberTaskSeed(9, outer, 0, 3));
    assertThat(EvolutionStrategy.memberTaskSeed(9, outer, 0, 2)).isNotEqualTo(EvolutionStrategy.memberTaskSeed(9, outer, 0, 1));
  }
}
