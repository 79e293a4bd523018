package movierec.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces the run-date partition of one or more tables as close to atomically as the file system
 * allows, so a failed or killed run never leaves half a table where a good one was.
 *
 * <p>Each {@link #stage} writes a Dataset in full to a hidden sibling of the partition ({@code
 * <table>/.staging_run_date=D_<id>}). The prefix is a dot: Spark's partition discovery skips names
 * starting with {@code .}, but not those starting with {@code _} that hold an {@code =} (a reader
 * would fail on "conflicting partition columns" while a write runs). Nothing visible changes until
 * {@link #commit}, which swaps them into place table by table. Staging every table before the first
 * swap keeps a failure in any write from touching any table. The staging, swap and recovery are
 * {@link DirectorySwap}'s.
 *
 * <p>With {@link TableFormat#DELTA}, tables are staged the same way and {@link #commit} copies each
 * staged table into its Delta table as one commit that replaces the run date's rows (no rename, so
 * atomic on object stores too); files that are not tables (models, reports) still swap.
 */
public final class PartitionCommit implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PartitionCommit.class);

  private final SparkSession spark;
  private final String warehouse;
  private final LocalDate runDate;
  private final TableFormat format;
  private final String runId = UUID.randomUUID().toString();
  private final Map<Path, Path> staged = new LinkedHashMap<>();
  private final Map<Path, Table> stagedTables = new HashMap<>();

  public PartitionCommit(
      SparkSession spark, String warehouse, LocalDate runDate, TableFormat format) {
    this.spark = spark;
    this.warehouse = warehouse;
    this.runDate = runDate;
    this.format = format;
  }

  /**
   * Writes {@code rows} to the staging location of {@code table}, in the table's declared order;
   * visible only after commit. The rows must have exactly the table's declared columns.
   */
  public void stage(Table table, Dataset<Row> rows) {
    table.checkWritten(rows.schema());
    Path staging = newStaging(table.name());
    spark.sparkContext().setJobDescription("write " + table + " " + runDate);
    table.sorted(rows).write().mode(SaveMode.ErrorIfExists).parquet(staging.toString());
    stagedTables.put(Tables.partition(warehouse, table, runDate), table);
    LOG.info("Staged table {} for {} at {}", table, runDate, staging);
  }

  /**
   * Stages a partition of files that are not a Dataset (a model): {@code writer} fills the staging
   * directory, which then commits like a table.
   */
  public void stageFiles(String table, java.util.function.Consumer<Path> writer) {
    stageDirectory(Tables.partition(warehouse, table, runDate), writer);
  }

  /**
   * Stages a directory of files that replaces {@code target} on commit, for outputs laid out by
   * date rather than as a table partition (the HTML report).
   */
  public void stageDirectory(Path target, java.util.function.Consumer<Path> writer) {
    Path staging = newStaging(target);
    try {
      fileSystem(staging).mkdirs(staging);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + staging + ": " + e.getMessage(), e);
    }
    writer.accept(staging);
    LOG.info("Staged files of {} at {}", target, staging);
  }

  /** Repairs the partition if an earlier run was interrupted, and reserves a staging path. */
  private Path newStaging(String table) {
    return newStaging(Tables.partition(warehouse, table, runDate));
  }

  private Path newStaging(Path partition) {
    if (staged.containsKey(partition)) {
      throw new IllegalStateException(partition + " is staged twice in one commit");
    }
    DirectorySwap.recover(fileSystem(partition), partition);
    Path staging = DirectorySwap.staging(partition, runId);
    staged.put(partition, staging);
    return staging;
  }

  /** Puts every staged table into place, in the order staged. */
  public void commit() {
    for (Map.Entry<Path, Path> e : staged.entrySet()) {
      Path partition = e.getKey();
      if (format == TableFormat.DELTA && stagedTables.containsKey(partition)) {
        Path table = partition.getParent();
        spark.sparkContext().setJobDescription("commit " + table.getName() + " " + runDate);
        DeltaTables.replacePartition(
            spark, table, runDate, stagedRows(stagedTables.get(partition), e.getValue()));
        delete(e.getValue());
        LOG.info("Committed {} (Delta, run_date = {})", table, runDate);
      } else {
        DirectorySwap.swap(fileSystem(partition), e.getValue(), partition, runId);
        LOG.info("Committed {}", partition);
      }
    }
    staged.clear();
    stagedTables.clear();
  }

  /**
   * The rows staged for {@code table}, read by file: Spark warns that it ignores a hidden directory
   * given as the path, though it reads it. With the declared schema, an empty table reads too.
   */
  private Dataset<Row> stagedRows(Table table, Path staging) {
    List<String> files = new ArrayList<>();
    try {
      ParquetRows.files(staging, spark.sparkContext().hadoopConfiguration())
          .forEach(f -> files.add(f.toString()));
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot list " + staging + ": " + ex.getMessage(), ex);
    }
    return files.isEmpty()
        ? spark.createDataFrame(List.of(), table.schema())
        : spark.read().schema(table.schema()).parquet(files.toArray(String[]::new));
  }

  /** Deletes whatever was staged and not committed. */
  @Override
  public void close() {
    staged.values().forEach(this::delete);
    staged.clear();
    stagedTables.clear();
  }

  private void delete(Path staging) {
    try {
      fileSystem(staging).delete(staging, true);
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("Could not delete staging directory {}: {}", staging, e.toString());
    }
  }

  private FileSystem fileSystem(Path p) {
    try {
      return p.getFileSystem(spark.sparkContext().hadoopConfiguration());
    } catch (IOException e) {
      throw new UncheckedIOException("no file system for " + p + ": " + e.getMessage(), e);
    }
  }
}
