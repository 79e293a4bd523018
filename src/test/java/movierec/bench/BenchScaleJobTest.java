package movierec.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import movierec.SparkTestSupport;
import movierec.cli.UsageException;
import movierec.jobs.JobArgs;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class BenchScaleJobTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 28);

  @Test
  void sizesAndStagesAreCheckedBeforeSpark() {
    UsageException size =
        assertThrows(
            UsageException.class, () -> JobArgs.create(null, DAY, "bench-scale", "--sizes", "3M"));
    assertTrue(size.getMessage().contains("known: 1M, 5M, 10M, 25M"), size.getMessage());
    UsageException stage =
        assertThrows(
            UsageException.class,
            () -> JobArgs.create(null, DAY, "bench-scale", "--stages", "ingest,report"));
    assertTrue(stage.getMessage().contains("unknown stage report"), stage.getMessage());
    JobArgs.create(null, DAY, "bench-scale", "--sizes", "1m,25M", "--stages", "ingest,features");
  }

  @Test
  void theMeterCountsAShufflesBytesAndTasks() {
    SparkSession spark = SparkTestSupport.spark();
    try (StageMeter meter = new StageMeter(spark)) {
      meter.start();
      long groups =
          spark
              .range(0, 200_000, 1, 4)
              .groupBy(org.apache.spark.sql.functions.expr("id % 97"))
              .count()
              .count();
      StageMeter.Figures f = meter.stop();
      assertEquals(97, groups);
      assertTrue(f.shuffleWriteBytes() > 0, "shuffle " + f);
      assertTrue(f.tasks() >= 4, "tasks " + f);
      assertTrue(f.seconds() > 0 && f.peakHeapBytes() > 0 && f.peakLiveBytes() > 0, f.toString());
      meter.start();
      StageMeter.Figures idle = meter.stop();
      assertEquals(0, idle.shuffleWriteBytes());
      assertEquals(0, idle.tasks());
    }
  }

  @Test
  void bytesReadLikeAPerson() {
    assertEquals("512 KB", BenchScaleJob.bytes(512 * 1024));
    assertEquals("3 MB", BenchScaleJob.bytes(3L << 20));
    assertEquals("4.50 GB", BenchScaleJob.bytes(9L << 29));
  }
}
