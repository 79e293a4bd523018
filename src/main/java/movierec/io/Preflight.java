package movierec.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Checks run before Spark starts, so a wrong path fails in a second with a clear message. */
public final class Preflight {
  private Preflight() {}

  /** Fails unless {@code input.path} exists. */
  public static void inputExists(String inputPath, Configuration conf) {
    Path p = new Path(inputPath);
    try {
      if (!p.getFileSystem(conf).exists(p)) {
        throw new PreflightException(missingInput(p.toString()));
      }
    } catch (IOException e) {
      throw new PreflightException("cannot check input.path " + p + ": " + e.getMessage(), e);
    }
  }

  /** What to tell a user whose input.path does not exist. */
  public static String missingInput(String inputPath) {
    return "input.path "
        + inputPath
        + " does not exist. Point it at an unpacked MovieLens directory"
        + " (--conf input.path=DIR), or fetch one with './submit.sh fetch-data ml-1m'"
        + " (also ml-100k, ml-latest-small, ml-25m; see"
        + " https://grouplens.org/datasets/movielens/).";
  }

  /**
   * Fails unless every table in {@code inputs} has its {@code runDate} partition under {@code
   * warehouse}, naming the first missing one and the stage that writes it.
   */
  public static void partitionsExist(
      String warehouse,
      java.util.List<Table> inputs,
      java.time.LocalDate runDate,
      Configuration conf) {
    for (Table table : inputs) {
      Path p = Tables.partition(warehouse, table, runDate);
      try {
        if (!Tables.written(conf, warehouse, table, runDate)) {
          throw new PreflightException(missingPartition(table, runDate, p));
        }
      } catch (UncheckedIOException e) {
        throw new PreflightException("cannot check " + p + ": " + e.getMessage(), e);
      }
    }
  }

  /**
   * Fails unless every one of {@code tables} already under {@code warehouse} is stored in {@code
   * format}: one warehouse holds one format, and a job must neither write Parquet directories into
   * a Delta table (Delta would not see them) nor a Delta log over Parquet partitions.
   */
  public static void formatMatches(
      String warehouse, java.util.List<Table> tables, TableFormat format, Configuration conf) {
    for (Table table : tables) {
      Path dir = Tables.table(warehouse, table);
      try {
        FileSystem fs = dir.getFileSystem(conf);
        if (!fs.exists(dir)) {
          continue;
        }
        boolean delta = DeltaTables.isDelta(dir, conf);
        if (delta && format == TableFormat.PARQUET) {
          throw new PreflightException(
              "table "
                  + table
                  + " at "
                  + dir
                  + " is a Delta table, but warehouse.format = parquet: set warehouse.format ="
                  + " delta for this warehouse, or point warehouse.path at another directory");
        }
        if (!delta && format == TableFormat.DELTA && hasPartitions(fs, dir)) {
          throw new PreflightException(
              "table "
                  + table
                  + " at "
                  + dir
                  + " holds Parquet partitions, but warehouse.format = delta: point"
                  + " warehouse.path at a new directory, set warehouse.format = parquet, or"
                  + " convert each table in spark-sql (CONVERT TO DELTA parquet.`"
                  + dir
                  + "` PARTITIONED BY (run_date DATE))");
        }
      } catch (IOException e) {
        throw new PreflightException("cannot check " + dir + ": " + e.getMessage(), e);
      }
    }
  }

  private static boolean hasPartitions(FileSystem fs, Path dir) throws IOException {
    for (org.apache.hadoop.fs.FileStatus st : fs.listStatus(dir)) {
      if (st.getPath().getName().startsWith(Tables.RUN_DATE + "=")) {
        return true;
      }
    }
    return false;
  }

  /** What to tell a user whose job reads a partition no stage has written. */
  public static String missingPartition(Table table, java.time.LocalDate runDate, Path p) {
    return "table "
        + table.name()
        + " has no partition for run date "
        + runDate
        + " at "
        + p
        + ": run the "
        + table.writtenBy()
        + " stage for that date first (./submit.sh "
        + table.writtenBy()
        + " --run-date "
        + runDate
        + ")";
  }

  /** Fails unless a file can be created (and deleted) under {@code warehouse.path}. */
  public static void warehouseWritable(String warehouse, Configuration conf) {
    writable("warehouse.path", warehouse, conf);
  }

  /** Fails unless a file can be created (and deleted) in {@code dir}; {@code what} names it. */
  public static void writable(String what, String dir, Configuration conf) {
    Path d = new Path(dir);
    Path probe = new Path(d, "_write_probe_" + UUID.randomUUID());
    try {
      FileSystem fs = d.getFileSystem(conf);
      fs.mkdirs(d);
      fs.create(probe, false).close();
      fs.delete(probe, false);
    } catch (IOException | UncheckedIOException e) {
      throw new PreflightException(what + " " + d + " is not writable: " + e.getMessage(), e);
    }
  }

  /**
   * Fails unless {@code bytes} fit in half of this JVM's heap (the rest is Spark's and the data's):
   * work held whole on the driver says what it needs before the run starts, not as an
   * OutOfMemoryError hours in.
   */
  public static void driverHeapFits(String what, long bytes, String fix) {
    long heap = Runtime.getRuntime().maxMemory();
    if (bytes > heap / 2) {
      throw new PreflightException(
          String.format(
              "%s needs %,d MB on the driver, more than half of its %,d MB heap. %s",
              what, bytes >> 20, heap >> 20, fix));
    }
  }

  /** A preflight check failed; the message names the setting to fix. */
  public static final class PreflightException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PreflightException(String message) {
      super(message);
    }

    PreflightException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
