package movierec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import movierec.io.ParquetRows;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs as real processes on one warehouse, as Airflow backfills and reruns start them: a second
 * writer of a run date refuses with one line, another run date runs beside it (waiting for the
 * embedded metastore without a stack trace), and a Delta stage killed between its commits and its
 * manifest is rerun whole, taking over the lock it left.
 */
@Order(7)
class WarehouseWritersIT {
  @TempDir Path tmp;

  private Scripts.Running ingest(String day) throws Exception {
    return Scripts.start(tmp, tmp, Map.of(), "submit.sh", ingestArgs(tmp.resolve("wh"), day));
  }

  /** submit.sh's arguments for an ingest of ml-100k for {@code day}, with more {@code --conf}s. */
  private static String[] ingestArgs(Path wh, String day, String... conf) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "ingest",
                "--master",
                "local[1]",
                "--run-date",
                day,
                "--conf",
                "input.path=" + SparkTestSupport.dataDir().resolve("ml-100k").toAbsolutePath(),
                "--conf",
                "warehouse.path=" + wh,
                "--conf",
                "launch.driver-memory=1g"));
    for (String c : conf) {
      args.addAll(List.of("--conf", c));
    }
    return args.toArray(String[]::new);
  }

  private Path lock(String day) {
    return tmp.resolve("wh/_locks/ingest/run_date=" + day);
  }

  /** The lock's holder process id, once the lock exists. */
  private long awaitLock(String day, Scripts.Running job) throws Exception {
    for (int i = 0; i < 600 && job.process().isAlive(); i++) {
      if (Files.exists(lock(day)) && Files.readString(lock(day)).contains("pid=")) {
        return pid(lock(day));
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

  /**
   * A Delta stage killed (SIGKILL) after its tables' commits and before its run manifest: the rerun
   * takes over the lock the dead job left, replaces the partition in one more commit per table, so
   * the partition is there once and whole, and writes the manifest.
   */
  @Test
  void aDeltaStageKilledAfterItsCommitsIsRerunWholeAndTakesOverTheLock() throws Exception {
    String day = "2026-12-03";
    Path wh = tmp.resolve("delta");
    Path marker = tmp.resolve("paused-at-manifest");
    Path manifest = wh.resolve("_runs/ingest/run_date=" + day + "/manifest.json");
    Map<String, String> env =
        Map.of(
            "MOVIEREC_EXTRA_CLASSPATH",
            SparkTestSupport.projectDir().resolve("target/test-classes").toString(),
            PausingLocalFileSystem.MARKER_ENV,
            marker.toString(),
            PausingLocalFileSystem.AT_ENV,
            PausingLocalFileSystem.MANIFEST);
    Scripts.Running doomed =
        Scripts.start(
            tmp,
            tmp,
            env,
            "submit.sh",
            deltaIngest(
                wh,
                day,
                "spark.hadoop.fs.file.impl=" + PausingLocalFileSystem.class.getName(),
                "spark.hadoop.fs.file.impl.disable.cache=true"));
    long end = System.currentTimeMillis() + 300_000;
    while (!Files.exists(marker)) {
      assertTrue(doomed.process().isAlive(), "the job ended before its manifest");
      assertTrue(System.currentTimeMillis() < end, "the job did not reach its manifest");
      Thread.sleep(20);
    }
    Path lock = wh.resolve("_locks/ingest/run_date=" + day);
    long pid = pid(lock);
    doomed.process().destroyForcibly();
    assertNotEquals(0, doomed.await(2, "the killed job").code());
    assertFalse(Files.exists(manifest), "killed before the manifest was in place");
    assertTrue(Files.exists(lock), "a kill -9 leaves its lock");
    assertEquals(1, commits(wh, "ratings"), "the tables were committed");
    assertEquals(100_000, deltaRows(wh, "ratings", day));

    Scripts.Result rerun = Scripts.run(tmp, tmp, Map.of(), 10, "submit.sh", deltaIngest(wh, day));
    assertEquals(0, rerun.code(), rerun.err());
    assertTrue(rerun.err().contains("Taking over the lock of the ingest stage"), rerun.err());
    assertTrue(rerun.err().contains("process " + pid), rerun.err());
    for (String t : List.of("users", "movies", "ratings")) {
      assertEquals(2, commits(wh, t), t + ": one commit per table per run");
    }
    // ml-100k has no rejects: Delta writes no commit for an overwrite of nothing with nothing.
    assertTrue(commits(wh, "rejects") <= 2, "at most one commit per run");
    assertEquals(100_000, deltaRows(wh, "ratings", day), "the partition once, not twice");
    assertEquals(943, deltaRows(wh, "users", day));
    String json = Files.readString(manifest);
    assertTrue(json.contains("{\"table\": \"ratings\", \"rows\": 100000}"), json);
    assertTrue(json.contains("{\"table\": \"users\", \"rows\": 943}"), json);
    assertFalse(Files.exists(lock), "released");
  }

  private static String[] deltaIngest(Path wh, String day, String... sparkConf) {
    List<String> conf = new ArrayList<>(List.of("warehouse.format=delta", "catalog.enabled=false"));
    conf.addAll(List.of(sparkConf));
    return ingestArgs(wh, day, conf.toArray(String[]::new));
  }

  private static long pid(Path lock) throws Exception {
    for (String line : Files.readAllLines(lock)) {
      if (line.startsWith("pid=")) {
        return Long.parseLong(line.substring(4));
      }
    }
    throw new AssertionError("no pid in " + lock);
  }

  private static long commits(Path wh, String table) throws Exception {
    try (Stream<Path> s = Files.list(wh.resolve(table).resolve("_delta_log"))) {
      return s.filter(p -> p.getFileName().toString().matches("\\d{20}\\.json")).count();
    }
  }

  private static long deltaRows(Path wh, String table, String day) {
    return SparkTestSupport.spark()
        .read()
        .format("delta")
        .load(wh.resolve(table).toString())
        .where(functions.col("run_date").equalTo(functions.lit(day).cast("date")))
        .count();
  }
}
