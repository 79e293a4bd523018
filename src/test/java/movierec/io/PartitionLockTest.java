package movierec.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionLockTest {
  private static final LocalDate DAY = LocalDate.of(2026, 12, 7);

  @TempDir Path tmp;

  private PartitionLock take(String stage, LocalDate day, PartitionLock.Owner owner) {
    return PartitionLock.acquire(new Configuration(), tmp.toString(), stage, day, owner);
  }

  /** Another live process on this host: this JVM's parent, with its real start instant. */
  private static PartitionLock.Owner liveOther() {
    ProcessHandle parent = ProcessHandle.current().parent().orElseThrow();
    PartitionLock.Owner me = PartitionLock.Owner.current("ingest", DAY);
    return new PartitionLock.Owner(
        "pipeline",
        DAY,
        me.host(),
        parent.pid(),
        parent.info().startInstant().orElse(Instant.EPOCH),
        Instant.parse("2026-12-07T05:00:00Z"));
  }

  /** A process that has ended: its id and start instant as it ran. */
  private static PartitionLock.Owner deadOther() throws Exception {
    Process p = new ProcessBuilder("true").start();
    Instant start = p.info().startInstant().orElse(Instant.EPOCH);
    long pid = p.pid();
    p.waitFor();
    PartitionLock.Owner me = PartitionLock.Owner.current("ingest", DAY);
    return new PartitionLock.Owner("ingest", DAY, me.host(), pid, start, Instant.now());
  }

  @Test
  void aSecondWriterOfTheSamePartitionsRefusesNamingTheFirst() {
    try (PartitionLock held = take("ingest", DAY, liveOther())) {
      PartitionLock.HeldException e =
          assertThrows(
              PartitionLock.HeldException.class,
              () -> take("ingest", DAY, PartitionLock.Owner.current("ingest", DAY)));
      long pid = ProcessHandle.current().parent().orElseThrow().pid();
      assertTrue(e.getMessage().contains("pipeline (run date 2026-12-07)"), e.getMessage());
      assertTrue(e.getMessage().contains("process " + pid), e.getMessage());
      // Another run date, or another stage, is another lock.
      take("ingest", DAY.plusDays(1), PartitionLock.Owner.current("ingest", DAY)).close();
      take("train", DAY, PartitionLock.Owner.current("train", DAY)).close();
    }
    // Released: the next writer gets it.
    take("ingest", DAY, PartitionLock.Owner.current("ingest", DAY)).close();
  }

  @Test
  void aLockWhoseOwnerDiedIsTakenOver() throws Exception {
    Path file = tmp.resolve("_locks/ingest/run_date=2026-12-07");
    Files.createDirectories(file.getParent());
    Files.writeString(file, deadOther().text());
    PartitionLock.Owner me = PartitionLock.Owner.current("ingest", DAY);
    try (PartitionLock lock = take("ingest", DAY, me)) {
      assertEquals(me, PartitionLock.Owner.parse(Files.readString(file)));
    }
    assertFalse(Files.exists(file), "released on close");
  }

  @Test
  void anotherHostsLockCountsAsLiveUntilItsHeartbeatIsStale() throws Exception {
    Path file = tmp.resolve("_locks/ingest/run_date=2026-12-07");
    Files.createDirectories(file.getParent());
    PartitionLock.Owner remote =
        new PartitionLock.Owner(
            "ingest",
            DAY,
            "elsewhere.example",
            42,
            Instant.EPOCH,
            Instant.parse("2026-12-07T05:00:00Z"));
    Files.writeString(file, remote.text());
    PartitionLock.Owner me = PartitionLock.Owner.current("ingest", DAY);
    assertThrows(PartitionLock.HeldException.class, () -> take("ingest", DAY, me));
    Files.setLastModifiedTime(
        file,
        java.nio.file.attribute.FileTime.from(
            Instant.now().minus(PartitionLock.STALE).minusSeconds(60)));
    take("ingest", DAY, me).close();
  }
}
