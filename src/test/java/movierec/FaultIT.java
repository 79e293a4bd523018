package movierec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver JVM killed (SIGKILL) in the middle of writing a table: the previous partition of that
 * run date is intact and readable, and a rerun of the date succeeds and replaces it.
 */
class FaultIT {
  private static final String DAY = "2026-11-28";
  private static final List<String> TABLES = List.of("users", "movies", "ratings", "rejects");
  @TempDir Path tmp;

  private String[] ingest(Path warehouse) {
    return new String[] {
      "ingest",
      "--run-date",
      DAY,
      "--master",
      "local[2]",
      "--conf",
      "input.path=" + SparkTestSupport.dataDir().resolve("ml-100k").toAbsolutePath(),
      "--conf",
      "warehouse.path=" + warehouse
    };
  }

  @Test
  void driverKilledMidWriteLeavesThePreviousPartitionAndARerunReplacesIt() throws Exception {
    Path wh = tmp.resolve("warehouse");
    Scripts.Result first = Scripts.run(tmp, tmp, Map.of(), 10, "submit.sh", ingest(wh));
    assertEquals(0, first.code(), first.err());
    // A file Spark's readers ignore ("_" prefix) marks the partitions of the first run.
    for (String t : TABLES) {
      Files.createFile(partition(wh, t).resolve("_first_run"));
    }

    Scripts.Running second = Scripts.start(tmp, tmp, Map.of(), "submit.sh", ingest(wh));
    Path staging = awaitStaging(wh, second.process(), 180_000);
    second.process().destroyForcibly();
    Scripts.Result killed = second.await(2, "killed ingest");
    assertNotEquals(0, killed.code(), "the driver was killed while " + staging + " was written");

    SparkSession spark = SparkTestSupport.spark();
    for (String t : TABLES) {
      assertTrue(Files.exists(partition(wh, t).resolve("_first_run")), t + " kept the first run");
    }
    assertEquals(100000, spark.read().parquet(partition(wh, "ratings").toString()).count());
    assertEquals(1682, spark.read().parquet(partition(wh, "movies").toString()).count());

    Scripts.Result rerun = Scripts.run(tmp, tmp, Map.of(), 10, "submit.sh", ingest(wh));
    assertEquals(0, rerun.code(), rerun.err());
    for (String t : TABLES) {
      assertFalse(Files.exists(partition(wh, t).resolve("_first_run")), t + " was replaced");
      try (Stream<Path> left = Files.list(wh.resolve(t))) {
        assertEquals(
            List.of("run_date=" + DAY),
            left.map(p -> p.getFileName().toString()).sorted().toList(),
            t + ": nothing staged or set aside is left");
      }
    }
    assertEquals(100000, spark.read().parquet(partition(wh, "ratings").toString()).count());
  }

  private static Path partition(Path wh, String table) {
    return wh.resolve(table).resolve("run_date=" + DAY);
  }

  /** Polls until a table's staging directory exists: the job is writing. */
  private static Path awaitStaging(Path wh, Process p, long timeoutMillis)
      throws IOException, InterruptedException {
    long end = System.currentTimeMillis() + timeoutMillis;
    while (System.currentTimeMillis() < end) {
      assertTrue(p.isAlive(), "the job ended before it started writing");
      for (String t : TABLES) {
        Path dir = wh.resolve(t);
        if (Files.isDirectory(dir)) {
          try (Stream<Path> s = Files.list(dir)) {
            var found =
                s.filter(x -> x.getFileName().toString().startsWith(".staging_")).findFirst();
            if (found.isPresent()) {
              return found.get();
            }
          }
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no staging directory appeared");
  }
}
