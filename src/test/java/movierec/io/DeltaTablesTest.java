package movierec.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import movierec.SparkTestSupport;
import movierec.catalog.TableCatalog;
import movierec.jobs.WarehouseTables;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** warehouse.format = delta: the same tables and partitions, each replaced by a Delta commit. */
class DeltaTablesTest {
  private static final LocalDate D1 = LocalDate.of(2026, 1, 1);
  private static final LocalDate D2 = LocalDate.of(2026, 1, 2);
  private static final Table T =
      new Table("t", new StructType().add("id", DataTypes.LongType, false), "test");
  @TempDir Path warehouse;

  private void write(LocalDate day, long from, long to) {
    SparkSession spark = SparkTestSupport.spark();
    try (PartitionCommit c =
        new PartitionCommit(spark, warehouse.toString(), day, TableFormat.DELTA)) {
      c.stage(T, spark.range(from, to).toDF("id"));
      c.commit();
    }
  }

  private List<Long> ids(LocalDate day) {
    return Tables.read(SparkTestSupport.spark(), warehouse.toString(), T, day)
        .orderBy("id")
        .as(Encoders.LONG())
        .collectAsList();
  }

  @Test
  void aPartitionIsReplacedByOneCommitAndTheOthersStay() throws Exception {
    SparkSession spark = SparkTestSupport.spark();
    write(D1, 0, 3);
    write(D2, 10, 12);
    write(D1, 5, 7);
    Path table = warehouse.resolve("t");
    assertTrue(DeltaTables.isDelta(new org.apache.hadoop.fs.Path(table.toString()), conf()));
    assertEquals(List.of(5L, 6L), ids(D1), "replaced, not appended");
    assertEquals(List.of(10L, 11L), ids(D2), "another date untouched");
    assertEquals(3, history(spark, table), "one commit per write");
    try (Stream<Path> s = Files.list(table)) {
      assertEquals(
          List.of("_delta_log", "run_date=2026-01-01", "run_date=2026-01-02"),
          s.map(p -> p.getFileName().toString()).sorted().toList(),
          "no staging left behind");
    }
    assertEquals(
        OptionalLong.of(2), Tables.rowsWritten(spark, warehouse.toString(), T, D1), "from metrics");
    assertEquals(
        OptionalLong.empty(),
        Tables.rowsWritten(spark, warehouse.toString(), T, D2),
        "the last commit wrote another date");

    List<LocalDate> deleted =
        DeltaTables.deleteBefore(spark, new org.apache.hadoop.fs.Path(table.toString()), D2);
    assertEquals(List.of(D1), deleted);
    assertEquals(List.of(), ids(D1), "the old run's rows are gone");
    assertEquals(List.of(10L, 11L), ids(D2));
  }

  @Test
  void aPartitionWrittenEmptyReadsAsNoRowsAndANeverWrittenDateIsRefused() {
    write(D1, 0, 0);
    assertThrows(
        IllegalStateException.class,
        () -> ids(D1),
        "no directory and no manifest: not known to be written");
    RunManifest.write(
        conf(),
        warehouse.toString(),
        T.writtenBy(),
        D1,
        List.of(new RunManifest.TableRows(T.name(), 0)),
        "settings",
        java.time.Instant.EPOCH,
        java.time.Instant.EPOCH);
    assertEquals(List.of(), ids(D1), "the manifest says the stage wrote it with no rows");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> ids(D2));
    assertTrue(e.getMessage().contains("2026-01-02"), e.getMessage());
  }

  @Test
  void deltaTablesAreRegisteredByName() {
    SparkSession spark = SparkTestSupport.spark();
    write(D1, 0, 4);
    TableCatalog.register(spark, "delta_test", warehouse.toString(), List.of(T), TableFormat.DELTA);
    assertEquals(
        4,
        spark
            .sql("select count(*) from delta_test.t where run_date = date'2026-01-01'")
            .first()
            .getLong(0));
    assertEquals(
        "delta", spark.sql("describe detail delta_test.t").select("format").first().getString(0));
  }

  @Test
  void aDeltaWarehouseIsNotWrittenAsParquet() throws Exception {
    Files.createDirectories(warehouse.resolve("users").resolve(DeltaTables.LOG_DIR));
    Preflight.PreflightException e =
        assertThrows(
            Preflight.PreflightException.class,
            () ->
                Preflight.formatMatches(
                    warehouse.toString(), WarehouseTables.ALL, TableFormat.PARQUET, conf()));
    assertTrue(e.getMessage().contains("is a Delta table"), e.getMessage());
    Preflight.formatMatches(warehouse.toString(), WarehouseTables.ALL, TableFormat.DELTA, conf());
  }

  @Test
  void aParquetWarehouseIsNotWrittenAsDelta() throws Exception {
    Files.createDirectories(warehouse.resolve("users").resolve("run_date=2026-01-01"));
    Preflight.PreflightException e =
        assertThrows(
            Preflight.PreflightException.class,
            () ->
                Preflight.formatMatches(
                    warehouse.toString(), WarehouseTables.ALL, TableFormat.DELTA, conf()));
    assertTrue(e.getMessage().contains("holds Parquet partitions"), e.getMessage());
    Preflight.formatMatches(warehouse.toString(), WarehouseTables.ALL, TableFormat.PARQUET, conf());
  }

  private static long history(SparkSession spark, Path table) {
    return io.delta.tables.DeltaTable.forPath(spark, table.toString()).history().count();
  }

  private static Configuration conf() {
    return SparkTestSupport.spark().sparkContext().hadoopConfiguration();
  }

  @Test
  void partitionFilesAreTheLatestSnapshotsWithoutSpark() {
    write(D1, 0, 3);
    write(D2, 10, 12);
    write(D1, 5, 7);
    org.apache.hadoop.fs.Path table =
        new org.apache.hadoop.fs.Path(warehouse.resolve("t").toString());
    List<org.apache.hadoop.fs.Path> files =
        Tables.partitionFiles(conf(), warehouse.toString(), "t", D1);
    List<Long> ids = new java.util.ArrayList<>();
    ParquetRows.scan(files, conf(), null, null, g -> ids.add(g.getLong("id", 0)));
    ids.sort(null);
    assertEquals(List.of(5L, 6L), ids, "the replaced files stay on disk, but not in the snapshot");
    assertTrue(DeltaTables.isDelta(table, conf()));
    assertEquals(
        List.of(), Tables.partitionFiles(conf(), warehouse.toString(), "t", D1.minusDays(9)));
  }
}
