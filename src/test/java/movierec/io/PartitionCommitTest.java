package movierec.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import movierec.SparkTestSupport;
import movierec.jobs.WarehouseTables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionCommitTest {
  private static final LocalDate DAY = LocalDate.of(2026, 1, 2);
  private static final LocalDate OTHER_DAY = LocalDate.of(2026, 1, 3);
  private static final StructType IDS = new StructType().add("id", DataTypes.LongType, false);
  private static final Table T = new Table("t", IDS, "test");
  private static final Table U = new Table("u", IDS, "test");
  private static SparkSession spark;
  @TempDir Path warehouse;

  @BeforeAll
  static void start() {
    spark = SparkTestSupport.spark();
    spark
        .udf()
        .register(
            "explode_at_3",
            (UDF1<Long, Long>)
                v -> {
                  if (v == 3) {
                    throw new IllegalStateException("boom at 3");
                  }
                  return v;
                },
            DataTypes.LongType);
  }

  private void write(LocalDate day, Dataset<Row> rows) {
    try (PartitionCommit c =
        new PartitionCommit(spark, warehouse.toString(), day, TableFormat.PARQUET)) {
      c.stage(T, rows);
      c.commit();
    }
  }

  @Test
  void aTableIsWrittenInItsDeclaredOrderAcrossFiles() throws Exception {
    Table sorted = new Table("s", IDS, "test", List.of("id"));
    try (PartitionCommit c =
        new PartitionCommit(spark, warehouse.toString(), DAY, TableFormat.PARQUET)) {
      // Descending ids in four partitions: the declaration, not the caller, orders them.
      c.stage(sorted, spark.range(0, 1000, 1, 4).selectExpr("999 - id AS id").repartition(4));
      c.commit();
    }
    List<Long> inFileOrder;
    try (Stream<Path> files = Files.list(warehouse.resolve("s").resolve("run_date=" + DAY))) {
      inFileOrder =
          files
              .filter(f -> f.getFileName().toString().endsWith(".parquet"))
              .sorted()
              .flatMap(
                  f ->
                      spark
                          .read()
                          .parquet(f.toString())
                          .as(Encoders.LONG())
                          .collectAsList()
                          .stream())
              .toList();
    }
    assertEquals(LongStream.range(0, 1000).boxed().toList(), inFileOrder);
    assertThrows(
        IllegalArgumentException.class,
        () -> new Table("s", IDS, "test", List.of("no_such_column")),
        "an order by an undeclared column");
  }

  private List<Long> ids(LocalDate day) {
    return spark
        .read()
        .parquet(warehouse.resolve("t").toString())
        .filter(functions.col(Tables.RUN_DATE).equalTo(functions.lit(day.toString())))
        .orderBy("id")
        .select("id")
        .as(org.apache.spark.sql.Encoders.LONG())
        .collectAsList();
  }

  private List<String> hidden() throws Exception {
    try (Stream<Path> s = Files.list(warehouse.resolve("t"))) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("_") || n.startsWith(".s") || n.startsWith(".r"))
          .toList();
    }
  }

  @Test
  void rerunReplacesExactlyThatPartition() throws Exception {
    write(DAY, spark.range(0, 3).toDF());
    write(OTHER_DAY, spark.range(10, 12).toDF().repartition(2));
    assertEquals(
        java.util.OptionalLong.of(2),
        Tables.rowsWritten(spark, warehouse.toString(), T, OTHER_DAY),
        "the manifest's count, from the footers of both files");
    write(DAY, spark.range(5, 7).toDF());
    assertEquals(List.of(5L, 6L), ids(DAY));
    assertEquals(List.of(10L, 11L), ids(OTHER_DAY));
    assertEquals(List.of(), hidden());
  }

  @Test
  void failedWriteLeavesThePreviousPartitionAndNoDebris() throws Exception {
    write(DAY, spark.range(0, 2).toDF());
    Dataset<Row> failing = spark.range(0, 5).selectExpr("explode_at_3(id) as id");
    assertThrows(Exception.class, () -> write(DAY, failing));
    assertEquals(List.of(0L, 1L), ids(DAY));
    assertEquals(List.of(), hidden());
  }

  @Test
  void oneFailingTableStopsEveryTableOfTheCommit() {
    write(DAY, spark.range(0, 2).toDF());
    Dataset<Row> failing = spark.range(0, 5).selectExpr("explode_at_3(id) as id");
    assertThrows(
        Exception.class,
        () -> {
          try (PartitionCommit c =
              new PartitionCommit(spark, warehouse.toString(), DAY, TableFormat.PARQUET)) {
            c.stage(T, spark.range(100, 101).toDF());
            c.stage(U, failing);
            c.commit();
          }
        });
    assertEquals(List.of(0L, 1L), ids(DAY));
    assertFalse(new File(warehouse.toFile(), "u/run_date=" + DAY).exists());
  }

  @Test
  void interruptedSwapIsRolledBackByTheNextRun() throws Exception {
    write(DAY, spark.range(0, 2).toDF());
    Path table = warehouse.resolve("t");
    // A run that died between its two renames: old partition aside, new one still staged.
    Files.move(table.resolve("run_date=" + DAY), table.resolve(".replaced_run_date=" + DAY + "_x"));
    Files.createDirectories(table.resolve(".staging_run_date=" + DAY + "_x"));
    try (PartitionCommit c =
        new PartitionCommit(spark, warehouse.toString(), DAY, TableFormat.PARQUET)) {
      c.stage(T, spark.range(7, 8).toDF());
      assertEquals(List.of(0L, 1L), ids(DAY), "old partition restored before the new one lands");
      c.commit();
    }
    assertEquals(List.of(7L), ids(DAY));
    assertEquals(List.of(), hidden());
    assertTrue(Files.isDirectory(table.resolve("run_date=" + DAY)));
  }

  @Test
  void writesAndReadsAreCheckedAgainstTheTablesDeclaration() {
    IllegalStateException wrongWrite =
        assertThrows(
            IllegalStateException.class,
            () -> write(DAY, spark.range(0, 2).selectExpr("id", "id * 2 as twice")));
    assertTrue(
        wrongWrite.getMessage().contains("an undeclared column twice (bigint)"),
        wrongWrite.getMessage());
    assertFalse(new File(warehouse.toFile(), "t/run_date=" + DAY).exists(), "nothing written");

    write(DAY, spark.range(0, 2).toDF());
    assertEquals(2, Tables.read(spark, warehouse.toString(), T, DAY).count());
    Table wider = new Table("t", IDS.add("score", DataTypes.DoubleType, false), "the wider stage");
    IllegalStateException oldPartition =
        assertThrows(
            IllegalStateException.class,
            () -> Tables.read(spark, warehouse.toString(), wider, DAY));
    assertTrue(
        oldPartition.getMessage().contains("has no column score (double)")
            && oldPartition.getMessage().contains("rerun the the wider stage stage for " + DAY),
        oldPartition.getMessage());
    Table otherType = new Table("t", new StructType().add("id", DataTypes.IntegerType), "x");
    assertTrue(
        assertThrows(
                IllegalStateException.class,
                () -> Tables.read(spark, warehouse.toString(), otherType, DAY))
            .getMessage()
            .contains("column id is bigint, not int"));
    IllegalStateException missing =
        assertThrows(
            IllegalStateException.class,
            () -> Tables.read(spark, warehouse.toString(), T, OTHER_DAY));
    assertTrue(missing.getMessage().contains("run the test stage for that date first"));
  }

  @Test
  void everyTableIsDeclaredOnceWithTheStageThatWritesIt() {
    assertEquals(22, WarehouseTables.ALL.size());
    assertEquals(22, WarehouseTables.ALL.stream().map(Table::name).distinct().count());
    for (Table t : WarehouseTables.ALL) {
      assertTrue(movierec.jobs.StageOrder.NAMES.contains(t.writtenBy()), t + " " + t.writtenBy());
      assertTrue(t.schema().fields().length > 0, t.name());
    }
  }
}
