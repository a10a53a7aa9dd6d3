package io.metarl.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The invariants of {@link RunDirectory}: owned, locked, and deleting only what it recorded. */
class RunDirectoryTest {
  @TempDir Path dir;

  @Test
  void aSecondClaimWhileTheFirstIsHeldIsRefusedNamingThePid() throws Exception {
    Path run = dir.resolve("run");
    try (RunDirectory first = RunDirectory.create(run, false, null)) {
      Files.writeString(first.file("episodes.csv"), "x");
      assertThatThrownBy(() -> RunDirectory.create(run, true, null)).isInstanceOf(RunDirectoryException.class)
          .hasMessageContaining("in use by another metarl process (pid " + ProcessHandle.current().pid());
      assertThatThrownBy(() -> RunDirectory.resume(run)).isInstanceOf(RunDirectoryException.class)
          .hasMessageContaining("in use");
    }
    assertThat(run.resolve("episodes.csv")).hasContent("x");
  }

  @Test
  void aLedgerNamingAPathOutsideTheRunIsNeverFollowed() throws Exception {
    Path run = dir.resolve("run");
    try (RunDirectory r = RunDirectory.create(run, false, null)) {
      Files.writeString(r.file("config.conf"), "x");
    }
    Path victim = Files.writeString(dir.resolve("victim.txt"), "mine");
    Files.writeString(run.resolve(RunDirectory.LEDGER), "file ../victim.txt\n", java.nio.file.StandardOpenOption.APPEND);
    assertThatThrownBy(() -> RunDirectory.create(run, true, null)).isInstanceOf(RunDirectoryException.class)
        .hasMessageContaining("outside the run directory");
    assertThat(victim).hasContent("mine");
    assertThat(run.resolve("config.conf")).hasContent("x");
  }

  @Test
  void overwriteDeletesOnlyRecordedFilesAndTemporariesOnlyByTheirExactNames() throws Exception {
    Path run = dir.resolve("run");
    try (RunDirectory r = RunDirectory.create(run, false, null)) {
      Files.writeString(r.file("summary.json"), "{}");
      r.markFinished();
    }
    Files.writeString(run.resolve("notes.txt"), "mine");
    Files.createDirectories(run.resolve("checkpoints/update-000000000007.tmp-42"));
    Files.writeString(run.resolve("checkpoints/update-000000000007.tmp-42/parameters.bin"), "partial");
    Files.createDirectories(run.resolve("checkpoints/update-7.tmp-mine"));
    try (RunDirectory r = RunDirectory.create(run, true, null)) {
      assertThat(run.resolve("summary.json")).doesNotExist();
      assertThat(r.finished()).isFalse();
      r.removeTemporaries("checkpoints", null);
    }
    assertThat(run.resolve("notes.txt")).hasContent("mine");
    assertThat(run.resolve("checkpoints/update-000000000007.tmp-42")).doesNotExist();
    assertThat(run.resolve("checkpoints/update-7.tmp-mine")).isDirectory();
  }

  @Test
  void aFinishedRunIsOpenedWithoutTouchingAnything() throws Exception {
    Path run = dir.resolve("run");
    try (RunDirectory r = RunDirectory.create(run, false, null)) {
      r.markFinished();
    }
    String lock = Files.readString(run.resolve(RunDirectory.LOCK));
    String ledger = Files.readString(run.resolve(RunDirectory.LEDGER));
    try (RunDirectory r = RunDirectory.resume(run)) {
      assertThat(r.finished()).isTrue();
    }
    assertThat(run.resolve(RunDirectory.LOCK)).hasContent(lock.strip());
    assertThat(Files.readString(run.resolve(RunDirectory.LEDGER))).isEqualTo(ledger);
  }
}
