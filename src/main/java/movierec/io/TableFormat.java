package movierec.io;

import java.util.Locale;

/** How the warehouse's tables are stored ({@code warehouse.format}). */
public enum TableFormat {
  /**
   * Plain Parquet directories; a partition is replaced by a directory swap (atomic on HDFS and
   * local disks, not on object stores).
   */
  PARQUET,
  /** Delta Lake tables; a partition is replaced by one Delta commit (atomic on object stores). */
  DELTA;

  /** The name as configured and as Spark knows the data source. */
  public String sourceName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
