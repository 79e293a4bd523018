package movierec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import movierec.jobs.IngestJob;
import movierec.jobs.IngestTestSupport;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver JVM killed (SIGKILL) in the middle of writing a table: the previous partition of that
 * run date is intact and readable, and a rerun of the date succeeds and replaces it.
 */
@Order(6)
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
      "warehouse.path=" + warehouse,
      // Tables by name are not what these faults are about, and opening the embedded metastore
      // costs each run ~10 s of CPU (ClusterIT's run registers every table).
      "--conf",
      "catalog.enabled=false"
    };
  }

  /**
   * One warehouse through both faults in turn (each phase starts from a good partition of the date,
   * marked by {@link #markPartitions}), so that the ingests they share run once.
   */
  @Test
  void driverKilledMidWriteOrBetweenTheSwapRenamesLosesNothingAndTheRerunRecovers()
      throws Exception {
    Path wh = tmp.resolve("warehouse");
    // The runs that are not killed run in this JVM (its Spark session is warm): what they must do
    // does not depend on their process, and a submit.sh run costs half a minute of start-up.
    ingestHere(wh);
    markPartitions(wh);
    killedMidWriteLeavesThePreviousPartitionAndARerunReplacesIt(wh);
    markPartitions(wh);
    killedBetweenTheSwapRenamesLosesNothingAndTheRerunRecovers(wh);
  }

  private void killedMidWriteLeavesThePreviousPartitionAndARerunReplacesIt(Path wh)
      throws Exception {
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

    ingestHere(wh);
    assertEveryTableReplaced(wh);
  }

  /**
   * The driver killed between the two renames of a swap: the old partition of the first table is
   * already renamed aside and the new one not yet in place. Nothing is lost: the old partition is
   * whole in its {@code .replaced_} directory (readers of the table miss that partition until the
   * next run of the date), the other tables are untouched, and the rerun puts the old partition
   * back, then replaces every table.
   */
  private void killedBetweenTheSwapRenamesLosesNothingAndTheRerunRecovers(Path wh)
      throws Exception {
    Path marker = tmp.resolve("paused-in-swap");
    List<String> args = new ArrayList<>(List.of(ingest(wh)));
    args.addAll(
        List.of(
            "--conf",
            "spark.hadoop.fs.file.impl=" + PausingLocalFileSystem.class.getName(),
            "--conf",
            "spark.hadoop.fs.file.impl.disable.cache=true"));
    Map<String, String> env =
        Map.of(
            "MOVIEREC_EXTRA_CLASSPATH",
            SparkTestSupport.projectDir().resolve("target/test-classes").toString(),
            PausingLocalFileSystem.MARKER_ENV,
            marker.toString());
    Scripts.Running second = Scripts.start(tmp, tmp, env, "submit.sh", args.toArray(String[]::new));
    long end = System.currentTimeMillis() + 300_000;
    while (!Files.exists(marker)) {
      assertTrue(second.process().isAlive(), "the job ended before its swap");
      assertTrue(System.currentTimeMillis() < end, "the job did not reach its swap");
      Thread.sleep(20);
    }
    second.process().destroyForcibly();
    assertNotEquals(0, second.await(2, "killed ingest").code());

    Path swappedPartition = Path.of(Files.readString(marker));
    String swapped = swappedPartition.getFileName().toString();
    Path table = swappedPartition.getParent();
    assertEquals("run_date=" + DAY, swapped);
    assertFalse(Files.exists(table.resolve(swapped)), "killed between the renames");
    Path aside;
    try (Stream<Path> s = Files.list(table)) {
      aside =
          s.filter(p -> p.getFileName().toString().startsWith(".replaced_"))
              .findFirst()
              .orElseThrow();
    }
    assertTrue(Files.exists(aside.resolve("_first_run")), "the old partition is whole, aside");
    SparkSession spark = SparkTestSupport.spark();
    assertTrue(spark.read().parquet(aside.toString()).count() > 0, "and readable");
    for (String t : TABLES) {
      if (!wh.resolve(t).equals(table)) {
        assertTrue(Files.exists(partition(wh, t).resolve("_first_run")), t + " untouched");
      }
    }

    // This rerun goes through submit.sh: its log must say that it restored the partition.
    Scripts.Result rerun = Scripts.run(tmp, tmp, Map.of(), 10, "submit.sh", ingest(wh));
    assertEquals(0, rerun.code(), rerun.err());
    assertTrue(rerun.err().contains("Restoring"), "the rerun restored the partition set aside");
    assertEveryTableReplaced(wh);
  }

  /** Marks each partition of the date with a file Spark's readers ignore. */
  private static void markPartitions(Path wh) throws IOException {
    for (String t : TABLES) {
      Files.createFile(partition(wh, t).resolve("_first_run"));
    }
  }

  private static void ingestHere(Path wh) {
    Path input = SparkTestSupport.dataDir().resolve("ml-100k").toAbsolutePath();
    new IngestJob(IngestTestSupport.config(input, wh), LocalDate.parse(DAY))
        .run(SparkTestSupport.spark());
  }

  /** The rerun of the date succeeded: it replaced every table and left nothing behind. */
  private static void assertEveryTableReplaced(Path wh) throws IOException {
    for (String t : TABLES) {
      assertFalse(Files.exists(partition(wh, t).resolve("_first_run")), t + " was replaced");
      try (Stream<Path> left = Files.list(wh.resolve(t))) {
        assertEquals(
            List.of("run_date=" + DAY),
            left.map(p -> p.getFileName().toString()).sorted().toList(),
            t + ": nothing staged or set aside is left");
      }
    }
    SparkSession spark = SparkTestSupport.spark();
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
