package movierec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import movierec.io.ParquetRows;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs as real processes on one warehouse, as Airflow backfills and reruns start them: a second
 * writer of a run date refuses with one line, another run date runs beside it (waiting for the
 * embedded metastore without a stack trace), and a lock left by a killed job is taken over.
 */
class WarehouseWritersIT {
  @TempDir Path tmp;

  private Scripts.Running ingest(String day) throws Exception {
    return Scripts.start(
        tmp,
        tmp,
        Map.of(),
        "submit.sh",
        "ingest",
        "--master",
        "local[1]",
        "--run-date",
        day,
        "--conf",
        "input.path=" + SparkTestSupport.dataDir().resolve("ml-100k").toAbsolutePath(),
        "--conf",
        "warehouse.path=" + tmp.resolve("wh"),
        "--conf",
        "launch.driver-memory=1g");
  }

  private Path lock(String day) {
    return tmp.resolve("wh/_locks/ingest/run_date=" + day);
  }

  /** The lock's holder process id, once the lock exists. */
  private long awaitLock(String day, Scripts.Running job) throws Exception {
    for (int i = 0; i < 600 && job.process().isAlive(); i++) {
      if (Files.exists(lock(day))) {
        for (String line : Files.readAllLines(lock(day))) {
          if (line.startsWith("pid=")) {
            return Long.parseLong(line.substring(4));
          }
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no lock for " + day + " while the job ran");
  }

  private long ratings(String day) {
    return ParquetRows.count(
        new org.apache.hadoop.fs.Path(tmp.resolve("wh/ratings/run_date=" + day).toString()),
        new Configuration());
  }

  private static long traceLines(String err) {
    return err.lines().filter(l -> l.startsWith("\tat ")).count();
  }

  @Test
  void oneWriterPerRunDateOthersBeside() throws Exception {
    Scripts.Running first = ingest("2026-12-01");
    long pid = awaitLock("2026-12-01", first);
    Scripts.Running other = ingest("2026-12-02");
    Scripts.Result second = ingest("2026-12-01").await(5, "the second writer");
    assertEquals(2, second.code(), second.err());
    List<String> lines = second.err().lines().filter(l -> !l.isBlank()).toList();
    assertEquals(1, lines.size(), second.err());
    assertTrue(
        lines.get(0).contains("is being written by ingest (run date 2026-12-01) on host"),
        lines.get(0));
    assertTrue(lines.get(0).contains("process " + pid + ","), lines.get(0));

    Scripts.Result a = first.await(10, "the first writer");
    Scripts.Result b = other.await(10, "another run date");
    assertEquals(0, a.code(), a.err());
    assertEquals(0, b.code(), b.err());
    assertEquals(0, traceLines(a.err()) + traceLines(b.err()), a.err() + b.err());
    assertTrue(
        a.err().lines().filter(l -> l.contains("Waiting up to")).count()
                + b.err().lines().filter(l -> l.contains("Waiting up to")).count()
            <= 1,
        "at most one line per wait");
    assertEquals(100_000, ratings("2026-12-01"));
    assertEquals(100_000, ratings("2026-12-02"));
    assertFalse(Files.exists(lock("2026-12-01")), "released");
  }

  @Test
  void aLockLeftByAKilledJobIsTakenOver() throws Exception {
    Scripts.Running doomed = ingest("2026-12-03");
    long pid = awaitLock("2026-12-03", doomed);
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    doomed.await(5, "the killed job");
    assertTrue(Files.exists(lock("2026-12-03")), "a kill -9 leaves its lock");
    Scripts.Result rerun = ingest("2026-12-03").await(10, "the rerun");
    assertEquals(0, rerun.code(), rerun.err());
    assertTrue(rerun.err().contains("Taking over the lock of the ingest stage"), rerun.err());
    assertTrue(rerun.err().contains("process " + pid), rerun.err());
    assertEquals(100_000, ratings("2026-12-03"));
  }
}
