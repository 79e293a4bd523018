package movierec.io;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The warehouse's tables in Delta Lake format ({@code warehouse.format = delta}): the same tables
 * and run_date partitions as Parquet, with {@code run_date} a DATE column Delta partitions by, and
 * every change one atomic commit to the table's {@code _delta_log}.
 */
public final class DeltaTables {
  /** The directory whose presence makes a table directory a Delta table. */
  public static final String LOG_DIR = "_delta_log";

  private DeltaTables() {}

  /** Delta's SQL (DELETE, VACUUM) and catalog (CREATE TABLE ... USING delta) in a session. */
  public static SparkSession.Builder configure(SparkSession.Builder b) {
    return b.config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config(
            "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        // A Delta log's state is rebuilt with this many tasks (50 by default): ours gains one
        // entry per file per run, so 2 tasks do it in a fraction of the time. spark.conf can
        // raise it.
        .config("spark.databricks.delta.snapshotPartitions", "2");
  }

  public static boolean isDelta(Path table, Configuration conf) {
    return HadoopFiles.exists(new Path(table, LOG_DIR), conf);
  }

  /**
   * The Parquet files of one run date in the table's latest snapshot, read with Delta Kernel: no
   * Spark session, so a terminal answer takes what it takes on a Parquet warehouse. The partition's
   * directory also holds the files earlier commits replaced, until a VACUUM; only the snapshot says
   * which are current.
   */
  public static List<Path> partitionFiles(Configuration conf, Path table, LocalDate runDate) {
    io.delta.kernel.engine.Engine engine =
        io.delta.kernel.defaults.engine.DefaultEngine.create(conf);
    io.delta.kernel.Snapshot snapshot =
        io.delta.kernel.Table.forPath(engine, table.toString()).getLatestSnapshot(engine);
    io.delta.kernel.expressions.Predicate day =
        new io.delta.kernel.expressions.Predicate(
            "=",
            new io.delta.kernel.expressions.Column(Tables.RUN_DATE),
            io.delta.kernel.expressions.Literal.ofDate((int) runDate.toEpochDay()));
    io.delta.kernel.Scan scan = snapshot.getScanBuilder().withFilter(day).build();
    List<Path> out = new java.util.ArrayList<>();
    String wanted = runDate.toString();
    try (var batches = scan.getScanFiles(engine)) {
      while (batches.hasNext()) {
        try (var rows = batches.next().getRows()) {
          while (rows.hasNext()) {
            io.delta.kernel.data.Row r = rows.next();
            // Partition pruning is exact for a partition column, checked all the same.
            if (wanted.equals(
                io.delta.kernel.internal.InternalScanFileUtils.getPartitionValues(r)
                    .get(Tables.RUN_DATE))) {
              out.add(
                  new Path(
                      io.delta.kernel.internal.InternalScanFileUtils.getAddFileStatus(r)
                          .getPath()));
            }
          }
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(
          "cannot read the Delta log of " + table + ": " + e.getMessage(), e);
    }
    out.sort(null);
    return out;
  }

  /** One run date's rows, without the run_date column, as in a Parquet partition directory. */
  static Dataset<Row> partition(SparkSession spark, Path table, LocalDate runDate) {
    return spark
        .read()
        .format("delta")
        .load(table.toString())
        .where(col(Tables.RUN_DATE).equalTo(lit(java.sql.Date.valueOf(runDate))))
        .drop(Tables.RUN_DATE);
  }

  /**
   * Replaces the {@code runDate} partition with {@code rows} in one Delta commit (the table is
   * created by the first): readers see the old partition or the new one, never a mix, on any store.
   */
  static void replacePartition(
      SparkSession spark, Path table, LocalDate runDate, Dataset<Row> rows) {
    rows.withColumn(Tables.RUN_DATE, lit(java.sql.Date.valueOf(runDate)))
        .write()
        .format("delta")
        .mode(SaveMode.Overwrite)
        .option("replaceWhere", Tables.RUN_DATE + " = DATE'" + runDate + "'")
        .partitionBy(Tables.RUN_DATE)
        .save(table.toString());
  }

  /**
   * The rows of {@code runDate}'s partition if the table's latest commit is the write that replaced
   * it (its operation metrics hold the count, so nothing is read); empty otherwise.
   */
  static OptionalLong committedRows(SparkSession spark, Path table, LocalDate runDate) {
    Row last =
        DeltaTable.forPath(spark, table.toString())
            .history(1)
            .select("operation", "operationParameters", "operationMetrics")
            .first();
    Map<String, String> parameters = last.isNullAt(1) ? Map.of() : last.getJavaMap(1);
    Map<String, String> metrics = last.isNullAt(2) ? Map.of() : last.getJavaMap(2);
    String predicate = parameters.get("predicate");
    if (!"WRITE".equals(last.getString(0))
        || predicate == null
        || !predicate.contains(runDate.toString())) {
      return OptionalLong.empty();
    }
    return metrics.containsKey("numOutputRows")
        ? OptionalLong.of(Long.parseLong(metrics.get("numOutputRows")))
        : OptionalLong.of(partition(spark, table, runDate).count());
  }

  /**
   * Deletes the partitions older than {@code oldestKept} in one commit and returns their dates. The
   * files stay until a {@code VACUUM} past Delta's retention (7 days by default), so readers of an
   * older version are not cut off: that is the operator's to schedule, as for any Delta table.
   */
  public static List<LocalDate> deleteBefore(SparkSession spark, Path table, LocalDate oldestKept) {
    String name = "delta.`" + table.toString().replace("`", "``") + "`";
    String where = " WHERE " + Tables.RUN_DATE + " < DATE'" + oldestKept + "'";
    List<LocalDate> dates =
        spark
            .sql("SELECT DISTINCT " + Tables.RUN_DATE + " FROM " + name + where)
            .collectAsList()
            .stream()
            .map(r -> r.getDate(0).toLocalDate())
            .sorted()
            .toList();
    if (!dates.isEmpty()) {
      spark.sql("DELETE FROM " + name + where);
    }
    return dates;
  }
}
