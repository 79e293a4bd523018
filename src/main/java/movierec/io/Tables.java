package movierec.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Where each table and run-date partition lives, and reading one back checked against its
 * declaration. The tables themselves are declared by the stages that write them ({@code
 * ingest/IngestTables} and the like), and handed here as {@link Table}s: storage knows no
 * capability. Every table is partitioned by {@link #RUN_DATE}.
 */
public final class Tables {
  /** The partition column every table carries; analysts see it as a date. */
  public static final String RUN_DATE = "run_date";

  private Tables() {}

  public static Path table(String warehouse, String table) {
    return new Path(warehouse, table);
  }

  public static Path table(String warehouse, Table table) {
    return table(warehouse, table.name());
  }

  /** Those of {@code tables} that have a directory under {@code warehouse}, in their order. */
  public static java.util.List<Table> existing(
      org.apache.hadoop.conf.Configuration conf, String warehouse, java.util.List<Table> tables) {
    return tables.stream().filter(t -> HadoopFiles.exists(table(warehouse, t), conf)).toList();
  }

  public static Path partition(String warehouse, String table, LocalDate runDate) {
    return new Path(table(warehouse, table), partitionDirName(runDate));
  }

  public static Path partition(String warehouse, Table table, LocalDate runDate) {
    return partition(warehouse, table.name(), runDate);
  }

  public static String partitionDirName(LocalDate runDate) {
    return RUN_DATE + "=" + runDate;
  }

  /** The newest run date on or before {@code runDate} that {@code table} has a partition for. */
  public static Optional<LocalDate> latestOnOrBefore(
      SparkSession spark, String warehouse, Table table, LocalDate runDate) {
    return latestOnOrBefore(
        spark.sparkContext().hadoopConfiguration(), warehouse, table.name(), runDate);
  }

  /** The same, without Spark. */
  public static Optional<LocalDate> latestOnOrBefore(
      org.apache.hadoop.conf.Configuration conf,
      String warehouse,
      String table,
      LocalDate runDate) {
    Path dir = table(warehouse, table);
    try {
      FileSystem fs = dir.getFileSystem(conf);
      if (!fs.exists(dir)) {
        return Optional.empty();
      }
      LocalDate best = null;
      for (FileStatus st : fs.listStatus(dir)) {
        String name = st.getPath().getName();
        if (st.isDirectory() && name.startsWith(RUN_DATE + "=")) {
          LocalDate d = LocalDate.parse(name.substring(RUN_DATE.length() + 1));
          if (!d.isAfter(runDate) && (best == null || d.isAfter(best))) {
            best = d;
          }
        }
      }
      return Optional.ofNullable(best);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * The rows of {@code table}'s {@code runDate} partition if it was written: for Parquet, if its
   * directory exists; for Delta, if the table's latest commit replaced that partition (an empty
   * partition leaves no directory there).
   */
  public static java.util.OptionalLong rowsWritten(
      SparkSession spark, String warehouse, Table table, LocalDate runDate) {
    org.apache.hadoop.conf.Configuration conf = spark.sparkContext().hadoopConfiguration();
    Path dir = table(warehouse, table);
    if (DeltaTables.isDelta(dir, conf)) {
      return DeltaTables.committedRows(spark, dir, runDate);
    }
    Path p = partition(warehouse, table, runDate);
    return HadoopFiles.exists(p, conf)
        ? java.util.OptionalLong.of(ParquetRows.count(p, conf))
        : java.util.OptionalLong.empty();
  }

  /**
   * The Parquet files that hold {@code table}'s {@code runDate} partition: the partition
   * directory's for Parquet, the latest snapshot's for Delta (its directory keeps replaced files
   * until a VACUUM). No Spark session.
   */
  public static java.util.List<Path> partitionFiles(
      org.apache.hadoop.conf.Configuration conf,
      String warehouse,
      String table,
      LocalDate runDate) {
    Path dir = table(warehouse, table);
    if (DeltaTables.isDelta(dir, conf)) {
      return DeltaTables.partitionFiles(conf, dir, runDate);
    }
    try {
      return ParquetRows.files(partition(warehouse, table, runDate), conf);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + partition(warehouse, table, runDate), e);
    }
  }

  /**
   * Whether {@code table}'s {@code runDate} partition was written. A Parquet partition always has
   * its directory; Delta makes none for a partition written with no rows (an empty {@code rejects},
   * say), which the writing stage's run manifest lists all the same.
   */
  public static boolean written(
      org.apache.hadoop.conf.Configuration conf, String warehouse, Table table, LocalDate runDate) {
    return HadoopFiles.exists(partition(warehouse, table, runDate), conf)
        || (DeltaTables.isDelta(table(warehouse, table), conf)
            && RunManifest.lists(conf, warehouse, table.writtenBy(), runDate, table.name()));
  }

  /**
   * One run date's partition of a table written by an earlier stage, without the run_date column.
   * Fails with a message naming the stage to run when the partition is missing, or when it lacks a
   * declared column or holds one of another type (written by another version).
   */
  public static Dataset<Row> read(
      SparkSession spark, String warehouse, Table table, LocalDate runDate) {
    Path p = partition(warehouse, table, runDate);
    // A Delta table keeps a partition's directory after a keep-runs delete until VACUUM: reading a
    // pruned date then gives no rows, not this message.
    if (!written(spark.sparkContext().hadoopConfiguration(), warehouse, table, runDate)) {
      throw new IllegalStateException(Preflight.missingPartition(table, runDate, p));
    }
    Path dir = table(warehouse, table);
    Dataset<Row> rows =
        DeltaTables.isDelta(dir, spark.sparkContext().hadoopConfiguration())
            ? DeltaTables.partition(spark, dir, runDate)
            : spark.read().parquet(p.toString());
    String d = table.differences(rows.schema(), true);
    if (!d.isEmpty()) {
      throw new IllegalStateException(
          "table "
              + table
              + " at "
              + p
              + " has "
              + d
              + ": it was written by another version of movierec; rerun the "
              + table.writtenBy()
              + " stage for "
              + runDate);
    }
    return rows;
  }
}
